"""Evaluating a measure twice on a 360 px phone (issue 15, item 2): the first evaluation
continues the measure and is asked for the next date before it saves; the second completes it;
the case page and the evaluation page show both, the newest first. axe finds nothing serious
and no page scrolls sideways."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from laget.cases.models import MSG_NEXT_EVALUATION_REQUIRED
from laget.monitoring.testing import log_in
from laget.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = ("serious", "critical")
WIDTH = 360
FIRST = "Roligere levering, men gråter fortsatt på mandager."
SECOND = "Leverer uten gråt hele uka."


def _clean(page: Page, axe: Any) -> None:
    assert [v["id"] for v in axe(page) if v.get("impact") in SERIOUS] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def _submit(page: Page) -> None:
    page.locator("main form button[type=submit]").click()


def test_a_measure_evaluated_twice_shows_both_evaluations_newest_first(
    live_server: Any, page: Page, axe: Any
) -> None:
    world = build_world()
    page.set_viewport_size({"width": WIDTH, "height": 800})
    log_in(page, live_server.url, world.users["stafettholder"])
    evaluate_url = live_server.url + reverse(
        "cases:measure_evaluate", args=[world.case.pk, world.measure.pk]
    )
    next_on = timezone.localdate() + datetime.timedelta(days=14)

    page.goto(evaluate_url)
    _clean(page, axe)
    page.get_by_role("radio", name="Virket delvis").check()
    page.get_by_label("Hva viste evalueringen").fill(FIRST)
    page.get_by_role("radio", name="Fortsetter").check()
    _submit(page)
    # Continuing without a next date: the field says so, and nothing is saved yet.
    expect(page.locator("main")).to_contain_text(str(MSG_NEXT_EVALUATION_REQUIRED))
    _clean(page, axe)
    page.get_by_role("textbox", name="Neste evaluering").fill(next_on.isoformat())
    _submit(page)
    expect(page.locator(".message--success")).to_be_visible()

    page.goto(evaluate_url)
    expect(page.locator("main")).to_contain_text(FIRST)  # the earlier one, above the form
    page.get_by_role("radio", name="Virket", exact=True).check()
    page.get_by_label("Hva viste evalueringen").fill(SECOND)
    page.get_by_role("radio", name="Fullført").check()
    _submit(page)
    expect(page.locator(".message--success")).to_be_visible()

    card = page.locator(f"#tiltak-{world.measure.pk}")
    expect(card.locator(".evaluation")).to_have_count(2)
    texts = card.locator(".evaluation").all_text_contents()
    assert SECOND in texts[0] and FIRST in texts[1]
    assert world.measure.evaluations.count() == 2
    _clean(page, axe)

    page.goto(evaluate_url)
    items = page.locator(".evaluation").all_text_contents()
    assert len(items) == 2 and SECOND in items[0] and FIRST in items[1]
    _clean(page, axe)
