"""The results page on a 360 px phone: a chart per question by service, the exports one tap away,
no serious axe finding, nothing wider than the screen. And an answer that meets the abuse limit
comes back to be sent again, not lost."""

import datetime
import random
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import Page, expect

from laget.demo.surveys import seed_demo_surveys
from laget.monitoring.testing import log_in, steering_town
from laget.orgs.models import Municipality, Role, Unit, UnitKind
from laget.surveys import limits
from laget.surveys.models import Questionnaire, Response, Round
from laget.surveys.testing import open_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page: Page, axe: Any) -> None:
    serious = [v["id"] for v in axe(page) if v.get("impact") in ("serious", "critical")]
    assert serious == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_results_with_a_chart_per_question_and_exports_on_a_phone(
    live_server: Any, page: Page, axe: Any
) -> None:
    m, units, coordinator = steering_town("Grafvik", "7951", Role.COORDINATOR)
    seed_demo_surveys(m, units, datetime.date.today(), random.Random(5))
    questionnaire = Questionnaire.objects.get(municipality=m)
    round_ = Round.objects.filter(questionnaire=questionnaire).latest("opens_on")
    page.set_viewport_size({"width": 360, "height": 800})
    log_in(page, live_server.url, coordinator)
    page.goto(live_server.url + reverse("surveys:round_results", args=[round_.pk]))
    questions = questionnaire.questions.count()
    charts = page.locator("svg[data-chart^='q-']")
    expect(charts).to_have_count(questions)
    # Each chart has a bar per group: everyone, then each service.
    expect(charts.first.locator("text.chart__label").first).to_have_text("Alle som svarte")
    expect(page.locator(".chart-legend").first).to_contain_text("Ja")
    fits(page, axe)
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Last ned som CSV").click()
    assert csv_download.value.suggested_filename.endswith(".csv")
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Last ned som Excel (XLSX)").click()
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")


def test_a_limited_answer_is_kept_and_sent_again(live_server: Any, page: Page, axe: Any) -> None:
    municipality = Municipality.objects.create(name="Travelvik", number="8871")
    Unit.objects.create(municipality=municipality, name="Travelvik skole", kind=UnitKind.SCHOOL)
    link = open_round(municipality).round_units.get()
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}/undersokelser/svar/{link.token}/")
    for group in page.get_by_role("group").all():
        group.get_by_role("radio").first.check()
    cache.set(limits.link_key(link.token), limits.link_limit(link.invited), limits.WINDOW)
    try:
        page.get_by_role("button", name="Send svarene").click()
        expect(page.get_by_role("status")).to_contain_text("ikke sendt ennå")
        expect(page.locator(".kept-answers dd").first).to_contain_text("Ja")
        fits(page, axe)
        assert Response.objects.count() == 0
    finally:
        cache.delete(limits.link_key(link.token))
    page.get_by_role("button", name="Send svarene på nytt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Takk for svaret")
    assert Response.objects.filter(round_unit=link).count() == 1
