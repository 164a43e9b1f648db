"""The case page on a 360 px phone at level 3: the summary is in the first screen, the
sections fold and open, a link to a meeting opens the meetings, and the confirmation after a
save is shown where the person is looking. axe-core finds no WCAG 2.1 A/AA violations."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect

from laget.audit.models import Via
from laget.cases.access import Need, case_for
from laget.cases.choices import Response
from laget.cases.models import MeetingAttendee
from laget.cases.services.lifecycle import case_change_level
from laget.cases.services.meetings import meeting_create
from laget.monitoring.testing import log_in
from laget.orgs.actors import actor_for
from laget.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 360, "height": 640}


def _level_three_case_with_meetings() -> tuple[Any, list[int]]:
    world = build_world()
    holder = world.users["stafettholder"]
    actor = actor_for(holder, Via.SYSTEM)
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    case_change_level(actor=actor, access=access, to_level=3, reason="Flere tjenester trengs.")
    access = case_for(holder, world.case.pk, need=Need.COORDINATE, audit=False)
    soon = timezone.now() + datetime.timedelta(days=3)
    ids = [
        meeting_create(
            actor=actor,
            access=access,
            starts_at=soon + datetime.timedelta(days=7 * n),
            place=f"Møterom {n}",
        ).pk
        for n in range(4)
    ]
    return world, ids


def _open(page: Page, section: str) -> bool:
    return bool(page.locator(f"#{section} > details").evaluate("d => d.open"))


def test_the_case_page_on_a_phone(live_server: Any, page: Page, axe: Any) -> None:
    world, meeting_ids = _level_three_case_with_meetings()
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, world.users["stafettholder"])
    url = live_server.url + reverse("cases:case_detail", args=[world.case.pk])
    page.goto(url)

    # The summary starts in the first screen: level, stafettholder, next meeting.
    summary = page.locator(".case-summary")
    expect(summary).to_contain_text("Nivå 3")
    expect(summary).to_contain_text(world.users["stafettholder"].display_name)
    box = summary.bounding_box()
    assert box is not None and box["y"] < PHONE["height"] / 2
    next_meeting = summary.locator(f"a[href='#mote-{meeting_ids[0]}']")
    expect(next_meeting).to_be_visible()

    # An invitation the stafettholder has not answered: the summary asks, the meetings are open.
    expect(summary).to_contain_text("Du er invitert")
    assert _open(page, "moter")
    MeetingAttendee.objects.filter(
        meeting__case=world.case, participant__user=world.users["stafettholder"]
    ).update(response=Response.ACCEPTED)
    page.goto(url)

    # The log is open; the other sections are folded, with a count in each heading.
    assert _open(page, "logg")
    for section in ("tiltak", "moter", "deltakere", "samtykker", "niva", "overganger"):
        assert not _open(page, section), section
    meetings_heading = page.locator("#moter-title")
    expect(meetings_heading).to_contain_text(str(len(meeting_ids) + 1))  # and the world's own
    expect(page.locator(f"#mote-{meeting_ids[1]}")).to_be_hidden()

    # A section opens and folds again.
    page.locator("#tiltak > details > summary").click()
    assert _open(page, "tiltak")
    expect(page.locator("#tiltak")).to_contain_text(world.measure.title)
    page.locator("#tiltak > details > summary").click()
    assert not _open(page, "tiltak")

    # A link to one meeting opens the meetings and shows it, on load and in the page.
    page.goto(f"{url}#mote-{meeting_ids[2]}")
    assert _open(page, "moter")
    expect(page.locator(f"#mote-{meeting_ids[2]}")).to_be_in_viewport()
    page.goto(url)
    assert not _open(page, "moter")
    next_meeting.click()
    assert _open(page, "moter")
    expect(page.locator(f"#mote-{meeting_ids[0]}")).to_be_in_viewport()

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe(page) == []


def test_the_confirmation_is_shown_where_the_person_is_looking(
    live_server: Any, page: Page, axe: Any
) -> None:
    world, _ = _level_three_case_with_meetings()
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, world.users["stafettholder"])
    page.goto(live_server.url + reverse("cases:case_change_level", args=[world.case.pk]))
    page.get_by_label("Nivå 2 – samarbeid mellom to tjenester").check()
    page.get_by_label("Begrunnelse").fill("Helsestasjonen og barnehagen klarer det sammen.")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_load_state()

    assert page.url.endswith("#niva")
    assert _open(page, "niva")
    message = page.locator("#niva .messages")
    expect(message).to_contain_text("Nivået er endret.")
    expect(message).to_be_in_viewport()
    expect(message).to_be_focused()
    assert axe(page) == []
