"""A meeting invitation: an email to each person invited, with a calendar invitation that
holds the time and nothing else about the meeting."""

import datetime
from email.message import EmailMessage
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.models import Meeting
from laget.cases.services.meetings import meeting_create
from laget.notify.models import Kind, Notification
from laget.notify.tests.conftest import (
    GUARDIAN_EMAIL,
    OTHER_GUARDIAN_EMAIL,
    Mailbox,
    NotifyCase,
)
from laget.notify.tests.privacy import leaks
from laget.orgs.actors import actor_for
from laget.testing.world import World

pytestmark = pytest.mark.django_db

PLACE = "Kommunehuset, møterom Fjellsjøen"
AGENDA = "Skolestart og søvnvansker"
# A time with minutes and seconds off the hour, in Norwegian summer time.
STARTS_AT = datetime.datetime(2031, 6, 12, 9, 45, tzinfo=datetime.UTC)


def plan_meeting(world: World, notify_case: NotifyCase) -> Meeting:
    holder = world.users["stafettholder"]
    access = case_for(holder, notify_case.case.pk, need=Need.WRITE, audit=False)
    people = list(notify_case.case.participants.filter(user__isnull=False))
    return meeting_create(
        actor=actor_for(holder, Via.SYSTEM),
        access=access,
        starts_at=STARTS_AT,
        place=PLACE,
        agenda=AGENDA,
        participant_ids=[p.pk for p in people],
        guardian_ids=[notify_case.guardian.pk, notify_case.other_guardian.pk],
    )


def calendar_of(message: EmailMessage) -> tuple[Calendar, EmailMessage]:
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    part = parts[0]
    assert isinstance(part, EmailMessage)
    return Calendar.from_ical(part.get_content()), part


@pytest.fixture
def invitations(
    world: World,
    notify_case: NotifyCase,
    smtp: Mailbox,
    run_worker: Any,
    django_capture_on_commit_callbacks: Any,
) -> tuple[Meeting, Mailbox]:
    with django_capture_on_commit_callbacks(execute=True):
        meeting = plan_meeting(world, notify_case)
    run_worker()
    return meeting, smtp


def test_everyone_invited_gets_one_invitation(world: World, invitations: Any) -> None:
    meeting, smtp = invitations
    expected = [
        world.users["stafettholder"].email,
        world.users["participant"].email,
        GUARDIAN_EMAIL,
        OTHER_GUARDIAN_EMAIL,  # invited by name, so told, parental responsibility or not
    ]
    assert sorted(r for m in smtp.received for r in m.rcpt_tos) == sorted(expected)
    assert {n.kind for n in Notification.objects.filter(meeting=meeting)} == {
        Kind.MEETING_INVITATION
    }
    for received in smtp.received:
        assert received.message["subject"] == "Invitasjon til møte i stafettloggen"


def test_calendar_invitation_has_the_time_and_a_stable_uid(invitations: Any) -> None:
    meeting, smtp = invitations
    uids = set()
    for received in smtp.received:
        calendar, part = calendar_of(received.message)
        assert part.get_param("method") == "REQUEST"
        assert part.get_filename() == "invitasjon.ics"
        assert calendar["METHOD"] == "REQUEST"
        events = calendar.walk("VEVENT")
        assert len(events) == 1
        event = events[0]
        assert event.decoded("DTSTART") == STARTS_AT
        assert event.decoded("DTSTART").utcoffset() == datetime.timedelta(0)
        assert event.decoded("DTEND") == STARTS_AT + datetime.timedelta(hours=1)
        assert str(event["SUMMARY"]) == "Møte i stafettloggen"
        assert "LOCATION" not in event
        assert str(event["ATTENDEE"]) == f"mailto:{received.rcpt_tos[0]}"
        uids.add(str(event["UID"]))
    assert uids == {f"laget-meeting-{meeting.pk}@127.0.0.1"}


def test_staff_link_to_the_case_and_the_family_to_the_portal(
    world: World, notify_case: NotifyCase, invitations: Any
) -> None:
    _meeting, smtp = invitations
    case_link = settings.LAGET_BASE_URL + reverse("cases:case_detail", args=[notify_case.case.pk])
    staff = smtp.to(world.users["participant"].email)[0]
    family = smtp.to(GUARDIAN_EMAIL)[0]
    assert case_link in staff.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    family_body = family.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert f"{settings.LAGET_BASE_URL}/familie/" in family_body
    assert case_link not in family_body


def test_no_invitation_names_the_child_the_case_or_the_place(
    notify_case: NotifyCase, invitations: Any
) -> None:
    _meeting, smtp = invitations
    assert len(smtp.received) == 4
    secrets = [*notify_case.secrets, PLACE, "Fjellsjøen", AGENDA]
    assert leaks((r.message for r in smtp.received), secrets) == []


def test_a_meeting_recorded_afterwards_invites_no_one(
    world: World, notify_case: NotifyCase
) -> None:
    holder = world.users["stafettholder"]
    meeting = meeting_create(
        actor=actor_for(holder, Via.SYSTEM),
        access=case_for(holder, notify_case.case.pk, need=Need.WRITE, audit=False),
        starts_at=timezone.now() - datetime.timedelta(days=2),
        place=PLACE,
        participant_ids=[p.pk for p in notify_case.case.participants.all()],
        guardian_ids=[notify_case.guardian.pk],
    )
    assert not Notification.objects.filter(meeting=meeting).exists()
