"""Answers to a meeting invitation: someone in the case records whether an invited person is
coming (a guardian who phoned, say). The same service will serve the family portal."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from laget.audit.models import AuditAction, AuditEvent
from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import Response
from laget.cases.messages import MSG_CASE_CLOSED, MSG_UNKNOWN_ATTENDEE, MSG_UNKNOWN_RESPONSE
from laget.cases.models import Meeting, MeetingAttendee
from laget.cases.services.lifecycle import case_close
from laget.cases.services.meetings import attendee_respond, meeting_create
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def access_of(world: World, role: str = "participant") -> CaseAccess:
    return case_for(world.users[role], world.case.pk, need=Need.WRITE, audit=False)


def respond(
    world: World, attendee_id: int, response: str, *, meeting: Meeting | None = None
) -> MeetingAttendee:
    return attendee_respond(
        actor=actor_for(world.users["participant"]),
        access=access_of(world),
        meeting=meeting or Meeting.objects.get(pk=world.meeting.pk),
        attendee_id=attendee_id,
        response=response,
    )


def response_of(attendee_id: int) -> str:
    return MeetingAttendee.objects.get(pk=attendee_id).response


def test_an_answer_is_recorded_and_audited_as_an_update_of_the_invitation(world: World) -> None:
    since = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    attendee = respond(world, world.attendee.pk, Response.ACCEPTED)
    assert attendee.response == response_of(world.attendee.pk) == Response.ACCEPTED
    rows = AuditEvent.objects.filter(id__gt=since)
    assert [(r.action, r.object_type, r.object_id, r.case_id, r.actor_id) for r in rows] == [
        (
            AuditAction.UPDATE,
            "meetingattendee",
            world.attendee.pk,
            world.case.pk,
            world.users["participant"].pk,
        )
    ]


def test_an_answer_can_be_changed_and_taken_back(world: World) -> None:
    respond(world, world.attendee.pk, Response.DECLINED)
    assert response_of(world.attendee.pk) == Response.DECLINED
    respond(world, world.attendee.pk, Response.INVITED)
    assert response_of(world.attendee.pk) == Response.INVITED


def test_the_meetings_version_is_left_alone(world: World) -> None:
    respond(world, world.attendee.pk, Response.ACCEPTED)
    assert Meeting.objects.get(pk=world.meeting.pk).version == 1


def test_an_attendee_of_another_meeting_is_refused_and_nothing_is_written(world: World) -> None:
    other = meeting_create(
        actor=actor_for(world.users["stafettholder"]),
        access=access_of(world, "stafettholder"),
        starts_at=timezone.now() + datetime.timedelta(days=20),
        place="Helsestasjonen",
        participant_ids=[world.participant.pk],
    )
    invitation = other.attendees.get()
    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        respond(world, invitation.pk, Response.ACCEPTED)
    assert excinfo.value.message_dict == {"attendee": [str(MSG_UNKNOWN_ATTENDEE)]}
    assert response_of(invitation.pk) == Response.INVITED
    assert AuditEvent.objects.count() == audits


@pytest.mark.parametrize("value", ["maybe", "", "ACCEPTED"])
def test_an_unknown_answer_is_refused_and_nothing_is_written(world: World, value: str) -> None:
    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        respond(world, world.attendee.pk, value)
    assert excinfo.value.message_dict == {"response": [str(MSG_UNKNOWN_RESPONSE)]}
    assert response_of(world.attendee.pk) == Response.INVITED
    assert AuditEvent.objects.count() == audits


def test_a_meeting_of_another_case_is_missing(world: World) -> None:
    stranger = meeting_create(
        actor=actor_for(world.users["outsider_holder"]),
        access=case_for(world.users["outsider_holder"], world.other_case.pk, need=Need.WRITE),
        starts_at=timezone.now() + datetime.timedelta(days=3),
        place="Bakketun skole",
    )
    with pytest.raises(Http404):
        respond(world, world.attendee.pk, Response.ACCEPTED, meeting=stranger)


def test_closed_case_refuses_an_answer(world: World) -> None:
    # The participant's access was loaded before the case was closed (a request racing it).
    stale = access_of(world)
    case_close(
        actor=actor_for(world.users["stafettholder"]),
        access=access_of(world, "stafettholder"),
        reason="Familien flyttet.",
    )
    with pytest.raises(ValidationError) as excinfo:
        attendee_respond(
            actor=actor_for(world.users["participant"]),
            access=stale,
            meeting=Meeting.objects.get(pk=world.meeting.pk),
            attendee_id=world.attendee.pk,
            response=Response.ACCEPTED,
        )
    assert excinfo.value.messages == [str(MSG_CASE_CLOSED)]
    assert response_of(world.attendee.pk) == Response.INVITED
