"""The account pages on a 360 px phone in real headless Chromium, checked by axe: the sessions
page, the password change, the forgotten-password form and the lockout page."""

from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from laget.accounts.models import User
from laget.orgs.models import Membership, Municipality, Role, Unit, UnitKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "nettleser-test-42"
NEW = "tre-ord-i-fjorden"


def _nurse() -> User:
    municipality = Municipality.objects.create(name="Strandvoll", number="9982")
    unit = Unit.objects.create(
        municipality=municipality, name="Strandvoll barnehage", kind=UnitKind.KINDERGARTEN
    )
    user = User.objects.create_user(
        username="marte", password=PASSWORD, first_name="Marte", last_name="Kvalsund"
    )
    Membership.objects.create(user=user, municipality=municipality, unit=unit, role=Role.EMPLOYEE)
    return user


def _log_in(page: Page, base: str, password: str) -> None:
    page.goto(base + "/logg-inn/")
    page.get_by_label("Brukernavn").fill("marte")
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()


def _fits_and_passes(page: Page, axe: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe(page) == []


def test_account_pages_on_a_phone(live_server: Any, page: Page, axe: Any) -> None:
    _nurse()
    _log_in(page, live_server.url, PASSWORD)
    page.get_by_role("link", name="Min konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine innlogginger")
    expect(page.locator("main")).to_contain_text("Denne nettleseren")
    _fits_and_passes(page, axe)

    page.get_by_role("link", name="Bytt passord").click()
    _fits_and_passes(page, axe)
    page.get_by_label("Gammelt passord").fill(PASSWORD)
    page.get_by_label("Nytt passord", exact=True).fill(NEW)
    page.get_by_label("Bekreft nytt passord").fill(NEW)
    page.get_by_role("button", name="Bytt passord").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("Passordet er endret")

    page.get_by_role("button", name="Logg ut her").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Glemt passordet?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Glemt passord")
    _fits_and_passes(page, axe)

    for _ in range(settings.LAGET_LOGIN_FAILURE_LIMIT):
        _log_in(page, live_server.url, "feil-passord")
    expect(page.get_by_role("heading", level=1)).to_have_text("Innloggingen er sperret en stund")
    _fits_and_passes(page, axe)
