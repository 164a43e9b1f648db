"""On a 360 px phone: the import page lists the valid codes and names, and a course's
participant is found by typing and chosen by "name – reference – municipality" (htmx narrows the
list). axe finds nothing serious and nothing is wider than the screen."""

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from laget.monitoring.testing import log_in
from laget.registry.models import Course, Term
from laget.registry.testing import build_registry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page: Page, axe: Any) -> None:
    serious = [v["id"] for v in axe(page) if v.get("impact") in ("serious", "critical")]
    assert serious == [], page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_import_codes_and_participant_picker_on_a_phone(
    live_server: Any, page: Page, axe: Any
) -> None:
    reg = build_registry()
    course = Course.objects.create(
        qualification_type=reg.program.qualification_types.get(slug="veileder"),
        year=2026,
        term=Term.AUTUMN,
        region="Øst",
    )
    page.set_viewport_size({"width": 360, "height": 800})
    log_in(page, live_server.url, reg.users["regional"])

    page.goto(live_server.url + reverse("registry:import"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Importer til registeret")
    codes = page.get_by_role("table", name="Kvalifikasjoner")
    expect(codes.get_by_role("row", name="pmto-terapeut Sertifisert PMTO-terapeut")).to_be_visible()
    expect(page.get_by_role("heading", name="Gyldige koder og navn i TIBIR")).to_be_visible()
    # The municipalities are folded away; opened, only the coordinator's region is listed.
    page.get_by_text("Kommuner – kolonnen «kommunenummer»").click()
    municipalities = page.get_by_role("table", name="Kommuner")
    expect(municipalities.get_by_role("row", name="8801 Elvdal")).to_be_visible()
    expect(municipalities.get_by_role("row")).to_have_count(3)  # heading, Elvdal, Åsen
    expect(page.get_by_label("Hva importerer du?")).to_contain_text("Aktivitetsår")
    check(page, axe)

    page.goto(live_server.url + reverse("registry:course_participants", args=[course.pk]))
    picker = page.get_by_label("Velg utøver")
    expect(picker.locator("option")).to_have_count(4)  # the empty choice and three
    page.get_by_role("searchbox", name="Finn utøver").fill("elvdal")
    expect(picker.locator("option")).to_have_count(2)
    expect(page.get_by_role("status")).to_have_text("1 utøver passer til «elvdal».")
    picker.select_option(label="Eli Dalstrøm – R-1 – Elvdal")
    check(page, axe)
    page.get_by_role("button", name="Legg til", exact=True).click()
    expect(page.get_by_role("link", name="Eli Dalstrøm – R-1 – Elvdal")).to_be_visible()
    check(page, axe)
