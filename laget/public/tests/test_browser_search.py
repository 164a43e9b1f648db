"""The public search and a step's way to child welfare on a 360 px phone, in real headless
Chromium with axe; and the coordinator's synonyms page at the same width."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from laget.guide.concern import concern_channel_update
from laget.public.tests.test_browser_guide import (
    NUMBER,
    _fits,
    _log_in,
    _municipality_with_guide,
    _serious,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _search(page: Page, words: str) -> None:
    search = page.get_by_role("search")
    search.get_by_label("Søk i veilederen og tjenestene").fill(words)
    search.get_by_role("button", name="Søk").click()
    page.wait_for_load_state()


def test_a_parent_finds_help_with_their_own_words_on_a_phone(
    live_server: Any, page: Page, axe: Any
) -> None:
    municipality, admin = _municipality_with_guide()
    concern_channel_update(
        by=admin,
        municipality=municipality,
        concern_url="https://strandvoll.example/bekymringsmelding",
        concern_phone="12 34 56 78",
    )
    page.goto(f"{live_server.url}/veileder/{NUMBER}/")

    _search(page, "sover dårlig")
    expect(page.get_by_role("status")).to_contain_text("treff for «sover dårlig»")
    hits = page.locator(".search-hit")
    expect(hits.first).to_be_visible()
    # Steps, tools and services in one list, each saying what it is, words found marked.
    expect(page.locator(".search-hits")).to_contain_text("Verktøy")
    expect(page.locator(".search-hits")).to_contain_text("Tjeneste")
    expect(page.get_by_role("link", name="Tegn og signaler")).to_be_visible()
    expect(page.locator(".search-hit mark").first).to_be_visible()
    _fits(page)
    assert _serious(axe(page)) == []

    # A typo still finds child welfare; the step opens and its report is a real link.
    _search(page, "barnvern")
    page.get_by_role("link", name="Du blir urolig for et barn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du blir urolig for et barn")
    report = page.get_by_role("link", name="Meld bekymring til barnevernet")
    expect(report).to_have_attribute("href", "https://strandvoll.example/bekymringsmelding")
    expect(page.get_by_role("link", name="12 34 56 78")).to_have_attribute("href", "tel:12345678")
    _fits(page)
    assert _serious(axe(page)) == []

    _search(page, "zqxwv")
    expect(page.locator("main")).to_contain_text("Fant ingenting for «zqxwv»")
    _fits(page)
    assert _serious(axe(page)) == []


def test_the_coordinator_edits_the_synonyms_on_a_phone(
    live_server: Any, page: Page, axe: Any
) -> None:
    _municipality_with_guide()  # the admin is "solveig"
    _log_in(page, live_server.url, "solveig")
    page.goto(f"{live_server.url}/veileder/rediger/synonymer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Synonymer i søket")
    _fits(page)
    assert _serious(axe(page)) == []
    page.get_by_label("Synonymer").fill("nattevåk: søvn")
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_load_state()
    expect(page.locator("body")).to_contain_text("Synonymene er lagret")
    _fits(page)

    page.goto(f"{live_server.url}/veileder/{NUMBER}/sok/?q=nattev%C3%A5k")
    expect(page.get_by_role("link", name="Helsestasjonen")).to_be_visible()

    page.goto(f"{live_server.url}/veileder/rediger/bekymringsmelding/")
    _fits(page)
    assert _serious(axe(page)) == []
