"""Transitions from one unit to another (kindergarten → school), with a handover meeting."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from laget.api.schema import READ, errors, responses
from laget.api.serializers.transitions import TransitionCreateSerializer, TransitionSerializer
from laget.api.views.common import CaseAPIView, validated
from laget.cases.access import Need
from laget.cases.services.transitions import transition_create

TAGS = ["transitions"]


class TransitionsView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Transitions of the case",
        responses={200: TransitionSerializer(many=True), **errors(*READ)},
    )
    def get(self, request: Request, case_id: int) -> Response:
        access = self.case(case_id)
        transitions = access.case.transitions.select_related("from_unit", "to_unit")
        return Response(TransitionSerializer(transitions, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Plan a transition to another unit",
        description="The receiving unit joins the case, a handover meeting is set up with "
        "everyone in the case, and the receiving unit becomes responsible.",
        request=TransitionCreateSerializer,
        responses=responses({201: TransitionSerializer}),
    )
    def post(self, request: Request, case_id: int) -> Response:
        access = self.write_access(case_id, Need.COORDINATE)
        data = validated(TransitionCreateSerializer, request)
        transition = transition_create(
            actor=self.actor,
            access=access,
            to_unit_id=data["to_unit"],
            date=data["date"],
            meeting_at=data["meeting_at"],
            place=data["place"],
            video_url=data.get("video_url", ""),
            legal_basis=data["legal_basis"],
            statute=data["statute"],
            consent_id=data["consent"],
            note=data["note"],
        )
        return Response(TransitionSerializer(transition).data, status=status.HTTP_201_CREATED)
