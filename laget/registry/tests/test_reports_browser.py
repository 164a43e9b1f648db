"""The registry report on a 360 px phone: filters, tables and downloads pass axe."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from laget.registry.testing import build_registry
from laget.testing.world import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_regional_coordinator_reads_the_report_on_a_phone(
    live_server: Any, page: Page, axe: Any
) -> None:
    reg = build_registry()
    user = reg.users["regional"]
    assert user is not None
    page.goto(live_server.url + "/logg-inn/")
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.goto(live_server.url + "/register/rapport/?year=2024")
    expect(page.get_by_role("heading", level=1)).to_contain_text("TIBIR")
    page.get_by_label("Område").select_option(label="Åsen")
    page.get_by_role("button", name="Vis rapporten").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Åsen")
    expect(page.get_by_role("table")).to_have_count(3)
    with page.expect_download() as download:
        page.get_by_role("link", name="Last ned CSV").click()
    assert download.value.suggested_filename.endswith(".csv")
    serious = [v["id"] for v in axe(page) if v.get("impact") in ("serious", "critical")]
    assert serious == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
