"""Participants of a case, leaving, and handing over the baton."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from laget.api.schema import READ, errors, responses
from laget.api.serializers.common import NoBody
from laget.api.serializers.participants import (
    HandoverCreateSerializer,
    HandoverSerializer,
    ParticipantAddSerializer,
    ParticipantSerializer,
)
from laget.api.views.common import CaseAPIView, validated
from laget.cases.access import Need
from laget.cases.services.participants import baton_hand_over, participant_add, participant_leave

TAGS = ["participants"]


class ParticipantsView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Participants, active and former",
        responses={200: ParticipantSerializer(many=True), **errors(*READ)},
    )
    def get(self, request: Request, case_id: int) -> Response:
        access = self.case(case_id)
        participants = access.case.participants.select_related("user", "unit").order_by(
            "joined_at", "pk"
        )
        return Response(ParticipantSerializer(participants, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Bring a unit, or a person of a unit, into the case",
        request=ParticipantAddSerializer,
        responses=responses({201: ParticipantSerializer}),
    )
    def post(self, request: Request, case_id: int) -> Response:
        access = self.write_access(case_id, Need.COORDINATE)
        data = validated(ParticipantAddSerializer, request)
        participant = participant_add(
            actor=self.actor,
            access=access,
            unit_id=data["unit"],
            user_id=data["user"],
            role=data["role"],
            legal_basis=data["legal_basis"],
            statute=data["statute"],
            consent_id=data["consent"],
        )
        return Response(ParticipantSerializer(participant).data, status=status.HTTP_201_CREATED)


class ParticipantLeaveView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Let a participant leave the case",
        description="The stafettholder of a case at level 1 or higher hands over the baton first.",
        request=None,
        responses=responses({200: ParticipantSerializer}),
    )
    def post(self, request: Request, case_id: int, participant_id: int) -> Response:
        access = self.write_access(case_id, Need.COORDINATE)
        validated(NoBody, request)
        get_object_or_404(access.case.participants, pk=participant_id)
        participant = participant_leave(
            actor=self.actor, access=access, participant_id=participant_id
        )
        return Response(ParticipantSerializer(participant).data)


class HandoverView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Hand the baton to another person in the case",
        request=HandoverCreateSerializer,
        responses=responses({201: HandoverSerializer}),
    )
    def post(self, request: Request, case_id: int) -> Response:
        access = self.write_access(case_id, Need.COORDINATE)
        data = validated(HandoverCreateSerializer, request)
        handover = baton_hand_over(
            actor=self.actor,
            access=access,
            to_participant_id=data["to_participant"],
            note=data["note"],
        )
        return Response(HandoverSerializer(handover).data, status=status.HTTP_201_CREATED)
