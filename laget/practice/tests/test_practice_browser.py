"""The practice area on a 360 px phone: a scenario started from the area opens its case with
the practice banner and colour, on every page worked; axe finds nothing serious and no page
scrolls sideways. A real case page next to it has neither."""

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from laget.monitoring.testing import log_in
from laget.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = ("serious", "critical")
PHONE = {"width": 360, "height": 800}
HEADER = "getComputedStyle(document.querySelector('.site-header')).backgroundColor"


def _clean(page: Page, axe: Any) -> None:
    assert [v["id"] for v in axe(page) if v.get("impact") in SERIOUS] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_practice_case_is_marked_on_every_page_at_360_px(
    live_server: Any, page: Page, axe: Any
) -> None:
    world = build_world()
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, world.users["stafettholder"])
    page.goto(live_server.url + reverse("cases:case_detail", args=[world.case.pk]))
    expect(page.locator(".practice-banner")).to_have_count(0)
    real_colour = page.evaluate(HEADER)

    page.goto(live_server.url + reverse("practice:area"))
    expect(page.locator(".practice-banner")).to_be_visible()
    _clean(page, axe)
    page.get_by_role("button", name="Start øvelsen «Nivå 2: to tjenester samarbeider»").click()
    expect(page.locator(".practice-banner")).to_be_visible()
    assert page.evaluate(HEADER) != real_colour
    _clean(page, axe)
    case_url = page.url
    for path in ("logg/ny/", "tiltak/nytt/", "moter/nytt/"):
        page.goto(case_url.rstrip("/") + "/" + path)
        expect(page.locator(".practice-banner")).to_be_visible()
        assert page.evaluate(HEADER) != real_colour
        _clean(page, axe)
