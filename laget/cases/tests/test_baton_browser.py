"""Handing over the baton on a 360 px phone (issue 15, item 3): the holder hands it to a
colleague in the case; the colleague finds the case marked "new to you" on Mine saker until
they open it. axe finds nothing serious on either page, and neither scrolls sideways."""

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from laget.cases.choices import ParticipantRole
from laget.cases.models import BatonHandover
from laget.monitoring.testing import log_in
from laget.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARK = "Ny for deg: du har fått stafetten"
SERIOUS = ("serious", "critical")
PHONE_VIEWPORT = {"width": 360, "height": 800}


def _clean(page: Page, axe: Any) -> None:
    assert [v["id"] for v in axe(page) if v.get("impact") in SERIOUS] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_VIEWPORT["width"]


def test_the_new_holder_is_shown_the_case_until_they_open_it(
    live_server: Any, page: Page, browser: Browser, axe: Any
) -> None:
    world = build_world()
    case_url = reverse("cases:case_detail", args=[world.case.pk])
    log_in(page, live_server.url, world.users["stafettholder"])
    page.goto(live_server.url + reverse("cases:baton_hand_over", args=[world.case.pk]))
    _clean(page, axe)
    page.get_by_label("Ny stafettholder").select_option(str(world.participant.pk))
    page.get_by_label("Notat til overleveringen").fill("Møtet med PPT er avtalt.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    handover = BatonHandover.objects.get(case=world.case)
    assert handover.to_participant_id == world.participant.pk
    assert world.case.participants.get(role=ParticipantRole.STAFETTHOLDER).pk == (
        world.participant.pk
    )

    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="nb-NO")
    try:
        colleague = context.new_page()
        log_in(colleague, live_server.url, world.users["participant"])
        colleague.goto(live_server.url + reverse("cases:my_cases"))
        card = colleague.locator(".case-card").filter(has_text=MARK)
        expect(card).to_have_count(1)
        _clean(colleague, axe)
        colleague.goto(live_server.url + case_url)
        expect(colleague.get_by_role("heading", level=1)).to_be_visible()
        colleague.goto(live_server.url + reverse("cases:my_cases"))
        expect(colleague.locator("main")).not_to_contain_text(MARK)
    finally:
        context.close()
