"""Meetings: plan, read, reschedule, write minutes (with the version read), plan the next one,
record the answers of those invited, book their interpreters and mark a meeting ready."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from laget.api.schema import READ, conflict, errors, responses
from laget.api.serializers.common import NoBody
from laget.api.serializers.meetings import (
    AttendeeResponseSerializer,
    InterpreterBookingSerializer,
    MeetingCreateSerializer,
    MeetingSerializer,
    MeetingUpdateSerializer,
)
from laget.api.views.common import CaseAPIView, validated
from laget.cases.access import CaseAccess, Need
from laget.cases.models import Meeting
from laget.cases.services.meetings import (
    attendee_respond,
    interpreter_book,
    meeting_create,
    meeting_mark_ready,
    meeting_update,
)

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
            child_view=data["child_view"],
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
        "with the meeting as now saved, and nothing is changed. With `next_starts_at` the next "
        "meeting is planned too, in the same transaction (a 400 names `next_starts_at` when it "
        "is not after this meeting).",
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
        next_starts_at = data.pop("next_starts_at", None)
        with self.showing_conflicts(access):
            meeting_update(
                actor=self.actor,
                access=access,
                meeting=meeting,
                expected_version=version,
                participant_ids=participant_ids,
                guardian_ids=guardian_ids,
                next_starts_at=next_starts_at,
                **data,
            )
        meeting = _meetings(access).get(pk=meeting.pk)
        return Response(MeetingSerializer(meeting).data)


class AttendeeResponseView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Record an invited person's answer",
        description="Whether the invited participant or guardian is coming (`accepted`), is not "
        "(`declined`), or has not answered (`invited`). Answers the meeting as now saved; an "
        "attendee of another meeting is a 400 naming `attendee`.",
        request=AttendeeResponseSerializer,
        responses=responses({200: MeetingSerializer}),
    )
    def post(self, request: Request, case_id: int, meeting_id: int, attendee_id: int) -> Response:
        access = self.write_access(case_id, Need.WRITE)
        meeting = get_object_or_404(access.case.meetings, pk=meeting_id)
        data = validated(AttendeeResponseSerializer, request)
        attendee_respond(
            actor=self.actor,
            access=access,
            meeting=meeting,
            attendee_id=attendee_id,
            response=data["response"],
        )
        meeting = _meetings(access).get(pk=meeting.pk)
        return Response(MeetingSerializer(meeting).data)


class InterpreterBookingView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Book or unbook an invited family member's interpreter",
        description="Records that the interpreter the invited guardian needs (their "
        "`interpreter` in the case's guardians) is booked for this meeting (`booked`: true), or "
        "no longer is (false). The booking is for the language the guardian needs today: should "
        "the need change later, it counts as not booked until booked again. Answers the "
        "meeting as now saved (the attendee's `interpreter_booked`). A 400 names `attendee` "
        "when the attendee is not one of this meeting's, or needs no interpreter; "
        "`non_field_errors` when the case is closed.",
        request=InterpreterBookingSerializer,
        responses=responses({200: MeetingSerializer}),
    )
    def post(self, request: Request, case_id: int, meeting_id: int, attendee_id: int) -> Response:
        access = self.write_access(case_id, Need.WRITE)
        meeting = get_object_or_404(access.case.meetings, pk=meeting_id)
        data = validated(InterpreterBookingSerializer, request)
        interpreter_book(
            actor=self.actor,
            access=access,
            meeting=meeting,
            attendee_id=attendee_id,
            booked=data["booked"],
        )
        meeting = _meetings(access).get(pk=meeting.pk)
        return Response(MeetingSerializer(meeting).data)


class MeetingReadyView(CaseAPIView):
    @extend_schema(
        tags=TAGS,
        summary="Mark a meeting ready",
        description="Marks a planned meeting ready (`ready_at`). Takes no body. Refused with a "
        "400 naming `ready`, and nothing changed, while an invited family member's interpreter "
        "is not booked (the message names the languages) or when the meeting is not planned "
        "(held or cancelled); `non_field_errors` when the case is closed. Marking a ready "
        "meeting again sets `ready_at` anew. Answers the meeting as now saved.",
        request=None,
        responses=responses({200: MeetingSerializer}),
    )
    def post(self, request: Request, case_id: int, meeting_id: int) -> Response:
        access = self.write_access(case_id, Need.WRITE)
        meeting = get_object_or_404(access.case.meetings, pk=meeting_id)
        validated(NoBody, request)
        meeting_mark_ready(actor=self.actor, access=access, meeting=meeting)
        meeting = _meetings(access).get(pk=meeting.pk)
        return Response(MeetingSerializer(meeting).data)
