"""Cases: my cases, opening a concern, the case page, identifying, level, report, closing."""

import functools

from django.core.exceptions import ValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.fields import Field
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import ListSerializer, Serializer

from laget.api.errors import prefixed
from laget.api.schema import READ, errors, responses
from laget.api.serializers.cases import (
    CaseCreateSerializer,
    CaseDetailSerializer,
    CaseListParamsSerializer,
    CaseListSerializer,
    CaseSerializer,
    CloseSerializer,
    IdentifySerializer,
    LevelChangeCreateSerializer,
    LevelChangeSerializer,
    ReportSerializer,
)
from laget.api.views.common import CaseAPIView, query, validated
from laget.audit.services import audit_list
from laget.cases.access import Need
from laget.cases.selectors import case_page, my_cases
from laget.cases.services.lifecycle import (
    case_change_level,
    case_close,
    case_identify,
    case_open,
    case_report_concern,
    provisional_label,
)

TAGS = ["cases"]


class CasesView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="My cases",
        description="The cases I may read, with level, stafettholder, next evaluation, overdue "
        "measures and next meeting. Writes one audit record listing the cases shown.",
        parameters=[CaseListParamsSerializer],
        responses={200: CaseListSerializer(many=True), **errors(400, 401)},
    )
    def get(self, request: Request) -> Response:
        params = query(CaseListParamsSerializer, request)
        cases = list(my_cases(self.user, include_closed=params["include_closed"]))
        audit_list(actor=self.actor, case_ids=[c.pk for c in cases])
        return Response(CaseListSerializer(cases, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Open a concern",
        description="Opens a case in one of my units (at level 0 a worry to decide within the "
        "municipality's deadline). With `subject`, the case is identified in the same "
        "transaction; errors about the person are named `subject.<field>`.",
        request=CaseCreateSerializer,
        responses=responses({201: CaseSerializer}, (400, 401)),
    )
    def post(self, request: Request) -> Response:
        data = validated(CaseCreateSerializer, request)
        person = data["subject"]
        label = data["label"]
        if not label and person is not None:
            label = provisional_label()
        with transaction.atomic():
            case = case_open(
                actor=self.actor,
                user=self.user,
                unit_id=data["unit"],
                label=label,
                level=data["level"],
                reason=data["reason"],
                observation=data["observation"],
            )
            if person is not None:
                access = self.write_access(case.pk, Need.COORDINATE)
                try:
                    case_identify(actor=self.actor, access=access, **person)
                except ValidationError as exc:
                    raise prefixed(exc, "subject") from exc
                case = access.case
        return Response(CaseSerializer(case).data, status=status.HTTP_201_CREATED)


class CaseView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="The case page",
        description="The case with participants, level history, measures, the newest entries, "
        "meetings, transitions and handovers. Writes one audit record.",
        responses={200: CaseDetailSerializer, **errors(*READ)},
    )
    def get(self, request: Request, case_id: int) -> Response:
        page = case_page(self.case(case_id), all_entries=False)
        # The instance is the whole page, not the bare case (see CaseDetailSerializer).
        return Response(_page_representation().to_representation(page))


@functools.cache
def _page_representation() -> CaseDetailSerializer:
    """One CaseDetailSerializer per process, its fields built once. DRF builds a
    ModelSerializer's fields (and its nested serializers') anew for every instance: three
    quarters of this endpoint's serialising. Representing reads the fields and keeps no state
    (no `.data`, no instance), so threads share it; the fields are built here, not lazily
    by two threads at once."""
    serializer = CaseDetailSerializer()
    _build_fields(serializer)
    return serializer


def _build_fields(field: Field) -> None:
    if isinstance(field, ListSerializer):
        _build_fields(field.child)  # type: ignore[arg-type]
    elif isinstance(field, Serializer):
        for child in field.fields.values():
            _build_fields(child)


class CaseIdentifyView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Tie a de-identified case to a person",
        request=IdentifySerializer,
        responses=responses({200: CaseSerializer}),
    )
    def post(self, request: Request, case_id: int) -> Response:
        access = self.write_access(case_id, Need.COORDINATE)
        data = validated(IdentifySerializer, request)
        case_identify(actor=self.actor, access=access, **data)
        return Response(CaseSerializer(access.case).data)


class CaseLevelView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Change the level",
        description="Up or down, skipping levels if need be. From level 1 on the case needs a "
        "stafettholder: name one (`stafettholder`, a person participant) if it has none.",
        request=LevelChangeCreateSerializer,
        responses=responses({201: LevelChangeSerializer}),
    )
    def post(self, request: Request, case_id: int) -> Response:
        access = self.write_access(case_id, Need.COORDINATE)
        data = validated(LevelChangeCreateSerializer, request)
        change = case_change_level(
            actor=self.actor,
            access=access,
            to_level=data["to_level"],
            reason=data["reason"],
            stafettholder_id=data["stafettholder"],
        )
        return Response(LevelChangeSerializer(change).data, status=status.HTTP_201_CREATED)


class CaseReportView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Record a report of concern to child welfare",
        description="Child welfare joins the case on the statutory duty to report.",
        request=ReportSerializer,
        responses=responses({201: LevelChangeSerializer}),
    )
    def post(self, request: Request, case_id: int) -> Response:
        access = self.write_access(case_id, Need.COORDINATE)
        data = validated(ReportSerializer, request)
        change = case_report_concern(
            actor=self.actor,
            access=access,
            reason=data["reason"],
            child_welfare_unit_id=data["child_welfare_unit"],
        )
        return Response(LevelChangeSerializer(change).data, status=status.HTTP_201_CREATED)


class CaseCloseView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Close the case",
        description="From now on the case is read-only.",
        request=CloseSerializer,
        responses=responses({200: CaseSerializer}),
    )
    def post(self, request: Request, case_id: int) -> Response:
        access = self.write_access(case_id, Need.COORDINATE)
        data = validated(CloseSerializer, request)
        case = case_close(actor=self.actor, access=access, reason=data["reason"])
        return Response(CaseSerializer(case).data)
