"""The action guide on a 360 px phone in real headless Chromium.

An anonymous visitor reads the public guide, searches it and opens a step and a tool; a staff
member fills the worry scale inside a case and sees its score in the log; the staff pages of
the guide editor, the tools and the service directory pass axe too.
"""

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from laget.accounts.models import User
from laget.audit.models import Via
from laget.cases.models import Case
from laget.cases.services.lifecycle import case_open
from laget.directory.starter import install_starter_services
from laget.guide.services import guide_publish
from laget.guide.starter import install_starter_guide
from laget.orgs.actors import actor_for
from laget.orgs.models import Membership, Municipality, Role, Unit, UnitKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "nettleser-test-42"
NUMBER = "9981"
PHONE_WIDTH = 360


def _serious(violations: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """The serious and critical violations, with the elements they were found on."""
    return [
        (v["id"], [str(n.get("target")) for n in v.get("nodes", [])])
        for v in violations
        if v.get("impact") in ("serious", "critical")
    ]


def _fits(page: Page) -> None:
    """Nothing on the page is wider than the phone."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def _user(municipality: Municipality, username: str, role: str, unit: Unit | None) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, first_name="Ingvild", last_name=username.title()
    )
    Membership.objects.create(user=user, municipality=municipality, unit=unit, role=role)
    return user


def _municipality_with_guide() -> tuple[Municipality, User]:
    municipality = Municipality.objects.create(name="Strandvoll", number=NUMBER)
    admin = _user(municipality, "solveig", Role.ADMIN, None)
    install_starter_services(municipality)
    guide_publish(by=admin, version=install_starter_guide(municipality, admin))
    return municipality, admin


def _case(municipality: Municipality) -> tuple[User, Case]:
    unit = Unit.objects.create(
        municipality=municipality, name="Strandvoll barnehage", kind=UnitKind.KINDERGARTEN
    )
    employee = _user(municipality, "marte", Role.EMPLOYEE, unit)
    case = case_open(
        actor=actor_for(employee, Via.SYSTEM),
        user=employee,
        unit_id=unit.pk,
        label="Jente, 5 år",
        observation="Sitter mye alene og vil ikke spise lunsj.",
    )
    return employee, case


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/logg-inn/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()


def _answer(page: Page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def test_anonymous_visitor_reads_searches_and_opens_a_step_and_a_tool(
    live_server: Any, page: Page, axe: Any
) -> None:
    _municipality_with_guide()
    base = f"{live_server.url}/veileder/{NUMBER}/"

    page.goto(base)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Nivå 0")).to_be_visible()
    _fits(page)
    assert _serious(axe(page)) == []

    # An abbreviation finds the service.
    search = page.get_by_role("search")
    search.get_by_label("Søk i veilederen og tjenestene").fill("ppt")
    search.get_by_role("button", name="Søk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Søk")
    expect(page.get_by_role("link", name="Pedagogisk-psykologisk tjeneste")).to_be_visible()
    assert "q=ppt" in page.url  # a search is a link that can be shared
    _fits(page)
    assert _serious(axe(page)) == []

    # A word from the guide finds its steps; one of them opens.
    page.get_by_label("Søk i veilederen og tjenestene").fill("undring")
    page.get_by_role("button", name="Søk").click()
    expect(page.get_by_role("link", name="Gjør undringen konkret")).to_be_visible()
    page.get_by_role("link", name="Gjør undringen konkret").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gjør undringen konkret")
    assert "/niva-0/gjor-undringen-konkret/" in page.url
    expect(page.get_by_role("heading", name="Verktøy")).to_be_visible()
    _fits(page)
    assert _serious(axe(page)) == []

    page.get_by_role("link", name="Bekymringsskala – barnet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekymringsskala – barnet")
    expect(page.locator("main")).to_contain_text("Grunn til bekymring")
    _fits(page)
    assert _serious(axe(page)) == []


def test_staff_fills_the_worry_scale_in_a_case_and_sees_the_score_in_the_log(
    live_server: Any, page: Page, axe: Any
) -> None:
    municipality, _admin = _municipality_with_guide()
    _employee, case = _case(municipality)

    _log_in(page, live_server.url, "marte")
    page.goto(f"{live_server.url}/saker/{case.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jente, 5 år")
    what_now = page.get_by_role("region", name="Hva nå?")
    expect(what_now).to_contain_text("Du blir urolig for et barn")

    # Move on to the step where the worry scale belongs, and open it from «Hva nå?».
    # Asked first, then told what happened, with a way back.
    what_now.get_by_role("link", name="Gå videre til: Gjør undringen konkret").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gå videre i veilederen")
    _fits(page)
    assert _serious(axe(page)) == []
    page.get_by_role("button", name="Ja, gå videre til: Gjør undringen konkret").click()
    page.wait_for_load_state()
    what_now = page.get_by_role("region", name="Hva nå?")
    expect(what_now.get_by_role("heading", level=3)).to_have_text("Gjør undringen konkret")
    expect(what_now.get_by_role("status")).to_contain_text("Saken er flyttet til trinn 2")
    expect(what_now.get_by_role("button", name="Angre")).to_be_visible()
    _fits(page)
    assert _serious(axe(page)) == []
    what_now.get_by_role("link", name="Bekymringsskala – barnet").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bekymringsskala – barnet")
    _fits(page)
    assert _serious(axe(page)) == []
    # 1 + 2 + 1 + 0 + 0 + 0 = 4 points: the band from 4, «Grunn til bekymring».
    _answer(page, "Har barnet endret seg den siste tiden?", "Litt, eller av og til")
    _answer(page, "Virker barnet utrygt eller ulykkelig?", "Ja, tydelig eller ofte")
    _answer(
        page,
        "Ser du tegn på at barnet ikke får den omsorgen det trenger?",
        "Litt, eller av og til",
    )
    _answer(
        page,
        "Har barnet skader eller merker som ikke er godt forklart?",
        "Nei, ikke det jeg vet om",
    )
    _answer(page, "Har barnet sagt eller vist noe som bekymrer deg?", "Nei, ikke det jeg vet om")
    _answer(
        page,
        "Tror du barnet kan være utsatt for vold, overgrep eller alvorlig omsorgssvikt?",
        "Nei",
    )
    page.get_by_label("Hva bygger du vurderingen på?").fill(
        "Har spist lite de siste to ukene og gråter ved levering."
    )
    page.get_by_role("button", name="Lagre").click()
    page.wait_for_load_state()

    log = page.get_by_role("region", name="Logg")
    entry = log.get_by_role("listitem").filter(has_text="Bekymringsskala – barnet").first
    expect(entry).to_contain_text("Grunn til bekymring")
    expect(entry).to_contain_text("poeng 4")
    _fits(page)
    assert _serious(axe(page)) == []

    entry.get_by_role("link", name="Se utfylt verktøy").click()
    result = page.get_by_role("region", name="Resultat")
    expect(result).to_contain_text("Grunn til bekymring")
    expect(result).to_contain_text("4")
    _fits(page)
    assert _serious(axe(page)) == []

    # «Bruk et verktøy» lists the municipality's tools.
    page.goto(f"{live_server.url}/saker/{case.pk}/")
    page.get_by_role("link", name="Bruk et verktøy").click()
    expect(page.get_by_role("link", name="Bekymringsskala – barnet")).to_be_visible()
    _fits(page)
    assert _serious(axe(page)) == []


def test_staff_pages_of_the_guide_editor_tools_and_directory_pass_axe(
    live_server: Any, page: Page, axe: Any
) -> None:
    _municipality_with_guide()
    _log_in(page, live_server.url, "solveig")

    for path in ("/veileder/rediger/", "/verktoy/", "/tjenester/rediger/", "/tjenester/sok/"):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert _serious(axe(page)) == [], path
        _fits(page)

    # A new draft of the guide: the version page, a step's editor and the diff.
    page.goto(live_server.url + "/veileder/rediger/")
    page.get_by_role("button", name="Lag ny kladd").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Publiser")).to_be_visible()
    assert _serious(axe(page)) == [], page.url
    _fits(page)
    draft = page.url
    page.get_by_role("link", name="Rediger Gjør undringen konkret").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert _serious(axe(page)) == [], page.url
    _fits(page)
    page.goto(draft + "endringer/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert _serious(axe(page)) == [], page.url
    _fits(page)

    # A tool and a service.
    page.goto(live_server.url + "/verktoy/")
    page.get_by_role("link", name="Bekymringsskala – barnet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekymringsskala – barnet")
    assert _serious(axe(page)) == [], page.url
    _fits(page)

    page.goto(live_server.url + "/tjenester/rediger/")
    page.locator("main a[href*='/tjenester/rediger/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert _serious(axe(page)) == [], page.url
    _fits(page)
