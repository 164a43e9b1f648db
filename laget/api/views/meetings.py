"""Meetings: plan, read, reschedule, write minutes (with the version read)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from laget.api.schema import READ, conflict, errors, responses
from laget.api.serializers.meetings import (
    MeetingCreateSerializer,
    MeetingSerializer,
    MeetingUpdateSerializer,
)
from laget.api.views.common import CaseAPIView, validated
from laget.cases.access import CaseAccess, Need
from laget.cases.models import Meeting
from laget.cases.services.meetings import meeting_create, meeting_update

TAGS = ["meetings"]


def _meetings(access: CaseAccess) -> QuerySet[Meeting]:
    return access.case.meetings.prefetch_related(
        "attendees__participant__user", "attendees__participant__unit", "attendees__guardian"
    )


class MeetingsView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Meetings of the case",
        responses={200: MeetingSerializer(many=True), **errors(*READ)},
    )
    def get(self, request: Request, case_id: int) -> Response:
        return Response(MeetingSerializer(_meetings(self.case(case_id)), many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Plan a meeting",
        request=MeetingCreateSerializer,
        responses=responses({201: MeetingSerializer}),
    )
    def post(self, request: Request, case_id: int) -> Response:
        access = self.write_access(case_id, Need.WRITE)
        data = validated(MeetingCreateSerializer, request)
        meeting = meeting_create(
            actor=self.actor,
            access=access,
            starts_at=data["starts_at"],
            kind=data["kind"],
            place=data["place"],
            video_url=data.get("video_url", ""),
            agenda=data["agenda"],
            participant_ids=data["participants"],
            guardian_ids=data["guardians"],
        )
        meeting = _meetings(access).get(pk=meeting.pk)
        return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)


class MeetingView(CaseAPIView):
    @extend_schema(
        tags=TAGS, summary="A meeting", responses={200: MeetingSerializer, **errors(*READ)}
    )
    def get(self, request: Request, case_id: int, meeting_id: int) -> Response:
        meeting = get_object_or_404(_meetings(self.case(case_id)), pk=meeting_id)
        return Response(MeetingSerializer(meeting).data)

    @extend_schema(
        tags=TAGS,
        summary="Change a meeting: reschedule, minutes, held or cancelled",
        description="Send the `version` you read; if someone saved since, the answer is 409 "
        "with the meeting as now saved, and nothing is changed.",
        request=MeetingUpdateSerializer,
        responses=responses({200: MeetingSerializer}, stale=conflict("Meeting", MeetingSerializer)),
    )
    def patch(self, request: Request, case_id: int, meeting_id: int) -> Response:
        access = self.write_access(case_id, Need.WRITE)
        meeting = get_object_or_404(_meetings(access), pk=meeting_id)
        data = validated(MeetingUpdateSerializer, request)
        version = data.pop("version")
        participant_ids = data.pop("participants", None)
        guardian_ids = data.pop("guardians", None)
        with self.showing_conflicts(access):
            meeting_update(
                actor=self.actor,
                access=access,
                meeting=meeting,
                expected_version=version,
                participant_ids=participant_ids,
                guardian_ids=guardian_ids,
                **data,
            )
        meeting = _meetings(access).get(pk=meeting.pk)
        return Response(MeetingSerializer(meeting).data)
