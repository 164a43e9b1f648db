"""The missing and refused pages on a 360 px phone: readable, no serious axe finding, no
sideways scrolling, and the way back leads where it says."""

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from laget.monitoring.testing import log_in
from laget.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page: Page, axe: Any, url: str, status: int, heading: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status
    expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()
    assert [v["id"] for v in axe(page) if v.get("impact") in ("serious", "critical")] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_staff_find_their_way_back_from_a_missing_or_refused_page(
    live_server: Any, page: Page, axe: Any
) -> None:
    world = build_world()
    base = live_server.url
    # Opening a case is for staff with a unit: a coordinator is refused.
    log_in(page, base, world.users["coordinator"])
    _check(page, axe, base + reverse("cases:case_open"), 403, "Ingen tilgang")
    expect(page.get_by_role("link", name="Til mine saker")).to_be_visible()
    page.context.clear_cookies()
    log_in(page, base, world.users["stafettholder"])

    _check(page, axe, base + "/saker/999999/", 404, "Finner ikke siden")
    page.get_by_role("link", name="Til mine saker").click()

    expect(page.get_by_role("heading", level=1, name="Mine saker")).to_be_visible()


def test_anonymous_visitor_finds_the_front_page(live_server: Any, page: Page, axe: Any) -> None:
    _check(page, axe, live_server.url + "/finnes-ikke/", 404, "Finner ikke siden")
    page.get_by_role("link", name="Til forsiden").click()

    expect(page.get_by_label("Brukernavn")).to_be_visible()
