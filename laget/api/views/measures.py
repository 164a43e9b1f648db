"""Measures (tiltak): create, read, change (with the version read) and evaluate."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from laget.api.schema import READ, conflict, errors, responses
from laget.api.serializers.measures import (
    MeasureCreateSerializer,
    MeasureEvaluateSerializer,
    MeasureSerializer,
    MeasureUpdateSerializer,
)
from laget.api.views.common import CaseAPIView, validated
from laget.cases.access import CaseAccess, Need
from laget.cases.models import Measure, MeasureEvaluation
from laget.cases.services.measures import measure_create, measure_evaluate, measure_update

TAGS = ["measures"]
STALE = conflict("Measure", MeasureSerializer)


def _measures(access: CaseAccess) -> QuerySet[Measure]:
    evaluations = MeasureEvaluation.objects.select_related("author", "author_unit")
    return access.case.measures.select_related(
        "responsible__user", "responsible__unit"
    ).prefetch_related(Prefetch("evaluations", queryset=evaluations))


class MeasuresView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Measures of the case",
        responses={200: MeasureSerializer(many=True), **errors(*READ)},
    )
    def get(self, request: Request, case_id: int) -> Response:
        return Response(MeasureSerializer(_measures(self.case(case_id)), many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Add a measure",
        request=MeasureCreateSerializer,
        responses=responses({201: MeasureSerializer}),
    )
    def post(self, request: Request, case_id: int) -> Response:
        access = self.write_access(case_id, Need.WRITE)
        data = validated(MeasureCreateSerializer, request)
        measure = measure_create(
            actor=self.actor,
            access=access,
            title=data["title"],
            goal=data["goal"],
            arena=data["arena"],
            responsible_id=data["responsible"],
            start_date=data["start_date"],
            evaluation_date=data["evaluation_date"],
            status=data["status"],
            meeting_id=data["meeting"],
            child_view=data["child_view"],
            recurrence=data["recurrence"],
        )
        measure = _measures(access).get(pk=measure.pk)
        return Response(MeasureSerializer(measure).data, status=status.HTTP_201_CREATED)


class MeasureView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="A measure",
        responses={200: MeasureSerializer, **errors(*READ)},
    )
    def get(self, request: Request, case_id: int, measure_id: int) -> Response:
        measure = get_object_or_404(_measures(self.case(case_id)), pk=measure_id)
        return Response(MeasureSerializer(measure).data)

    @extend_schema(
        tags=TAGS,
        summary="Change a measure",
        description="Send the `version` you read; if someone saved since, the answer is 409 "
        "with the measure as now saved, and nothing is changed.",
        request=MeasureUpdateSerializer,
        responses=responses({200: MeasureSerializer}, stale=STALE),
    )
    def patch(self, request: Request, case_id: int, measure_id: int) -> Response:
        access = self.write_access(case_id, Need.WRITE)
        measure = get_object_or_404(_measures(access), pk=measure_id)
        data = validated(MeasureUpdateSerializer, request)
        version = data.pop("version")
        if "responsible" in data:
            data["responsible_id"] = data.pop("responsible")
        with self.showing_conflicts(access):
            measure_update(
                actor=self.actor, access=access, measure=measure, expected_version=version, **data
            )
        return Response(MeasureSerializer(_measures(access).get(pk=measure.pk)).data)


class MeasureEvaluateView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Record whether a measure worked",
        description="Adds one evaluation; the earlier ones stay (`evaluations`, newest first). "
        "An evaluation that continues the measure names `next_evaluation_on`, which becomes its "
        "`evaluation_date`. Field errors answer 400.",
        request=MeasureEvaluateSerializer,
        responses=responses({200: MeasureSerializer}, stale=STALE),
    )
    def post(self, request: Request, case_id: int, measure_id: int) -> Response:
        access = self.write_access(case_id, Need.WRITE)
        measure = get_object_or_404(_measures(access), pk=measure_id)
        data = validated(MeasureEvaluateSerializer, request)
        with self.showing_conflicts(access):
            measure_evaluate(
                actor=self.actor,
                access=access,
                measure=measure,
                expected_version=data["version"],
                evaluated_on=data.get("evaluated_on"),
                outcome=data["outcome"],
                text=data["text"],
                status=data["status"],
                next_evaluation_on=data["next_evaluation_on"],
            )
        return Response(MeasureSerializer(_measures(access).get(pk=measure.pk)).data)
