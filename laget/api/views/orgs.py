"""The organisation: the logged-in user, the municipality's units, the staff one manages."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from laget.accounts.models import User
from laget.api.permissions import ManagesStaff, request_user
from laget.api.schema import errors, responses
from laget.api.serializers.orgs import (
    MSG_CHOOSE_MUNICIPALITY,
    MSG_UNKNOWN_MUNICIPALITY,
    MeSerializer,
    MunicipalitySerializer,
    MunicipalityUpdateSerializer,
    StaffCreateSerializer,
    StaffSerializer,
    UnitCreateSerializer,
    UnitSerializer,
)
from laget.api.views.common import validated
from laget.audit.models import Via
from laget.cases.messages import MSG_UNKNOWN_UNIT
from laget.orgs.models import Membership, Municipality, Unit
from laget.orgs.rules import administered_municipality_ids, administers
from laget.orgs.selectors import StaffProfile, managed_memberships, staff_profile
from laget.orgs.services import municipality_update, staff_create, unit_create


def _admin_municipality(profile: StaffProfile, requested: int | None) -> Municipality:
    """The municipality an admin acts in: the one named, or their only one."""
    administered = administered_municipality_ids(profile)
    if not administered:
        raise PermissionDenied
    if requested is None:
        if len(administered) > 1:
            raise ValidationError({"municipality": MSG_CHOOSE_MUNICIPALITY})
        (requested,) = administered
    if requested not in administered:
        raise ValidationError({"municipality": MSG_UNKNOWN_MUNICIPALITY})
    return Municipality.objects.get(pk=requested)


class MeView(APIView):
    @extend_schema(
        tags=["organisation"], summary="Who I am", responses={200: MeSerializer, **errors(401)}
    )
    def get(self, request: Request) -> Response:
        user = request_user(request)
        user.active_memberships = list(  # type: ignore[attr-defined]
            Membership.objects.filter(user=user, is_active=True)
            .select_related("unit", "municipality")
            .order_by("id")
        )
        return Response(MeSerializer(user).data)


class MunicipalityView(APIView):
    def _municipality(self, request: Request, municipality_id: int) -> Municipality:
        profile = staff_profile(request_user(request))
        if municipality_id not in profile.municipality_ids:
            raise Http404
        return Municipality.objects.get(pk=municipality_id)

    @extend_schema(
        tags=["organisation"],
        summary="My municipality and its settings",
        responses={200: MunicipalitySerializer, **errors(401, 404)},
    )
    def get(self, request: Request, municipality_id: int) -> Response:
        return Response(MunicipalitySerializer(self._municipality(request, municipality_id)).data)

    @extend_schema(
        tags=["organisation"],
        summary="Change the municipality's settings (municipal admin)",
        description="The level-0 deadline applies to worries opened from now on.",
        request=MunicipalityUpdateSerializer,
        responses=responses({200: MunicipalitySerializer}, (400, 401, 403, 404)),
    )
    def patch(self, request: Request, municipality_id: int) -> Response:
        municipality = self._municipality(request, municipality_id)
        if not administers(request_user(request), municipality.pk):
            raise PermissionDenied
        data = validated(MunicipalityUpdateSerializer, request)
        municipality_update(
            by=request_user(request),
            municipality=municipality,
            level0_deadline_days=data["level0_deadline_days"],
        )
        return Response(MunicipalitySerializer(municipality).data)


class UnitsView(APIView):
    @extend_schema(
        tags=["organisation"],
        summary="The units of my municipality",
        responses={200: UnitSerializer(many=True), **errors(401)},
    )
    def get(self, request: Request) -> Response:
        profile = staff_profile(request_user(request))
        units = Unit.objects.filter(municipality_id__in=profile.municipality_ids).order_by(
            "name", "pk"
        )
        return Response(UnitSerializer(units, many=True).data)

    @extend_schema(
        tags=["organisation"],
        summary="Create a unit (municipal admin)",
        request=UnitCreateSerializer,
        responses=responses({201: UnitSerializer}, (400, 401, 403)),
    )
    def post(self, request: Request) -> Response:
        user = request_user(request)
        profile = staff_profile(user)
        if not administered_municipality_ids(profile):
            raise PermissionDenied
        data = validated(UnitCreateSerializer, request)
        municipality = _admin_municipality(profile, data.get("municipality"))
        unit = unit_create(by=user, municipality=municipality, name=data["name"], kind=data["kind"])
        return Response(UnitSerializer(unit).data, status=status.HTTP_201_CREATED)


class StaffView(APIView):
    permission_classes = [*APIView.permission_classes, ManagesStaff]

    @extend_schema(
        tags=["organisation"],
        summary="The staff I manage",
        responses={200: StaffSerializer(many=True), **errors(401, 403)},
    )
    def get(self, request: Request) -> Response:
        memberships = managed_memberships(staff_profile(request_user(request)))
        users = (
            User.objects.filter(memberships__in=memberships)
            .distinct()
            .order_by("last_name", "first_name", "pk")
            .prefetch_related(
                Prefetch("memberships", queryset=memberships, to_attr="managed_memberships")
            )
        )
        return Response(StaffSerializer(users, many=True).data)

    @extend_schema(
        tags=["organisation"],
        summary="Create a staff user with one membership",
        description="A municipal admin gives any role; a unit leader adds employees to their unit.",
        request=StaffCreateSerializer,
        responses=responses({201: StaffSerializer}, (400, 401, 403)),
    )
    def post(self, request: Request) -> Response:
        by = request_user(request)
        profile = staff_profile(by)
        data = validated(StaffCreateSerializer, request)
        unit: Unit | None = None
        if data["unit"] is not None:
            unit = (
                Unit.objects.select_related("municipality")
                .filter(pk=data["unit"], municipality_id__in=profile.municipality_ids)
                .filter(is_active=True)
                .first()
            )
            if unit is None:
                raise ValidationError({"unit": MSG_UNKNOWN_UNIT})
            municipality = unit.municipality
        else:
            municipality = _admin_municipality(profile, data.get("municipality"))
        user = staff_create(
            by=by,
            municipality=municipality,
            unit=unit,
            role=data["role"],
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data.get("email", ""),
            phone=data["phone"],
            title=data["title"],
            password=data.get("password"),
            via=Via.API,
        )
        user.managed_memberships = list(  # type: ignore[attr-defined]
            user.memberships.select_related("unit", "municipality").order_by("pk")
        )
        return Response(StaffSerializer(user).data, status=status.HTTP_201_CREATED)
