"""The issue's end-to-end flow on a 360 px phone in real headless Chromium.

Log in, start a level-0 concern, raise it to level 1, add a measure, record its evaluation,
add a glimmer, and see all of it on the case page; axe finds no WCAG 2.1 A/AA violations.
"""

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from laget.accounts.models import User
from laget.orgs.models import Membership, Municipality, Role, Unit, UnitKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "nettleser-test-42"


def _nurse() -> User:
    municipality = Municipality.objects.create(name="Strandvoll", number="9981")
    unit = Unit.objects.create(
        municipality=municipality, name="Strandvoll barnehage", kind=UnitKind.KINDERGARTEN
    )
    user = User.objects.create_user(
        username="marte", password=PASSWORD, first_name="Marte", last_name="Kvalsund"
    )
    Membership.objects.create(user=user, municipality=municipality, unit=unit, role=Role.EMPLOYEE)
    return user


def _submit(page: Page, name: str = "Lagre") -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_concern_to_level_one_with_measure_evaluation_and_glimmer(
    live_server: Any, page: Page, axe: Any
) -> None:
    _nurse()
    today = timezone.localdate()

    page.goto(live_server.url + "/logg-inn/")
    page.get_by_label("Brukernavn").fill("marte")
    page.get_by_label("Passord").fill(PASSWORD)
    _submit(page, "Logg inn")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mine saker")

    page.get_by_role("link", name="Ny undring").click()
    page.get_by_label("Merkelapp").fill("Jente, 4 år")
    page.get_by_label("Hva bekymrer deg").fill("Virker sliten og trekker seg unna de andre barna.")
    page.get_by_label("Første observasjon").fill(
        "Satt alene i garderoben etter utetid tre dager på rad."
    )
    _submit(page, "Opprett saken")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jente, 4 år")
    expect(page.locator("body")).to_contain_text("Nivå 0")

    page.get_by_role("link", name="Endre nivå").click()
    page.get_by_label("Nivå 1 – tiltak i egen tjeneste").check()
    page.get_by_label("Begrunnelse").fill("Vi prøver tiltak i barnehagen først.")
    page.get_by_label("Stafettholder").select_option(index=1)
    _submit(page)
    expect(page.locator("body")).to_contain_text("Nivå 1")

    page.get_by_role("link", name="Nytt tiltak").click()
    page.get_by_label("Tiltak", exact=True).fill("Fast voksen ved overgang fra ute til inne")
    page.get_by_label("Mål", exact=True).fill("Hun skal oppleve trygge overganger.")
    page.get_by_label("Barnehage").check()
    page.get_by_label("Ansvarlig").select_option(index=1)
    page.get_by_label("Startdato").fill(today.isoformat())
    page.get_by_label("Evalueringsdato").fill((today + datetime.timedelta(days=21)).isoformat())
    _submit(page)
    expect(page.locator("#tiltak")).to_contain_text("Fast voksen ved overgang fra ute til inne")

    page.get_by_role("link", name="Evaluer Fast voksen ved overgang fra ute til inne").click()
    page.get_by_label("Virket delvis").check()
    page.get_by_label("Hva viste evalueringen").fill("Bedre om morgenen, fortsatt uro etter lunsj.")
    _submit(page)

    page.get_by_role("link", name="Nytt lysglimt").click()
    page.get_by_label("Tekst").fill("Lo og lekte sisten med to andre barn i dag.")
    _submit(page)

    body = page.locator("body")
    expect(page.locator("#tiltak")).to_contain_text("Virket delvis")
    expect(page.locator("#tiltak")).to_contain_text("Bedre om morgenen, fortsatt uro etter lunsj.")
    expect(page.locator("#logg")).to_contain_text("Lo og lekte sisten med to andre barn i dag.")
    expect(page.locator("#logg")).to_contain_text("Lysglimt")
    expect(page.locator("#niva")).to_contain_text("Vi prøver tiltak i barnehagen først.")
    expect(body).to_contain_text("Marte Kvalsund")
    # Nothing wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe(page) == []
