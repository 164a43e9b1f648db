"""The statutes a unit may join a case on: the list every member reads, the admin extends."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from laget.api.permissions import api_actor, request_user
from laget.api.schema import errors, responses
from laget.api.serializers.orgs import MSG_CHOOSE_MUNICIPALITY, MSG_UNKNOWN_MUNICIPALITY
from laget.api.serializers.statutes import (
    LocalStatuteCreateSerializer,
    LocalStatuteSerializer,
    StatuteSerializer,
)
from laget.api.views.common import validated
from laget.cases.services.statutes import local_statute_create
from laget.cases.statutes import statutes_for
from laget.orgs.models import Municipality
from laget.orgs.rules import administered_municipality_ids
from laget.orgs.selectors import staff_profile

TAGS = ["organisation"]
MUNICIPALITY = OpenApiParameter(
    "municipality",
    OpenApiTypes.INT,
    description="For a member of more than one municipality; else their own.",
)


class StatutesView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="The statutes a unit may join a case on",
        description="The national list and the municipality's own additions. `statute` in "
        "the participant and transition bodies names one by its `key`; it must serve the "
        "unit's kind of service.",
        parameters=[MUNICIPALITY],
        responses={200: StatuteSerializer(many=True), **errors(401, 404)},
    )
    def get(self, request: Request) -> Response:
        ids = sorted(staff_profile(request_user(request)).municipality_ids)
        try:
            wanted = int(request.query_params.get("municipality", ids[0] if ids else 0))
        except ValueError:
            wanted = 0
        if wanted not in ids:
            raise Http404
        return Response(StatuteSerializer(statutes_for(wanted), many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Add a statute to the municipality's list (municipal admin)",
        description="With the reason, audited. The key is made from the reference.",
        request=LocalStatuteCreateSerializer,
        responses=responses({201: LocalStatuteSerializer}, (400, 401, 403)),
    )
    def post(self, request: Request) -> Response:
        administered = administered_municipality_ids(request_user(request))
        if not administered:
            raise PermissionDenied
        data = validated(LocalStatuteCreateSerializer, request)
        wanted = data.get("municipality")
        if wanted is None:
            if len(administered) > 1:
                raise ValidationError({"municipality": MSG_CHOOSE_MUNICIPALITY})
            (wanted,) = administered
        if wanted not in administered:
            raise ValidationError({"municipality": MSG_UNKNOWN_MUNICIPALITY})
        row = local_statute_create(
            actor=api_actor(request),
            municipality=Municipality.objects.get(pk=wanted),
            reference=data["reference"],
            title=data["title"],
            unit_kinds=data["unit_kinds"],
            reason=data["reason"],
        )
        return Response(LocalStatuteSerializer(row).data, status=status.HTTP_201_CREATED)
