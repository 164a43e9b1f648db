"""The dashboard on a 360 px phone: charts with their tables, axe, and the PDF report's text."""

import io
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from laget.implementation.demo import seed_demo_plans
from laget.monitoring.sample import add_sample_cases
from laget.monitoring.testing import log_in, steering_town

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_reads_the_dashboard_and_the_report_on_a_phone(
    live_server: Any, page: Page, axe: Any
) -> None:
    m, units, coordinator = steering_town("Bølgedal", "7901")
    add_sample_cases(m, units, coordinator, 120, seed=7)
    seed_demo_plans(m, units)
    log_in(page, live_server.url, coordinator)
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
