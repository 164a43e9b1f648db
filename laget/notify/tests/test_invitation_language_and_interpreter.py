"""A meeting invitation in the family member's own language, saying whether an interpreter is
needed and booked: in the e-mail and in its calendar invitation, with no name attached, and to
a family member only about their own interpreter."""

from email.message import EmailMessage
from typing import Any

import pytest
from django.utils import translation

from laget.cases.models import Meeting
from laget.notify.tests.conftest import (
    GUARDIAN,
    GUARDIAN_EMAIL,
    OTHER_GUARDIAN_EMAIL,
    Mailbox,
    NotifyCase,
)
from laget.notify.tests.privacy import leaks
from laget.notify.tests.test_meeting_invitations import calendar_of, plan_meeting
from laget.people.models import Guardian
from laget.testing.world import World

pytestmark = pytest.mark.django_db

SUBJECT = "Invitasjon til møte i stafettloggen"
NOTE_MISSING = "Det trengs tolk til møtet (%(languages)s), men tolk er ikke bestilt ennå."


def needs(guardian: Guardian, *, language: str = "", interpreter: str = "") -> None:
    guardian.language = language
    guardian.interpreter = interpreter
    guardian.save(update_fields=["language", "interpreter"])


def body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def description(message: EmailMessage) -> str:
    calendar, _part = calendar_of(message)
    return str(calendar.walk("VEVENT")[0]["DESCRIPTION"])


def in_language(code: str, message: str, **values: str) -> str:
    with translation.override(code):
        text = translation.gettext(message)
    return text % values if values else text


def arabic(label: str) -> str:
    with translation.override("ar"):
        return translation.gettext(label)


@pytest.fixture
def invited(
    world: World,
    notify_case: NotifyCase,
    smtp: Mailbox,
    run_worker: Any,
    django_capture_on_commit_callbacks: Any,
) -> tuple[Meeting, Mailbox]:
    """The mother reads Arabic and needs an Arabic interpreter; the other guardian needs none."""
    needs(notify_case.guardian, language="ar", interpreter="ar")
    with django_capture_on_commit_callbacks(execute=True):
        meeting = plan_meeting(world, notify_case)
    run_worker()
    return meeting, smtp


def test_family_member_gets_the_invitation_in_their_language(invited: Any) -> None:
    _meeting, smtp = invited
    mother = smtp.to(GUARDIAN_EMAIL)[0]
    # (A folded, encoded header may come back with the fold's space in front.)
    assert str(mother["subject"]).strip() == in_language("ar", SUBJECT)
    assert in_language("ar", SUBJECT) != SUBJECT, "the Arabic message file translates it"
    other = smtp.to(OTHER_GUARDIAN_EMAIL)[0]
    assert str(other["subject"]) == SUBJECT


def test_invitation_says_an_interpreter_is_needed_and_not_booked(
    world: World, invited: Any
) -> None:
    _meeting, smtp = invited
    staff_note = NOTE_MISSING % {"languages": "arabisk"}
    staff = smtp.to(world.users["participant"].email)[0]
    assert staff_note in body(staff)
    assert staff_note in description(staff).replace("\r\n", "\n")
    mother = smtp.to(GUARDIAN_EMAIL)[0]
    mother_note = in_language("ar", NOTE_MISSING, languages=arabic("arabisk"))
    assert mother_note in body(mother)
    assert mother_note in description(mother)


def test_a_family_member_hears_only_of_their_own_interpreter(invited: Any) -> None:
    _meeting, smtp = invited
    other = smtp.to(OTHER_GUARDIAN_EMAIL)[0]
    assert "tolk" not in body(other)
    assert "tolk" not in description(other)


def test_invitations_name_no_one_who_needs_an_interpreter(world: World, invited: Any) -> None:
    _meeting, smtp = invited
    assert leaks([r.message for r in smtp.received], [GUARDIAN]) == []


def test_a_booked_interpreter_is_said_to_be_booked(
    world: World,
    notify_case: NotifyCase,
    smtp: Mailbox,
    run_worker: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    needs(notify_case.guardian, interpreter="sgn-no")
    with django_capture_on_commit_callbacks(execute=True):
        meeting = plan_meeting(world, notify_case)
        attendee = meeting.attendees.get(guardian=notify_case.guardian)
        attendee.interpreter_booked = "sgn-no"
        attendee.save(update_fields=["interpreter_booked"])
    run_worker()
    staff = smtp.to(world.users["participant"].email)[0]
    assert "Det er bestilt tolk til møtet: Norsk tegnspråk." in body(staff)
    assert "ikke bestilt" not in body(staff)
