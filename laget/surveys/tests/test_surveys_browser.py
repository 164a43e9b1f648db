"""An employee answers the survey through the unit's anonymous link on a 360 px phone: no login,
axe finds nothing serious, nothing is wider than the screen, a missing answer is pointed out."""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from laget.orgs.models import Municipality, Unit, UnitKind
from laget.surveys.models import Response
from laget.surveys.testing import open_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_employee_answers_through_the_link_on_a_phone(
    live_server: Any, page: Page, axe: Any
) -> None:
    municipality = Municipality.objects.create(name="Lysvik", number="8870")
    Unit.objects.create(
        municipality=municipality, name="Lysvik barnehage", kind=UnitKind.KINDERGARTEN
    )
    link = open_round(municipality).round_units.get()

    def check() -> None:
        serious = [v["id"] for v in axe(page) if v.get("impact") in ("serious", "critical")]
        assert serious == [], page.url
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url

    page.goto(f"{live_server.url}/undersokelser/svar/{link.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(link.round.questionnaire.name)
    check()
    use = page.get_by_role("group", name="Hvor ofte slår du opp i handlingsveilederen")
    use.get_by_label("Hver måned").check()
    page.get_by_role("group", name="Kjenner du kommunens").get_by_label("Delvis").check()
    page.get_by_role("group", name="legger merke til").get_by_label("4").check()
    page.get_by_role("group", name="ta opp en undring").get_by_label("5 – Svært trygg").check()
    page.get_by_role("group", name="oversikten over tjenestene").get_by_label("Ja").check()
    page.get_by_role("button", name="Send svarene").click()
    # The log question was left out: the error summary says so, the other answers stay.
    expect(page.get_by_role("alert")).to_contain_text("Velg et svar")
    expect(use.get_by_label("Hver måned")).to_be_checked()
    check()
    page.get_by_role("group", name="stafettloggen").get_by_label("Nei").check()
    page.get_by_role("button", name="Send svarene").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Takk for svaret")
    check()
    assert Response.objects.filter(round_unit=link).count() == 1
