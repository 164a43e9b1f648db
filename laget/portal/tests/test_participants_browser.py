"""The family's new pages on a 360 px phone in real headless Chromium: the mother declines a
proposed participant and asks that someone be left out of a meeting; the 16-year-old writes
their view of a meeting. axe-core finds no serious or critical WCAG 2.1 A/AA violation."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from laget.cases.models import Meeting
from laget.family.models import LeaveOutRequest, ParticipantAnswer
from laget.portal.tests.test_browser_portal import _clean, _log_in, _offline, portal_oidc
from laget.testing.family import Family, build_family
from laget.testing.world import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

__all__ = ["portal_oidc"]


def test_the_mother_chooses_who_takes_part(
    live_server: Any, page: Page, axe: Any, portal_oidc: str
) -> None:
    world: World = build_world("-p")
    family: Family = build_family(world)
    _offline(page)
    _log_in(page, live_server, portal_oidc, family.pids[family.mother.name])
    page.goto(live_server.url + f"/familie/saker/{family.case.pk}/")
    page.get_by_role("link", name="Hvem er med").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvem er med")
    expect(page.locator("#foreslatt")).to_contain_text(world.participant.label)
    _clean(page, axe, "participants")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.locator("#foreslatt").get_by_role("button", name="Nei").click()
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator("#foreslatt")).to_contain_text("Du har svart")
    assert ParticipantAnswer.objects.get(participant=world.participant).answer == "declined"

    page.locator(f"#mote-{family.meeting.pk}").get_by_role("button").first.click()
    expect(page.locator(".message--success")).to_be_visible()
    assert LeaveOutRequest.objects.filter(attendee__meeting=family.meeting).exists()
    _clean(page, axe, "participants after answers")


def test_the_teenager_writes_their_view_of_a_meeting(
    live_server: Any, page: Page, axe: Any, portal_oidc: str
) -> None:
    world: World = build_world("-v")
    family: Family = build_family(world)
    _offline(page)
    _log_in(page, live_server, portal_oidc, family.pids["Sofie Lien"])
    page.goto(live_server.url + f"/familie/saker/{family.teen_case.pk}/")
    page.get_by_role("link", name="Skriv hva du synes om møtet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hva synes du om møtet?")
    _clean(page, axe, "child view")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_label("Hva synes du?").fill("Jeg vil gjerne være med på møtet selv.")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator("#mote")).to_contain_text("Jeg vil gjerne være med på møtet selv.")
    assert Meeting.objects.get(pk=family.teen_meeting.pk).child_view.startswith("Jeg vil")
