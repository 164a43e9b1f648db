"""The Content-Security-Policy in real headless Chromium: the login page, a staff case page
where htmx saves an answer to a meeting invitation, the public guide, the public service
directory's live search and the family portal's start page load without a single violation,
and htmx still swaps. The test settings enforce the same policy as production."""

from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from laget.directory.starter import install_starter_services
from laget.guide.services import guide_publish
from laget.guide.starter import install_starter_guide
from laget.testing.world import PASSWORD, World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIOLATION = "Content Security Policy"


def _console(page: Page) -> list[str]:
    messages: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        messages.append(message.text)

    page.on("console", keep)
    page.on("pageerror", lambda error: messages.append(str(error)))
    return messages


def _violations(messages: list[str]) -> list[str]:
    return [m for m in messages if VIOLATION in m]


def _open(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url
    assert "script-src 'self'" in response.headers["content-security-policy"], url
    page.wait_for_load_state("load")


def test_pages_keep_the_policy_and_htmx_still_swaps(live_server: Any, page: Page) -> None:
    world: World = build_world("-csp")
    guide_publish(
        by=world.users["admin"],
        version=install_starter_guide(world.municipality, world.users["admin"]),
    )
    install_starter_services(world.municipality)
    number = world.municipality.number
    messages = _console(page)

    _open(page, live_server.url + "/logg-inn/")
    page.get_by_label("Brukernavn").fill(world.users["participant"].username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mine saker")

    _open(page, f"{live_server.url}/saker/{world.case.pk}/")
    invitation = page.locator(f"#invitert-{world.attendee.pk}")
    invitation.get_by_label("Svar fra").select_option("accepted")
    # htmx posts the answer (with the CSRF token from hx-headers) and swaps the list item.
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true") as swap:
        invitation.get_by_role("button").click()
    assert swap.value.status == 200
    expect(page.locator(f"#invitert-{world.attendee.pk}")).to_contain_text("Svaret er lagret")

    _open(page, f"{live_server.url}/veileder/{number}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    _open(page, f"{live_server.url}/tjenester/{number}/")
    with page.expect_response(lambda r: r.request.headers.get("hx-request") == "true"):
        page.get_by_label("Søk etter tjeneste").fill("helsestasjonn")
    expect(page.locator("#results")).to_contain_text("Helsestasjonen")

    _open(page, live_server.url + "/familie/logg-inn/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert _violations(messages) == []

    # The watch itself works: an inline script is refused, and the browser says so.
    with page.expect_console_message(lambda m: VIOLATION in m.text):
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.inlineRan = true'; document.body.append(s); }"
        )
    assert page.evaluate("() => window.inlineRan === undefined")
