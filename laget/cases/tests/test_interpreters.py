"""Interpreters at meetings: an invited family member's need shows on the meeting's card, is
booked there, and the meeting cannot be marked ready until every need is booked."""

from typing import Any

import pytest
from django.urls import reverse

from laget.audit.models import AuditAction, AuditEvent
from laget.cases.interpreters import is_ready, meeting_needs
from laget.cases.messages import MSG_NOT_AN_INTERPRETER_NEED
from laget.cases.models import Meeting, MeetingAttendee
from laget.people.models import Guardian
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def url(name: str, world: World, **kwargs: int) -> str:
    return reverse(f"cases:{name}", kwargs={"case_id": world.case.pk, **kwargs})


@pytest.fixture
def invited(world: World) -> MeetingAttendee:
    """A guardian of the child, needing a sign language interpreter, invited to the meeting."""
    assert world.case.subject is not None
    guardian = Guardian.objects.create(
        subject=world.case.subject, name="Solveig Rønningen", interpreter="sgn-no"
    )
    return MeetingAttendee.objects.create(meeting=world.meeting, guardian=guardian)


def page(client: Any, world: World) -> str:
    return str(client.get(url("case_detail", world)).content.decode())


def ready(client: Any, world: World) -> Any:
    return client.post(url("meeting_ready", world, meeting_id=world.meeting.pk), follow=True)


def book(client: Any, world: World, attendee: MeetingAttendee, booked: bool = True) -> Any:
    return client.post(
        url("interpreter_book", world, meeting_id=world.meeting.pk, attendee_id=attendee.pk),
        {"booked": "1" if booked else "0"},
        follow=True,
    )


def test_the_card_says_an_interpreter_is_needed_and_not_booked(
    world: World, client_for: Any, invited: MeetingAttendee
) -> None:
    html = page(client_for("participant"), world)
    assert "Solveig Rønningen (foresatt): trenger tolk (Norsk tegnspråk), ikke bestilt" in html
    assert "Tolk er bestilt" in html  # the button


def test_the_meeting_cannot_be_marked_ready_before_the_interpreter_is_booked(
    world: World, client_for: Any, invited: MeetingAttendee
) -> None:
    client = client_for("participant")
    response = ready(client, world)
    assert "Møtet kan ikke merkes klart før tolk er bestilt: Norsk tegnspråk." in (
        response.content.decode()
    )
    assert Meeting.objects.get(pk=world.meeting.pk).ready_at is None

    response = book(client, world, invited)
    assert "Tolken er registrert som bestilt." in response.content.decode()
    invited.refresh_from_db()
    assert invited.interpreter_booked == "sgn-no"
    assert AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="meetingattendee", object_id=str(invited.pk)
    ).exists()

    response = ready(client, world)
    assert "Møtet er merket klart." in response.content.decode()
    meeting = Meeting.objects.get(pk=world.meeting.pk)
    assert meeting.ready_at is not None
    assert meeting.ready_by == world.users["participant"]
    assert "Planlagt – klart" in page(client, world)


def test_a_need_that_changes_after_the_booking_is_not_booked(
    world: World, client_for: Any, invited: MeetingAttendee
) -> None:
    client = client_for("participant")
    book(client, world, invited)
    ready(client, world)
    guardian = invited.guardian
    assert guardian is not None
    guardian.interpreter = "ar"
    guardian.save(update_fields=["interpreter"])
    attendees = list(world.meeting.attendees.select_related("guardian"))
    assert [(n.interpreter, n.booked) for n in meeting_needs(attendees)] == [("ar", False)]
    assert not is_ready(Meeting.objects.get(pk=world.meeting.pk), attendees)
    assert "ikke klart lenger: tolk mangler" in page(client, world)


def test_booking_for_someone_who_needs_no_interpreter_is_refused(
    world: World, client_for: Any, invited: MeetingAttendee
) -> None:
    response = book(client_for("participant"), world, world.attendee)
    assert str(MSG_NOT_AN_INTERPRETER_NEED) in response.content.decode()
    world.attendee.refresh_from_db()
    assert world.attendee.interpreter_booked == ""


def test_a_reader_sees_the_need_but_has_no_buttons(
    world: World, client_for: Any, invited: MeetingAttendee
) -> None:
    html = page(client_for("unit_leader"), world)
    assert "trenger tolk (Norsk tegnspråk), ikke bestilt" in html
    assert "Merk møtet klart" not in html
    assert "Tolk er bestilt" not in html
