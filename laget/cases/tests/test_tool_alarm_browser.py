"""On a 360 px phone: a worry scale filled with "yes, I suspect violence" is an alarm on the case
page and in "my cases"; it leads to the report step (whom to call, the form), the report is
recorded there, and the alarm is gone. axe finds no WCAG 2.1 A/AA violations on the way."""

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from laget.directory.models import Service
from laget.monitoring.testing import log_in
from laget.testing.world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _submit(page: Page, name: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_an_alarming_result_leads_to_the_report_and_clears_when_recorded(
    live_server: Any, page: Page, axe: Any
) -> None:
    world = build_world()
    Service.objects.create(
        municipality=world.municipality,
        name="Barneverntjenesten i Fjordvik",
        phone="400 00 105",
        unit=world.units["child_welfare"],
    )
    assert world.tool_version is not None
    page.set_viewport_size({"width": 360, "height": 800})
    log_in(page, live_server.url, world.users["stafettholder"])
    case_url = live_server.url + reverse("cases:case_detail", args=[world.case.pk])

    page.goto(case_url)
    page.get_by_role("link", name="Bruk et verktøy").click()
    page.get_by_role("link", name="Bekymringsskala – barnet").click()
    for field in world.tool_version.schema["fields"]:
        if field.get("required") and field["key"] != "fare":
            group = page.locator("fieldset", has=page.locator("legend", has_text=field["label"]))
            group.get_by_label("Nei, ikke det jeg vet om").check()
    fare = page.locator("fieldset", has=page.locator("legend", has_text="vold, overgrep"))
    fare.get_by_label("Ja", exact=True).check()
    _submit(page, "Lagre")

    alert = page.get_by_role("alert").filter(has_text="Bekymringsmelding må sendes")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Alarm")  # the label in words, not only the colour
    expect(page.locator(".entry--alarm")).to_contain_text("Ikke registrert som meldt ennå.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe(page) == []

    page.goto(live_server.url + reverse("cases:my_cases"))
    expect(page.locator(".flag--alarm")).to_contain_text("Bekymringsmelding må sendes")

    page.goto(case_url)
    alert.get_by_role("link", name="Meld bekymring nå").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meld bekymring til barnevernet")
    expect(page.get_by_role("link", name="Ring 400 00 105")).to_have_attribute(
        "href", "tel:40000105"
    )
    expect(page.locator('a[href="tel:112"]')).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe(page) == []
    page.get_by_label("Politiet er også varslet").check()
    _submit(page, "Registrer at meldingen er sendt")

    expect(page.locator("body")).to_contain_text("Bekymringsmeldingen er registrert som sendt.")
    expect(page.get_by_role("alert").filter(has_text="Bekymringsmelding må sendes")).to_have_count(
        0
    )
    expect(page.locator(".entry--alarm").first).to_contain_text("registrert sendt etter dette")
    page.goto(live_server.url + reverse("cases:my_cases"))
    expect(page.locator(".flag--alarm")).to_have_count(0)
