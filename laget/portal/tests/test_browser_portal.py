"""The family portal on a 360 px phone in real headless Chromium, logged in through the
OpenID Connect provider on loopback: the log, a glimmer, a consent withdrawn, the access log.
axe-core finds no serious or critical WCAG 2.1 A/AA violation on any portal page."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import override_settings
from playwright.sync_api import Page, Route, expect

from laget.consent.models import Consent, ConsentState
from laget.portal.tests.conftest import CLIENT_ID, CLIENT_SECRET, provider_user
from laget.testing.family import PRIVATE_TEXT, Family, build_family, synthetic_national_id
from laget.testing.world import World, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = ("serious", "critical")


@pytest.fixture
def portal_oidc(oidc_provider: str) -> Iterator[str]:
    with override_settings(
        LAGET_OIDC_ISSUER=oidc_provider,
        OIDC_RP_CLIENT_ID=CLIENT_ID,
        OIDC_RP_CLIENT_SECRET=CLIENT_SECRET,
    ):
        yield oidc_provider


def _offline(page: Page) -> None:
    """The test provider's form pulls a stylesheet from the internet; the test stays local."""

    def block(route: Route) -> None:
        route.abort()

    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), block)


def _clean(page: Page, axe: Any, where: str) -> None:
    violations = [v for v in axe(page) if v.get("impact") in SERIOUS]
    assert violations == [], f"{where}: {[(v['id'], v['help']) for v in violations]}"
    # The page fixture is a 360 px phone: nothing may make it scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, where


def _log_in(page: Page, live_server: Any, issuer: str, pid: str) -> None:
    sub = provider_user(issuer, {"pid": pid})
    page.goto(live_server.url + "/familie/logg-inn/")
    page.get_by_role("link", name="Logg inn med ID-porten").click()
    # The provider's own login form: who the test says is logging in.
    page.locator("input[name=sub]").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_load_state()


def test_guardian_logs_in_reads_writes_withdraws_and_sees_who_read(
    live_server: Any, page: Page, axe: Any, portal_oidc: str
) -> None:
    world: World = build_world("-b")
    family: Family = build_family(world)
    _offline(page)

    page.goto(live_server.url + "/familie/logg-inn/")
    _clean(page, axe, "login")
    _log_in(page, live_server, portal_oidc, family.pids[family.mother.name])
    expect(page.get_by_role("heading", level=1)).to_have_text("Familiesiden")
    _clean(page, axe, "home")

    page.get_by_role("link", name="Emil Fjeldsrud").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Emil Fjeldsrud")
    expect(page.locator("#logg")).to_contain_text("Lo høyt i sandkassa i dag.")
    expect(page.locator("body")).not_to_contain_text(PRIVATE_TEXT)
    expect(page.locator("#kontakt")).to_contain_text("Kari Lundberg")
    expect(page.locator("#tiltak")).to_contain_text("Fast voksen ved levering")
    _clean(page, axe, "case")

    page.get_by_role("button", name="Jeg kommer", exact=True).click()
    expect(page.locator("#mote")).to_contain_text("Kommer")

    page.get_by_role("link", name="Nytt lysglimt").click()
    _clean(page, axe, "entry form")
    page.get_by_label("Tekst").fill("Emil bar handlekurven helt hjem og var så stolt.")
    page.get_by_role("button", name="Lagre i loggen").click()
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator("#logg")).to_contain_text("Emil bar handlekurven helt hjem")
    expect(page.locator("#logg")).to_contain_text(f"{family.mother.name} (foresatt)")

    page.locator("#logg").get_by_role("link").first.click()
    expect(page.locator("main")).to_contain_text("Emil bar handlekurven helt hjem")
    _clean(page, axe, "entry")
    page.get_by_role("link", name="Tilbake til saken").click()

    page.get_by_role("link", name="Samtykker").first.click()
    expect(page.locator("main")).to_contain_text("Gitt")
    _clean(page, axe, "consents")
    page.get_by_role("link", name=re.compile(r"^Samtykke ")).first.click()
    expect(page.locator(".consent-text")).to_contain_text("Du bestemmer selv")
    _clean(page, axe, "consent")
    page.get_by_role("link", name="Trekk tilbake samtykket …").click()
    # What will happen, then the confirmation (issue 15).
    expect(page.locator("main")).to_contain_text("Dette blir som før")
    _clean(page, axe, "withdraw confirmation")
    page.get_by_role("button", name="Ja, trekk tilbake samtykket").click()
    expect(page.locator(".message--success")).to_contain_text("trukket tilbake")
    expect(page.locator("main")).to_contain_text("Trukket tilbake")
    assert Consent.objects.get(pk=world.consent.pk).state == ConsentState.WITHDRAWN

    page.get_by_role("link", name="Hvem har lest").first.click()
    log = page.locator("ol.access-log").first
    expect(log).to_contain_text("Kari Lundberg")
    expect(log).to_contain_text("Solstrålen barnehage")
    # Her own activity, in her own words.
    expect(log).to_contain_text(re.compile(r"Du leste .*la til en loggføring"))
    _clean(page, axe, "access log")


def test_someone_without_a_case_gets_a_clear_page(
    live_server: Any, page: Page, axe: Any, portal_oidc: str
) -> None:
    _offline(page)
    _log_in(
        page,
        live_server,
        portal_oidc,
        synthetic_national_id(__import__("datetime").date(1975, 8, 8)),
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vi finner ingen stafettlogg knyttet til deg"
    )
    _clean(page, axe, "no case")


def test_the_demo_login_page_is_accessible(live_server: Any, page: Page, axe: Any) -> None:
    build_world("-d")
    with override_settings(LAGET_DEMO=True, ROOT_URLCONF="laget.demo.tests.urls"):
        page.goto(live_server.url + "/demo/familie/")
        expect(page.locator("main")).to_contain_text("Bare i demoen")
        _clean(page, axe, "demo login")
