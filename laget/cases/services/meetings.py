"""Meetings: time, place or video, agenda, attendees (guardians too), minutes."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess
from laget.cases.choices import MeetingKind
from laget.cases.messages import MSG_MEETING_NEEDS_PLACE, MSG_UNKNOWN_PARTICIPANT
from laget.cases.models import Meeting, MeetingAttendee
from laget.cases.services.common import audit_write, ensure_in_case, ensure_open
from laget.lib.concurrency import save_versioned
from laget.people.models import Guardian

MEETING_FIELDS = ("kind", "starts_at", "place", "video_url", "agenda", "minutes", "status")


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
) -> Meeting:
    ensure_open(access)
    _check_place(place, video_url)
    assert actor.user is not None
    meeting = Meeting(
        case=access.case,
        kind=kind,
        starts_at=starts_at,
        place=place.strip(),
        video_url=video_url.strip(),
        agenda=agenda.strip(),
        created_by=actor.user,
    )
    meeting.full_clean()
    meeting.save()
    _set_attendees(access, meeting, participant_ids, guardian_ids)
    audit_write(actor, AuditAction.CREATE, meeting, access.case.pk)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: Actor,
    access: CaseAccess,
    meeting: Meeting,
    expected_version: int,
    participant_ids: Sequence[int] | None = None,
    guardian_ids: Sequence[int] | None = None,
    **changes: Any,
) -> Meeting:
    """Reschedule, write minutes or mark held/cancelled. Refuses a stale version."""
    ensure_open(access)
    ensure_in_case(access, meeting)
    fields = {name: changes[name] for name in MEETING_FIELDS if name in changes}
    _check_place(fields.get("place", meeting.place), fields.get("video_url", meeting.video_url))
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
    return meeting
