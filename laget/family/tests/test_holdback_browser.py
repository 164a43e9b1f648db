"""On a 360 px phone in real headless Chromium: child welfare changes and ends the hold-back
from the case page; the mother then reads her access log in plain words. axe-core finds no
serious or critical WCAG 2.1 A/AA violation on either page."""

import datetime
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import Page, Route, expect

from laget.family.models import HoldBack
from laget.family.tests.test_holdback_staff import file_report, welfare_user
from laget.portal.tests.conftest import CLIENT_ID, CLIENT_SECRET, oidc_provider, provider_user
from laget.testing.family import build_family
from laget.testing.world import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

__all__ = ["oidc_provider"]

SERIOUS = ("serious", "critical")


@pytest.fixture
def portal_oidc(oidc_provider: str) -> Iterator[str]:
    with override_settings(
        LAGET_OIDC_ISSUER=oidc_provider,
        OIDC_RP_CLIENT_ID=CLIENT_ID,
        OIDC_RP_CLIENT_SECRET=CLIENT_SECRET,
    ):
        yield oidc_provider


def _clean(page: Page, axe: Any, where: str) -> None:
    violations = [v for v in axe(page) if v.get("impact") in SERIOUS]
    assert violations == [], f"{where}: {[(v['id'], v['help']) for v in violations]}"


def _fits(page: Page, where: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{where} is {width} px wide"


def _offline(page: Page) -> None:
    def block(route: Route) -> None:
        route.abort()

    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), block)


def test_child_welfare_ends_the_hold_back_and_the_mother_reads_her_log(
    live_server: Any, page: Page, axe: Any, portal_oidc: str
) -> None:
    world = build_world("-h")
    family = build_family(world)
    welfare = welfare_user(world, "hanne-bv-h")
    hold_back = file_report(world, family.case)
    _offline(page)

    page.goto(live_server.url + "/logg-inn/")
    page.get_by_label("Brukernavn").fill(welfare.username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.goto(f"{live_server.url}/saker/{family.case.pk}/")
    expect(page.locator("#utsatt-innsyn")).to_contain_text("Familiens innsyn er utsatt")
    page.get_by_role("link", name="Avslutt eller endre utsettelsen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Utsatt innsyn for familien")
    _clean(page, axe, "hold-back page")
    _fits(page, "hold-back page")

    later = timezone.localdate() + datetime.timedelta(days=settings.LAGET_HOLD_BACK_MAX_DAYS)
    page.get_by_label("Holdes tilbake til og med").fill(later.isoformat())
    page.get_by_role("button", name="Lagre endringen").click()
    expect(page.locator("#utsatt-innsyn")).to_be_visible()
    hold_back.refresh_from_db()
    assert hold_back.ends_on == later

    page.get_by_role("link", name="Avslutt eller endre utsettelsen").click()
    page.get_by_role("button", name="Avslutt nå").click()
    expect(page.get_by_text("Familien ser nå det som ble holdt tilbake.")).to_be_visible()
    assert not HoldBack.objects.get(pk=hold_back.pk).in_force()

    mother = page.context.browser.new_context(  # type: ignore[union-attr]
        viewport={"width": 360, "height": 800}, locale="nb-NO"
    ).new_page()
    _offline(mother)
    sub = provider_user(portal_oidc, {"pid": family.pids[family.mother.name]})
    mother.goto(live_server.url + "/familie/logg-inn/")
    mother.get_by_role("link", name="Logg inn med ID-porten").click()
    mother.locator("input[name=sub]").fill(sub)
    mother.get_by_role("button", name="Authorize").click()
    mother.wait_for_load_state()
    mother.goto(f"{live_server.url}/familie/saker/{family.case.pk}/tilgangslogg/")
    log = mother.locator("ol.access-log").first
    expect(log).to_contain_text(f"{welfare.display_name} ved {world.units['child_welfare'].name}")
    expect(log).to_contain_text("Kari Lundberg ved Solstrålen barnehage")
    _clean(mother, axe, "access log")
    _fits(mother, "access log")
    mother.context.close()
