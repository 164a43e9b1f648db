"""Meetings: time, place or video, agenda, attendees (guardians too) and their answers,
minutes, and the next meeting that follows one up."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess
from laget.cases.choices import MeetingKind, MeetingStatus, Response
from laget.cases.interpreters import attendee_need, unbooked
from laget.cases.messages import (
    FOLLOW_UP_AGENDA,
    MSG_INTERPRETER_NOT_BOOKED,
    MSG_MEETING_HELD_BEFORE_START,
    MSG_MEETING_NEEDS_PLACE,
    MSG_MEETING_NOT_PLANNED,
    MSG_NEXT_MEETING_NOT_AFTER,
    MSG_NOT_AN_INTERPRETER_NEED,
    MSG_UNKNOWN_ATTENDEE,
    MSG_UNKNOWN_PARTICIPANT,
    MSG_UNKNOWN_RESPONSE,
)
from laget.cases.models import Meeting, MeetingAttendee
from laget.cases.notifications import notify_meeting_invitation
from laget.cases.services.common import audit_write, ensure_in_case, ensure_open
from laget.lib.concurrency import save_versioned
from laget.lib.plausible import case_dates, ensure_plausible
from laget.people.models import Guardian

MEETING_FIELDS = (
    "kind",
    "starts_at",
    "place",
    "video_url",
    "agenda",
    "minutes",
    "status",
    "child_view",
)


def _set_attendees(
    access: CaseAccess,
    meeting: Meeting,
    participant_ids: Sequence[int],
    guardian_ids: Sequence[int],
) -> None:
    case = access.case
    participants = list(case.participants.filter(pk__in=participant_ids, left_at__isnull=True))
    if len(participants) != len(set(participant_ids)):
        raise ValidationError({"participants": MSG_UNKNOWN_PARTICIPANT}, code="unknown")
    guardians: list[Guardian] = []
    if guardian_ids:
        if case.subject_id is not None:
            guardians = list(
                Guardian.objects.filter(pk__in=guardian_ids, subject_id=case.subject_id)
            )
        if len(guardians) != len(set(guardian_ids)):
            raise ValidationError({"guardians": MSG_UNKNOWN_PARTICIPANT}, code="unknown")
    existing = {(a.participant_id, a.guardian_id): a for a in meeting.attendees.all()}
    wanted = {(p.pk, None) for p in participants} | {(None, g.pk) for g in guardians}
    meeting.attendees.exclude(
        pk__in=[a.pk for key, a in existing.items() if key in wanted]
    ).delete()
    MeetingAttendee.objects.bulk_create(
        [
            MeetingAttendee(meeting=meeting, participant_id=pid, guardian_id=gid)
            for pid, gid in wanted
            if (pid, gid) not in existing
        ]
    )


def _check_place(place: str, video_url: str) -> None:
    if not place.strip() and not video_url.strip():
        raise ValidationError({"place": MSG_MEETING_NEEDS_PLACE}, code="required")


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    access: CaseAccess,
    starts_at: datetime.datetime,
    kind: str = MeetingKind.COORDINATION,
    place: str = "",
    video_url: str = "",
    agenda: str = "",
    participant_ids: Sequence[int] = (),
    guardian_ids: Sequence[int] = (),
    follows: Meeting | None = None,
    child_view: str = "",
) -> Meeting:
    ensure_open(access)
    if follows is not None:
        ensure_in_case(access, follows)
    _check_place(place, video_url)
    ensure_plausible({"starts_at": (starts_at, case_dates())})
    assert actor.user is not None
    meeting = Meeting(
        case=access.case,
        kind=kind,
        starts_at=starts_at,
        place=place.strip(),
        video_url=video_url.strip(),
        agenda=agenda.strip(),
        child_view=child_view.strip(),
        follows=follows,
        created_by=actor.user,
    )
    meeting.full_clean()
    meeting.save()
    _set_attendees(access, meeting, participant_ids, guardian_ids)
    audit_write(actor, AuditAction.CREATE, meeting, access.case.pk)
    notify_meeting_invitation(meeting)
    return meeting


def _ensure_held_after_start(status: str, starts_at: datetime.datetime) -> None:
    """A meeting is marked held only once it has started (and a held one is not moved ahead)."""
    if status == MeetingStatus.HELD and starts_at > timezone.now():
        raise ValidationError({"status": MSG_MEETING_HELD_BEFORE_START}, code="held_before_start")


@transaction.atomic
def meeting_update(
    *,
    actor: Actor,
    access: CaseAccess,
    meeting: Meeting,
    expected_version: int,
    participant_ids: Sequence[int] | None = None,
    guardian_ids: Sequence[int] | None = None,
    next_starts_at: datetime.datetime | None = None,
    **changes: Any,
) -> Meeting:
    """Reschedule, write minutes or mark held/cancelled. Refuses a stale version.

    With `next_starts_at`, also plans the meeting that follows this one up (see
    `_plan_follow_up`), in the same transaction."""
    ensure_open(access)
    ensure_in_case(access, meeting)
    fields = {name: changes[name] for name in MEETING_FIELDS if name in changes}
    _check_place(fields.get("place", meeting.place), fields.get("video_url", meeting.video_url))
    ensure_plausible(
        {
            "starts_at": (fields.get("starts_at"), case_dates()),
            "next_starts_at": (next_starts_at, case_dates()),
        }
    )
    if next_starts_at is not None and next_starts_at <= fields.get("starts_at", meeting.starts_at):
        raise ValidationError({"next_starts_at": MSG_NEXT_MEETING_NOT_AFTER}, code="not_after")
    _ensure_held_after_start(
        fields.get("status", meeting.status), fields.get("starts_at", meeting.starts_at)
    )
    save_versioned(meeting, expected_version=expected_version, fields=fields)
    if participant_ids is not None or guardian_ids is not None:
        current = list(meeting.attendees.all())
        _set_attendees(
            access,
            meeting,
            participant_ids
            if participant_ids is not None
            else [a.participant_id for a in current if a.participant_id],
            guardian_ids
            if guardian_ids is not None
            else [a.guardian_id for a in current if a.guardian_id],
        )
    audit_write(actor, AuditAction.UPDATE, meeting, access.case.pk)
    if next_starts_at is not None:
        _plan_follow_up(actor=actor, access=access, meeting=meeting, starts_at=next_starts_at)
    return meeting


def _plan_follow_up(
    *, actor: Actor, access: CaseAccess, meeting: Meeting, starts_at: datetime.datetime
) -> Meeting:
    """The next meeting: same place and people (those still in the case, and the guardians).
    A handover happens once; what follows it is ordinary coordination."""
    attendees = list(meeting.attendees.select_related("participant"))
    date = timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y")
    return meeting_create(
        actor=actor,
        access=access,
        starts_at=starts_at,
        kind=MeetingKind.COORDINATION if meeting.kind == MeetingKind.HANDOVER else meeting.kind,
        place=meeting.place,
        video_url=meeting.video_url,
        agenda=FOLLOW_UP_AGENDA.format(date=date),
        participant_ids=[
            a.participant.pk for a in attendees if a.participant and a.participant.is_active
        ],
        guardian_ids=[a.guardian_id for a in attendees if a.guardian_id],
        follows=meeting,
    )


@transaction.atomic
def attendee_respond(
    *, actor: Actor, access: CaseAccess, meeting: Meeting, attendee_id: int, response: str
) -> MeetingAttendee:
    """Record an invited person's answer (coming, not coming, or back to no answer yet), as
    told by them or by someone in the case. The meeting's version is left alone: an answer
    does not conflict with someone editing the minutes."""
    ensure_open(access)
    ensure_in_case(access, meeting)
    attendee = meeting.attendees.filter(pk=attendee_id).first()
    if attendee is None:
        raise ValidationError({"attendee": MSG_UNKNOWN_ATTENDEE}, code="unknown")
    if response not in Response.values:
        raise ValidationError({"response": MSG_UNKNOWN_RESPONSE}, code="invalid_choice")
    attendee.response = response
    attendee.save(update_fields=["response"])
    audit_write(actor, AuditAction.UPDATE, attendee, access.case.pk)
    return attendee


def _attendees(meeting: Meeting) -> list[MeetingAttendee]:
    return list(meeting.attendees.select_related("guardian").order_by("pk"))


@transaction.atomic
def interpreter_book(
    *, actor: Actor, access: CaseAccess, meeting: Meeting, attendee_id: int, booked: bool
) -> MeetingAttendee:
    """Record that the interpreter an invited family member needs is booked (or no longer is).
    Booked for the language the member needs today."""
    ensure_open(access)
    ensure_in_case(access, meeting)
    # One booking or marking ready at a time per meeting (meeting_mark_ready locks it too).
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    attendee = meeting.attendees.select_related("guardian").filter(pk=attendee_id).first()
    if attendee is None:
        raise ValidationError({"attendee": MSG_UNKNOWN_ATTENDEE}, code="unknown")
    need = attendee_need(attendee)
    if need is None:
        raise ValidationError({"attendee": MSG_NOT_AN_INTERPRETER_NEED}, code="no_need")
    attendee.interpreter_booked = need.interpreter if booked else ""
    attendee.save(update_fields=["interpreter_booked"])
    audit_write(actor, AuditAction.UPDATE, attendee, access.case.pk)
    return attendee


@transaction.atomic
def meeting_mark_ready(*, actor: Actor, access: CaseAccess, meeting: Meeting) -> Meeting:
    """Mark a planned meeting ready: refused while an invited family member's interpreter is
    not booked."""
    ensure_open(access)
    ensure_in_case(access, meeting)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError({"ready": MSG_MEETING_NOT_PLANNED}, code="not_planned")
    missing = unbooked(_attendees(meeting))
    if missing:
        languages = ", ".join(sorted({need.label for need in missing}))
        raise ValidationError(
            {"ready": MSG_INTERPRETER_NOT_BOOKED % {"languages": languages}},
            code="interpreter_not_booked",
        )
    assert actor.user is not None
    meeting.ready_at = timezone.now()
    meeting.ready_by = actor.user
    meeting.save(update_fields=["ready_at", "ready_by"])
    audit_write(actor, AuditAction.UPDATE, meeting, access.case.pk)
    return meeting
