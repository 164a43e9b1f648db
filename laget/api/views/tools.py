"""Tools: the published tools of one's municipality; filling one in a case, reading it."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from laget.api.permissions import request_user
from laget.api.schema import READ, errors, responses
from laget.api.serializers.tools import (
    FilledToolCreateSerializer,
    FilledToolSerializer,
    ToolSerializer,
)
from laget.api.views.common import CaseAPIView, validated
from laget.cases.access import Need
from laget.cases.tools.services import MSG_UNKNOWN_VERSION, tool_fill
from laget.orgs.selectors import staff_profile
from laget.tools.models import ToolVersion
from laget.tools.selectors import case_filled_tools, published_tools

TAGS = ["tools"]


class ToolsView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="The published tools of my municipality, with their current schema",
        responses={200: ToolSerializer(many=True), **errors(401)},
    )
    def get(self, request: Request) -> Response:
        ids = staff_profile(request_user(request)).municipality_ids
        tools = published_tools(ids)
        return Response(ToolSerializer(tools, many=True).data)  # type: ignore[arg-type]


def _answers_errors(exc: ValidationError) -> ValidationError:
    """The answers' errors named `answers.<field key>`; the version's stay `version`."""
    if not hasattr(exc, "error_dict"):
        return exc
    named = {
        key if key in ("version", NON_FIELD_ERRORS) else f"answers.{key}": errs
        for key, errs in exc.error_dict.items()
    }
    return ValidationError(named)


class CaseToolsView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Fill a tool in the case",
        description="Answers are checked against the version's schema; errors are named "
        "`answers.<field key>`. The log gets an entry for the professionals with the score.",
        request=FilledToolCreateSerializer,
        responses=responses({201: FilledToolSerializer}),
    )
    def post(self, request: Request, case_id: int) -> Response:
        access = self.write_access(case_id, Need.WRITE)
        data = validated(FilledToolCreateSerializer, request)
        version = (
            ToolVersion.objects.select_related("definition").filter(pk=data["version"]).first()
        )
        if version is None:
            raise ValidationError({"version": MSG_UNKNOWN_VERSION})
        try:
            filled = tool_fill(
                actor=self.actor, access=access, version=version, answers=data["answers"]
            )
        except ValidationError as exc:
            raise _answers_errors(exc) from None
        return Response(FilledToolSerializer(filled).data, status=status.HTTP_201_CREATED)


class CaseToolView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="A tool filled in the case",
        responses={200: FilledToolSerializer, **errors(*READ)},
    )
    def get(self, request: Request, case_id: int, filled_id: int) -> Response:
        access = self.case(case_id)
        filled = get_object_or_404(case_filled_tools(access.case.pk), pk=filled_id)
        return Response(FilledToolSerializer(filled).data)
