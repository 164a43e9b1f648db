"""The dashboard on a 360 px phone: charts with their tables, axe, and the PDF report's text."""

import io
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from laget.implementation.demo import seed_demo_plans
from laget.monitoring.sample import add_sample_cases
from laget.orgs.models import Municipality, Role, Unit, UnitKind
from laget.testing.world import PASSWORD, add_member, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_reads_the_dashboard_and_the_report_on_a_phone(
    live_server: Any, page: Page, axe: Any
) -> None:
    m = Municipality.objects.create(name="Bølgedal", number="7901")
    units = [
        Unit.objects.create(municipality=m, name=name, kind=kind)
        for name, kind in (
            ("Tusenfryd barnehage", UnitKind.KINDERGARTEN),
            ("Bølgedal helsestasjon", UnitKind.HEALTH_CLINIC),
            ("Nordre skole", UnitKind.SCHOOL),
        )
    ]
    coordinator = make_user("koordinator", "Kim", "Åsvang")
    add_member(coordinator, m, None, Role.COORDINATOR)
    add_sample_cases(m, units, coordinator, 120, seed=7)
    seed_demo_plans(m, units)

    page.goto(live_server.url + "/logg-inn/")
    page.get_by_label("Brukernavn").fill(coordinator.username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.goto(live_server.url + "/oppfolging/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bølgedal")
    charts = page.locator("svg.chart")
    assert charts.count() >= 7
    for i in range(charts.count()):
        chart = charts.nth(i)
        expect(chart).to_be_visible()
        assert chart.locator("rect.chart__bar").count() >= 1
        # Each chart is described by its table.
        table_id = chart.get_attribute("aria-describedby")
        expect(page.locator(f"#{table_id}")).to_have_count(1)
    expect(page.get_by_role("table", name="Tallene bak «Åpne saker per nivå»")).to_be_visible()
    serious = [v["id"] for v in axe(page) if v.get("impact") in ("serious", "critical")]
    assert serious == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    link = page.get_by_role("link", name="Rapport til styringsgruppen (PDF)")
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.body()))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Innføringen i Bølgedal" in text
    for title in ("Åpne saker per nivå", "Saker med stafettholder", "Barn og familier nådd"):
        assert title in text
