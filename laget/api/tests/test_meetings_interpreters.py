"""Through the API: an invited family member's interpreter booked (or unbooked), and a meeting
marked ready, which is refused while an interpreter is needed and not booked. The same services
and access rule as the case page's buttons (laget/cases/tests/test_interpreters.py)."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laget.api.tests.helpers import (
    ClientFor,
    audited,
    counts,
    errors_of,
    post,
    token_client,
    url,
)
from laget.audit.models import AuditAction, AuditEvent, Via
from laget.cases.choices import MeetingStatus
from laget.cases.messages import (
    MSG_CASE_CLOSED,
    MSG_INTERPRETER_NOT_BOOKED,
    MSG_MEETING_NOT_PLANNED,
    MSG_NOT_AN_INTERPRETER_NEED,
    MSG_UNKNOWN_ATTENDEE,
)
from laget.cases.models import Meeting, MeetingAttendee
from laget.lib.practice import is_practice_case
from laget.people.models import Guardian
from laget.practice.services import practice_start
from laget.testing.queries import statements
from laget.testing.world import World, build_world
from laget.testing.worlds import api_token, close_case

pytestmark = pytest.mark.django_db

SIGN_LANGUAGE = "sgn-no"
NOT_BOOKED = str(MSG_INTERPRETER_NOT_BOOKED % {"languages": "Norsk tegnspråk"})


@pytest.fixture(scope="module")
def world_b(world: World, django_db_blocker: Any) -> World:
    """A second municipality, with a person of every role."""
    with django_db_blocker.unblock():
        return build_world("-b")


def invite_guardian(world: World, name: str, interpreter: str = SIGN_LANGUAGE) -> MeetingAttendee:
    """A guardian of the child, needing an interpreter, invited to world.meeting."""
    assert world.case.subject is not None
    guardian = Guardian.objects.create(
        subject=world.case.subject, name=name, interpreter=interpreter
    )
    return MeetingAttendee.objects.create(meeting=world.meeting, guardian=guardian)


@pytest.fixture
def invited(world: World) -> MeetingAttendee:
    return invite_guardian(world, "Solveig Rønningen")


def book_path(world: World, attendee_id: int, meeting_id: int | None = None) -> str:
    return url(
        "interpreter_book",
        case_id=world.case.pk,
        meeting_id=meeting_id or world.meeting.pk,
        attendee_id=attendee_id,
    )


def ready_path(world: World) -> str:
    return url("meeting_ready", case_id=world.case.pk, meeting_id=world.meeting.pk)


def book(client: Client, world: World, attendee: MeetingAttendee, booked: bool = True) -> Any:
    return post(client, book_path(world, attendee.pk), {"booked": booked})


def ready(client: Client, world: World) -> Any:
    return post(client, ready_path(world))


def meeting_row(world: World) -> Meeting:
    return Meeting.objects.get(pk=world.meeting.pk)


def booked_of(body: dict[str, Any], attendee: MeetingAttendee) -> str:
    return str(next(a for a in body["attendees"] if a["id"] == attendee.pk)["interpreter_booked"])


def test_booked_then_marked_ready(
    world: World, client_for: ClientFor, invited: MeetingAttendee
) -> None:
    client = client_for("participant")
    with audited() as log:
        response = book(client, world, invited)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == world.meeting.pk and body["ready_at"] is None
    assert booked_of(body, invited) == SIGN_LANGUAGE
    assert log.actions() == [(AuditAction.UPDATE, "meetingattendee")]
    assert log.rows[0].object_id == invited.pk and log.rows[0].via == Via.API

    with audited() as log:
        response = ready(client, world)
    assert response.status_code == 200, response.content
    body = response.json()
    meeting = meeting_row(world)
    assert meeting.ready_at is not None and meeting.ready_by == world.users["participant"]
    assert body["ready_at"] is not None
    assert body["version"] == world.meeting.version  # readiness does not touch the minutes
    assert log.actions() == [(AuditAction.UPDATE, "meeting")]
    assert log.rows[0].object_id == world.meeting.pk and log.rows[0].via == Via.API


def test_marking_ready_again_is_taken_as_on_the_case_page(
    world: World, client_for: ClientFor
) -> None:
    """Nothing to book (the world's attendee needs no interpreter): each mark is a new
    `ready_at`, audited like the first."""
    client = client_for("stafettholder")
    first = ready(client, world)
    assert first.status_code == 200, first.content
    with audited() as log:
        again = ready(client, world)
    assert again.status_code == 200, again.content
    assert again.json()["ready_at"] >= first.json()["ready_at"]
    assert log.actions() == [(AuditAction.UPDATE, "meeting")]


def test_not_booked_is_refused_naming_the_language_and_nothing_changes(
    world: World, client_for: ClientFor, invited: MeetingAttendee
) -> None:
    before = counts(AuditEvent, Meeting, MeetingAttendee)
    response = ready(client_for("stafettholder"), world)
    assert errors_of(response) == {"ready": [NOT_BOOKED]}
    assert counts(AuditEvent, Meeting, MeetingAttendee) == before
    meeting = meeting_row(world)
    assert meeting.ready_at is None and meeting.ready_by is None
    assert meeting.version == world.meeting.version


def test_unbooking_makes_the_meeting_refuse_ready_again(
    world: World, client_for: ClientFor, invited: MeetingAttendee
) -> None:
    client = client_for("stafettholder")
    assert book(client, world, invited).status_code == 200
    # Booking twice is the same booking (and a second audited update, as on the case page).
    again = book(client, world, invited)
    assert again.status_code == 200 and booked_of(again.json(), invited) == SIGN_LANGUAGE
    response = book(client, world, invited, booked=False)
    assert response.status_code == 200, response.content
    assert booked_of(response.json(), invited) == ""
    invited.refresh_from_db()
    assert invited.interpreter_booked == ""
    assert errors_of(ready(client, world)) == {"ready": [NOT_BOOKED]}


def test_every_need_must_be_booked(world: World, client_for: ClientFor) -> None:
    client = client_for("stafettholder")
    signing = invite_guardian(world, "Solveig Rønningen")
    invite_guardian(world, "Ahmad Haddad", interpreter="ar")
    assert book(client, world, signing).status_code == 200
    assert errors_of(ready(client, world)) == {
        "ready": [str(MSG_INTERPRETER_NOT_BOOKED % {"languages": "arabisk"})]
    }


@pytest.mark.parametrize("status", [MeetingStatus.HELD, MeetingStatus.CANCELLED])
def test_a_meeting_not_planned_is_not_marked_ready(
    world: World, client_for: ClientFor, status: str
) -> None:
    Meeting.objects.filter(pk=world.meeting.pk).update(status=status)
    before = counts(AuditEvent)
    response = ready(client_for("stafettholder"), world)
    assert errors_of(response) == {"ready": [str(MSG_MEETING_NOT_PLANNED)]}
    assert counts(AuditEvent) == before
    assert meeting_row(world).ready_at is None


def test_booking_for_someone_who_needs_no_interpreter_is_named(
    world: World, client_for: ClientFor
) -> None:
    before = counts(AuditEvent)
    response = book(client_for("stafettholder"), world, world.attendee)
    assert errors_of(response) == {"attendee": [str(MSG_NOT_AN_INTERPRETER_NEED)]}
    assert counts(AuditEvent) == before


def test_booked_must_be_said(world: World, client_for: ClientFor, invited: MeetingAttendee) -> None:
    client = client_for("stafettholder")
    assert list(errors_of(post(client, book_path(world, invited.pk), {}))) == ["booked"]
    assert list(errors_of(post(client, book_path(world, invited.pk), {"booked": "x"}))) == [
        "booked"
    ]


def test_an_attendee_of_another_meeting_answers_like_a_missing_one(
    world: World, client_for: ClientFor, invited: MeetingAttendee
) -> None:
    """The attendee is looked up in the meeting named: one elsewhere is as unknown as none."""
    client = client_for("stafettholder")
    other = Meeting.objects.create(
        case=world.case,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        place="Rom 2",
        created_by=world.users["stafettholder"],
    )
    elsewhere = post(client, book_path(world, invited.pk, meeting_id=other.pk), {"booked": True})
    missing = post(client, book_path(world, 2**62, meeting_id=other.pk), {"booked": True})
    assert errors_of(elsewhere) == errors_of(missing) == {"attendee": [str(MSG_UNKNOWN_ATTENDEE)]}
    invited.refresh_from_db()
    assert invited.interpreter_booked == ""


def test_a_closed_case_refuses_both(
    world: World, client_for: ClientFor, invited: MeetingAttendee
) -> None:
    close_case(world)
    client = client_for("stafettholder")  # the last stafettholder still reads it
    before = counts(AuditEvent)
    closed = {"non_field_errors": [str(MSG_CASE_CLOSED)]}
    assert errors_of(book(client, world, invited)) == closed
    assert errors_of(ready(client, world)) == closed
    assert counts(AuditEvent) == before
    invited.refresh_from_db()
    assert invited.interpreter_booked == "" and meeting_row(world).ready_at is None


@pytest.mark.parametrize("role", ["stafettholder", "admin"])
def test_a_token_of_another_municipality_gets_404(
    world: World, world_b: World, invited: MeetingAttendee, role: str
) -> None:
    client = token_client(api_token(world_b.users[role]))
    before = counts(AuditEvent)
    for response in (book(client, world, invited), ready(client, world)):
        assert response.status_code == 404
        assert response.json() == {"detail": "Ikke funnet."}
    missing_case = url("meeting_ready", case_id=2**62, meeting_id=world.meeting.pk)
    assert post(client, missing_case).json() == {"detail": "Ikke funnet."}
    assert counts(AuditEvent) == before
    invited.refresh_from_db()
    assert invited.interpreter_booked == "" and meeting_row(world).ready_at is None


def test_a_meeting_of_another_case_gets_404(
    world: World, world_b: World, client_for: ClientFor
) -> None:
    """B's meeting under world.case's id: missing, as for any meeting not in the case."""
    client = client_for("stafettholder")
    path = url("meeting_ready", case_id=world.case.pk, meeting_id=world_b.meeting.pk)
    assert post(client, path).status_code == 404
    path = book_path(world, world_b.attendee.pk, meeting_id=world_b.meeting.pk)
    assert post(client, path, {"booked": True}).status_code == 404


def test_a_practice_case_is_missing_to_the_api_as_for_the_other_meeting_endpoints(
    world: World,
) -> None:
    """Practice cases open on the real pages only (laget/practice/pages.py), never through the
    API, to their owner neither."""
    owner = world.users["stafettholder"]
    case = practice_start(user=owner, scenario_key="to-tjenester")
    assert is_practice_case(case.pk)
    meeting = Meeting.objects.get(case=case)
    attendee = meeting.attendees.order_by("pk").first()
    assert attendee is not None
    client = token_client(api_token(owner))
    ids = {"case_id": case.pk, "meeting_id": meeting.pk}
    answers = [
        client.get(url("meeting", **ids)),
        post(client, url("attendee_respond", **ids, attendee_id=attendee.pk), {"response": "x"}),
        post(client, url("interpreter_book", **ids, attendee_id=attendee.pk), {"booked": True}),
        post(client, url("meeting_ready", **ids)),
    ]
    assert [r.status_code for r in answers] == [404, 404, 404, 404]
    assert Meeting.objects.get(pk=meeting.pk).ready_at is None


def _queries(client: Client, method: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = method()
    assert response.status_code == 200, response.content
    return statements(captured)


def test_booking_and_ready_do_not_grow_with_the_people_invited(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("stafettholder")
    first = invite_guardian(world, "Guardian 0")
    client.get(url("me"))  # warm up the session and the user

    def cost() -> tuple[int, int]:
        booking = _queries(client, lambda: book(client, world, first))
        for attendee in world.meeting.attendees.exclude(guardian=None):
            attendee.interpreter_booked = SIGN_LANGUAGE
            attendee.save(update_fields=["interpreter_booked"])
        marking = _queries(client, lambda: ready(client, world))
        return booking, marking

    small = cost()
    for i in range(1, 20):
        invite_guardian(world, f"Guardian {i}")
    assert cost() == small


def test_the_meeting_says_what_is_needed_and_whether_it_is_still_ready(
    world: World, client_for: ClientFor, invited: MeetingAttendee
) -> None:
    """`interpreter_needed` beside `interpreter_booked`, and `ready` recomputed: a meeting
    marked ready whose interpreter is unbooked since keeps `ready_at` but is not ready."""
    client = client_for("participant")
    assert book(client, world, invited).status_code == 200
    body = ready(client, world).json()
    mine = next(a for a in body["attendees"] if a["id"] == invited.pk)
    assert mine["interpreter_needed"] == SIGN_LANGUAGE == mine["interpreter_booked"]
    assert body["ready"] is True
    others = [a for a in body["attendees"] if a["id"] != invited.pk]
    assert others and all(a["interpreter_needed"] is None for a in others)

    body = book(client, world, invited, booked=False).json()
    assert body["ready_at"] is not None and body["ready"] is False
