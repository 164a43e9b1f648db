"""Meetings: time, place or video, agenda, attendees (guardians too), minutes."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from laget.api.serializers.common import (
    ReadSerializer,
    StrictSerializer,
    VersionedPatchSerializer,
    id_field,
    long_text,
)
from laget.api.serializers.measures import CHILD_VIEW_HELP
from laget.cases.choices import MeetingKind, MeetingStatus, Response
from laget.cases.interpreters import attendee_need, is_ready
from laget.cases.models import Meeting, MeetingAttendee


class AttendeeSerializer(ReadSerializer[MeetingAttendee]):
    interpreter_needed = serializers.SerializerMethodField(
        help_text="The interpreter this invited family member needs (a language code, or sign "
        "language), or null: what `interpreter_booked` must equal for the meeting to be ready."
    )

    class Meta:
        model = MeetingAttendee
        fields = [
            "id",
            "participant",
            "guardian",
            "label",
            "response",
            "interpreter_needed",
            "interpreter_booked",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_interpreter_needed(self, attendee: MeetingAttendee) -> str | None:
        need = attendee_need(attendee)
        return need.interpreter if need is not None else None


class MeetingSerializer(ReadSerializer[Meeting]):
    attendees = AttendeeSerializer(many=True, read_only=True)
    participants = serializers.SerializerMethodField(
        help_text="Ids of the participants invited (as in `attendees`)."
    )
    guardians = serializers.SerializerMethodField(
        help_text="Ids of the guardians invited (as in `attendees`)."
    )
    ready = serializers.SerializerMethodField(
        help_text="Marked ready (`ready_at`) and still with every interpreter booked: a "
        "meeting marked ready whose interpreter was unbooked since is not ready."
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "version",
            "kind",
            "starts_at",
            "place",
            "video_url",
            "agenda",
            "minutes",
            "child_view",
            "status",
            "ready_at",
            "ready",
            "follows",
            "attendees",
            "participants",
            "guardians",
            "created_by",
            "created_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "follows": {"help_text": "The meeting this one follows up, or null."},
        }

    @extend_schema_field(serializers.BooleanField())
    def get_ready(self, meeting: Meeting) -> bool:
        return is_ready(meeting, meeting.attendees.all())

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_participants(self, meeting: Meeting) -> list[int]:
        return [a.participant_id for a in meeting.attendees.all() if a.participant_id]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_guardians(self, meeting: Meeting) -> list[int]:
        return [a.guardian_id for a in meeting.attendees.all() if a.guardian_id]


def _ids(help_text: str, **kwargs: Any) -> serializers.ListField:
    return serializers.ListField(child=id_field(), max_length=200, help_text=help_text, **kwargs)


class MeetingCreateSerializer(StrictSerializer):
    starts_at = serializers.DateTimeField()
    kind = serializers.ChoiceField(choices=MeetingKind.choices, default=MeetingKind.COORDINATION)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    video_url = serializers.URLField(required=False, allow_blank=True)
    agenda = long_text(required=False, allow_blank=True, default="")
    child_view = long_text(required=False, allow_blank=True, default="", help_text=CHILD_VIEW_HELP)
    participants = _ids("Active participants of the case to invite.", required=False, default=list)
    guardians = _ids("Guardians of the case's subject to invite.", required=False, default=list)


class MeetingUpdateSerializer(VersionedPatchSerializer):
    """Only the fields sent are changed; `participants`/`guardians` replace the invited list."""

    starts_at = serializers.DateTimeField(required=False)
    kind = serializers.ChoiceField(choices=MeetingKind.choices, required=False)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    video_url = serializers.URLField(required=False, allow_blank=True)
    agenda = long_text(required=False, allow_blank=True)
    minutes = long_text(required=False, allow_blank=True)
    child_view = long_text(required=False, allow_blank=True, help_text=CHILD_VIEW_HELP)
    status = serializers.ChoiceField(choices=MeetingStatus.choices, required=False)
    participants = _ids("Active participants of the case to invite.", required=False)
    guardians = _ids("Guardians of the case's subject to invite.", required=False)
    next_starts_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="Plan the next meeting at this time, after this one: same kind (coordination "
        "after a handover), place and video link, the invited who are still in the case and the "
        "guardians. Its `follows` is this meeting.",
    )


class AttendeeResponseSerializer(StrictSerializer):
    response = serializers.ChoiceField(
        choices=Response.choices, help_text="The invited person's answer."
    )


class InterpreterBookingSerializer(StrictSerializer):
    booked = serializers.BooleanField(
        help_text="Whether the interpreter the invited family member needs is booked (true) or "
        "no longer is (false). Booked for the language the member needs today."
    )
