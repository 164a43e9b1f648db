"""The second factor on a 360 px phone in real headless Chromium: the municipality requires it,
so the first sign-in sets up an authenticator (the test computes its codes from the secret the
page shows, as the app on the phone would), and the next sign-in asks for its code. axe-core
finds no WCAG 2.1 A/AA violation on the setup, recovery code and code pages."""

import time
from base64 import b32decode
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from laget.accounts.models import User
from laget.orgs.models import Membership, Municipality, Role, Unit, UnitKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "nettleser-test-42"


def _nurse() -> User:
    municipality = Municipality.objects.create(
        name="Strandvoll", number="9981", require_second_factor=True
    )
    unit = Unit.objects.create(
        municipality=municipality, name="Strandvoll barnehage", kind=UnitKind.KINDERGARTEN
    )
    user = User.objects.create_user(
        username="marte", password=PASSWORD, first_name="Marte", last_name="Kvalsund"
    )
    Membership.objects.create(user=user, municipality=municipality, unit=unit, role=Role.EMPLOYEE)
    return user


def _code(secret: str, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for this secret (now, or that many 30 s steps on)."""
    totp = TOTP(b32decode(secret.replace(" ", "")), step=30, t0=0, digits=6, drift=0)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def _submit(page: Page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def _password(page: Page, live_server: Any) -> None:
    page.goto(live_server.url + "/logg-inn/")
    page.get_by_label("Brukernavn").fill("marte")
    page.get_by_label("Passord").fill(PASSWORD)
    _submit(page, "Logg inn")


def test_setting_up_the_authenticator_and_signing_in_with_its_code(
    live_server: Any, page: Page, axe: Any
) -> None:
    _nurse()

    # First sign-in: the municipality requires the second factor, so it is set up at once.
    _password(page, live_server)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sett opp tofaktorinnlogging")
    expect(page.locator(".qr svg")).to_be_visible()
    assert axe(page) == []
    secret = page.locator("#totp-secret").inner_text()
    page.get_by_label("Kode", exact=True).fill(_code(secret))
    _submit(page, "Bekreft")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tofaktorinnlogging er slått på")
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    assert axe(page) == []
    page.get_by_role("link", name="Jeg har tatt vare på kodene – fortsett").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mine saker")

    # Next sign-in: the password, then the code (the next time step's: each code works once).
    page.get_by_role("button", name="Logg ut").click()
    _password(page, live_server)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kode fra autentiseringsappen")
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kode fra autentiseringsappen")
    assert axe(page) == []
    page.get_by_label("Kode", exact=True).fill(
        "000000" if _code(secret, 1) != "000000" else "111111"
    )
    _submit(page, "Logg inn")
    expect(page.locator(".error-summary")).to_contain_text("Koden stemmer ikke")
    assert axe(page) == []
    # A wrong code makes the device wait a second before it checks again: that second is over.
    TOTPDevice.objects.update(throttling_failure_timestamp=timezone.now() - timedelta(hours=1))
    page.get_by_label("Kode", exact=True).fill(_code(secret, 1))
    _submit(page, "Logg inn")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mine saker")
