"""The public service directory on a 360 px phone: search with a typo, open a service."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from laget.directory.starter import install_starter_services
from laget.orgs.models import Municipality

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _serious(violations: list[dict[str, Any]]) -> list[str]:
    return [v["id"] for v in violations if v.get("impact") in ("serious", "critical")]


def test_anonymous_visitor_searches_with_a_typo_and_opens_a_service(
    live_server: Any, page: Page, axe: Any
) -> None:
    municipality = Municipality.objects.create(name="Strandvoll", number="9981")
    install_starter_services(municipality)

    page.goto(f"{live_server.url}/tjenester/9981/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Strandvoll")
    assert _serious(axe(page)) == []

    # Live search (htmx): the results change while typing.
    page.get_by_label("Søk etter tjeneste").fill("pedagogsk psykolgisk")
    results = page.locator("#results")
    expect(results).to_contain_text("1 treff")
    expect(results).to_contain_text("Pedagogisk-psykologisk tjeneste")
    expect(results).not_to_contain_text("Helsestasjonen")
    assert "q=" in page.url  # the search can be shared as a link
    assert _serious(axe(page)) == []

    # A former name says so.
    page.get_by_label("Søk etter tjeneste").fill("ressursteam")
    expect(results).to_contain_text("Tidligere navn: Ressursteam")

    page.get_by_label("Søk etter tjeneste").fill("habu")
    page.get_by_role("link", name="Habiliteringstjenesten for barn og unge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Habiliteringstjenesten for barn og unge"
    )
    expect(page.get_by_role("link", name="400 00 108")).to_be_visible()
    # Nothing wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert _serious(axe(page)) == []


def test_search_works_without_javascript(live_server: Any, browser: Any) -> None:
    municipality = Municipality.objects.create(name="Strandvoll", number="9981")
    install_starter_services(municipality)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/tjenester/9981/")
        page.get_by_label("Søk etter tjeneste").fill("helsestasjonn")
        page.get_by_role("button", name="Søk").click()
        expect(page.locator("#results")).to_contain_text("Helsestasjonen")
    finally:
        context.close()
