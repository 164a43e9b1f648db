"""The service directory: every staff user reads and searches their municipality's services;
the municipal coordinator or admin creates and changes them."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from laget.api.permissions import request_user
from laget.api.schema import errors, responses
from laget.api.serializers.directory import (
    ServiceListParamsSerializer,
    ServiceSerializer,
    ServiceWriteSerializer,
)
from laget.api.views.common import query
from laget.directory import search
from laget.directory.models import Service
from laget.directory.services import service_create, service_update
from laget.orgs.models import Municipality, Unit
from laget.orgs.rules import managed_municipality_ids, manages_municipality
from laget.orgs.selectors import staff_profile

MSG_UNKNOWN_UNIT = _("Ukjent enhet.")
MSG_UNKNOWN_MUNICIPALITY = _("Ukjent kommune.")
MSG_CHOOSE_MUNICIPALITY = _("Velg kommune.")
QUERY_MAX = 100


def _with_match(service: Service, match: search.Match | None) -> Service:
    service.matched = match.matched if match else None  # type: ignore[attr-defined]
    service.matched_field = match.field.value if match else None  # type: ignore[attr-defined]
    return service


def _unit(municipality_id: int, unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    unit = Unit.objects.filter(pk=unit_id, municipality_id=municipality_id).first()
    if unit is None:
        raise ValidationError({"unit": MSG_UNKNOWN_UNIT})
    return unit


class ServicesView(APIView):
    @extend_schema(
        tags=["directory"],
        summary="The services of my municipality",
        description=(
            "Active services by name. With `q`: only those whose name, abbreviation or former "
            "name matches (typos tolerated), best first, with the name that matched."
        ),
        parameters=[ServiceListParamsSerializer],
        responses={200: ServiceSerializer(many=True), **errors(400, 401)},
    )
    def get(self, request: Request) -> Response:
        profile = staff_profile(request_user(request))
        rows = Service.objects.filter(municipality_id__in=profile.municipality_ids).order_by(
            "name", "pk"
        )
        params = query(ServiceListParamsSerializer, request)
        if not params["all"]:
            rows = rows.filter(is_active=True)
        words = params["q"][:QUERY_MAX]
        if words:
            found = [_with_match(m.service, m) for m in search.rank(rows, words)]
        else:
            found = [_with_match(s, None) for s in rows]
        return Response(ServiceSerializer(found, many=True).data)

    @extend_schema(
        tags=["directory"],
        summary="Add a service (municipal coordinator or admin)",
        request=ServiceWriteSerializer,
        responses=responses({201: ServiceSerializer}, (400, 401, 403)),
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        ids = managed_municipality_ids(user)
        if not ids:
            raise PermissionDenied
        serializer = ServiceWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        requested = data.pop("municipality", None)
        if requested is None:
            if len(ids) > 1:
                raise ValidationError({"municipality": MSG_CHOOSE_MUNICIPALITY})
            (requested,) = ids
        if requested not in ids:
            raise ValidationError({"municipality": MSG_UNKNOWN_MUNICIPALITY})
        municipality = Municipality.objects.get(pk=requested)
        data["unit"] = _unit(municipality.pk, data.get("unit"))
        service = service_create(by=user, municipality=municipality, **data)
        return Response(
            ServiceSerializer(_with_match(service, None)).data, status=status.HTTP_201_CREATED
        )


class ServiceView(APIView):
    @extend_schema(
        tags=["directory"],
        summary="Change a service (municipal coordinator or admin)",
        description="Only the fields sent change. `is_active: false` takes it out of the directory.",
        request=ServiceWriteSerializer,
        responses=responses({200: ServiceSerializer}, (400, 401, 403, 404)),
    )
    def patch(self, request: Request, service_id: int) -> Response:
        user = request_user(request)
        service = Service.objects.filter(
            pk=service_id, municipality_id__in=staff_profile(user).municipality_ids
        ).first()
        if service is None:
            raise Http404
        if not manages_municipality(user, service.municipality_id):
            raise PermissionDenied
        serializer = ServiceWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(serializer.validated_data)
        data.pop("municipality", None)
        if "unit" in data:
            data["unit"] = _unit(service.municipality_id, data["unit"])
        service = service_update(by=user, service=service, **data)
        return Response(ServiceSerializer(_with_match(service, None)).data)
