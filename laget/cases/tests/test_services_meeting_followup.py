"""The next meeting: set when a meeting is updated, it is planned in the same transaction with
the same place and the people still in the case, linked to the meeting it follows up."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from laget.audit.models import AuditAction, AuditEvent
from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import MeetingKind, MeetingStatus, Response
from laget.cases.messages import MSG_CASE_CLOSED, MSG_NEXT_MEETING_NOT_AFTER
from laget.cases.models import Meeting
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import case_close
from laget.cases.services.meetings import meeting_create, meeting_update
from laget.cases.services.participants import participant_leave
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def holder(world: World) -> CaseAccess:
    return case_for(world.users["stafettholder"], world.case.pk, need=Need.COORDINATE, audit=False)


def held(world: World, meeting: Meeting, **kwargs: object) -> Meeting:
    """Write the minutes, mark the meeting held, and pass on what the test adds."""
    return meeting_update(
        actor=actor_for(world.users["stafettholder"]),
        access=holder(world),
        meeting=meeting,
        expected_version=meeting.version,
        status=MeetingStatus.HELD,
        minutes="Vi prøver bildekalender hjemme og i barnehagen.",
        **kwargs,  # type: ignore[arg-type]
    )


def world_meeting(world: World) -> Meeting:
    """A fresh copy: world.meeting is shared by the module's tests, and a save changes it."""
    return Meeting.objects.get(pk=world.meeting.pk)


def last_audit_id() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_next_meeting_is_planned_with_the_same_place_and_the_people_still_in_the_case(
    world: World,
) -> None:
    actor = actor_for(world.users["stafettholder"])
    guardian = guardian_add(actor=actor, access=holder(world), name="Ragnhild Fjeldsrud")
    holder_row = world.case.participants.get(user=world.users["stafettholder"])
    starts = timezone.now() - datetime.timedelta(days=2)  # held: it has taken place
    meeting = meeting_create(
        actor=actor,
        access=holder(world),
        starts_at=starts,
        kind=MeetingKind.EVALUATION,
        place="Solstrålen, møterom 2",
        video_url="https://video.example.invalid/rom-2",
        participant_ids=[holder_row.pk, world.participant.pk],
        guardian_ids=[guardian.pk],
    )
    # Per has left the case since he was invited: he is not invited to the next one.
    participant_leave(actor=actor, access=holder(world), participant_id=world.participant.pk)
    next_at = starts + datetime.timedelta(weeks=6)

    held(world, meeting, next_starts_at=next_at)

    follow_up = Meeting.objects.get(follows=meeting)
    assert follow_up.case_id == world.case.pk
    assert follow_up.starts_at == next_at
    assert follow_up.status == MeetingStatus.PLANNED
    assert follow_up.kind == MeetingKind.EVALUATION
    assert (follow_up.place, follow_up.video_url) == (meeting.place, meeting.video_url)
    date = timezone.localtime(starts).strftime("%d.%m.%Y")
    assert follow_up.agenda == f"Oppfølging av møtet {date}"
    invited = {(a.participant_id, a.guardian_id) for a in follow_up.attendees.all()}
    assert invited == {(holder_row.pk, None), (None, guardian.pk)}
    assert {a.response for a in follow_up.attendees.all()} == {Response.INVITED}
    assert list(meeting.followups.all()) == [follow_up]


def test_the_minutes_and_the_next_meeting_are_audited_as_an_update_and_a_create(
    world: World,
) -> None:
    meeting = world_meeting(world)
    since = last_audit_id()
    held(world, meeting, next_starts_at=meeting.starts_at + datetime.timedelta(days=1))
    follow_up = Meeting.objects.get(follows=meeting)
    rows = AuditEvent.objects.filter(id__gt=since).order_by("id")
    assert [(r.action, r.object_type, r.object_id, r.case_id) for r in rows] == [
        (AuditAction.UPDATE, "meeting", world.meeting.pk, world.case.pk),
        (AuditAction.CREATE, "meeting", follow_up.pk, world.case.pk),
    ]


def test_a_handover_is_followed_up_by_a_coordination_meeting(world: World) -> None:
    meeting = meeting_create(
        actor=actor_for(world.users["stafettholder"]),
        access=holder(world),
        starts_at=timezone.now() - datetime.timedelta(days=1),
        kind=MeetingKind.HANDOVER,
        place="Bakketun skole",
    )
    held(world, meeting, next_starts_at=meeting.starts_at + datetime.timedelta(days=30))
    assert Meeting.objects.get(follows=meeting).kind == MeetingKind.COORDINATION


def test_without_a_next_time_no_meeting_is_planned(world: World) -> None:
    before = Meeting.objects.count()
    meeting = held(world, world_meeting(world))
    assert Meeting.objects.count() == before
    assert not meeting.followups.exists()


@pytest.mark.parametrize("offset", [datetime.timedelta(0), datetime.timedelta(hours=-1)])
def test_next_meeting_not_after_this_one_is_refused_and_nothing_is_written(
    world: World, offset: datetime.timedelta
) -> None:
    meeting = world_meeting(world)
    before = (Meeting.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as excinfo:
        held(world, meeting, next_starts_at=meeting.starts_at + offset)
    assert excinfo.value.message_dict == {"next_starts_at": [str(MSG_NEXT_MEETING_NOT_AFTER)]}
    assert (Meeting.objects.count(), AuditEvent.objects.count()) == before
    saved = world_meeting(world)
    assert (saved.version, saved.status, saved.minutes) == (1, MeetingStatus.PLANNED, "")


def test_next_meeting_is_judged_against_the_meetings_new_time(world: World) -> None:
    meeting = world_meeting(world)
    moved = meeting.starts_at + datetime.timedelta(days=7)
    with pytest.raises(ValidationError) as excinfo:
        held(
            world,
            meeting,
            starts_at=moved,
            next_starts_at=meeting.starts_at + datetime.timedelta(days=3),
        )
    assert excinfo.value.message_dict == {"next_starts_at": [str(MSG_NEXT_MEETING_NOT_AFTER)]}


def test_closed_case_refuses_the_next_meeting_and_writes_nothing(world: World) -> None:
    actor = actor_for(world.users["stafettholder"])
    case_close(actor=actor, access=holder(world), reason="Familien flyttet.")
    meeting = world_meeting(world)
    before = (Meeting.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as excinfo:
        held(world, meeting, next_starts_at=meeting.starts_at + datetime.timedelta(days=30))
    assert excinfo.value.messages == [str(MSG_CASE_CLOSED)]
    assert (Meeting.objects.count(), AuditEvent.objects.count()) == before
