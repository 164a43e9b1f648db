"""The registry's staff pages on a 360 px phone: a regional coordinator reads practitioners,
courses and who falls short; axe finds nothing serious and nothing is wider than the screen."""

import datetime
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from laget.registry.models import ActivityYear, Course, CourseParticipant, Qualification, Term
from laget.registry.testing import build_registry
from laget.testing.world import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_regional_coordinator_browses_the_registry_on_a_phone(
    live_server: Any, page: Page, axe: Any
) -> None:
    reg = build_registry()
    therapist = reg.program.qualification_types.get(slug="pmto-terapeut")
    elvdal = reg.practitioners["elvdal"]
    Qualification.objects.create(
        practitioner=elvdal, type=therapist, obtained_on=datetime.date(2023, 3, 1)
    )
    ActivityYear.objects.create(practitioner=elvdal, year=2025, families=2, supervision_hours=3)
    course = Course.objects.create(
        qualification_type=therapist, year=2026, term=Term.SPRING, region="Øst"
    )
    CourseParticipant.objects.create(course=course, practitioner=reg.practitioners["asen"])
    user = reg.users["regional"]
    page.goto(live_server.url + "/logg-inn/")
    page.get_by_label("Brukernavn").fill(user.username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()

    def check() -> None:
        serious = [v["id"] for v in axe(page) if v.get("impact") in ("serious", "critical")]
        assert serious == [], page.url
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url

    page.get_by_role("link", name="Programregister").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Utøvere")
    check()
    page.get_by_role("link", name="Eli Dalstrøm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eli Dalstrøm")
    check()
    page.goto(live_server.url + "/register/kurs/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kurs")
    check()
    page.goto(live_server.url + "/register/faller-utenfor/?year=2025")
    expect(page.get_by_text("2 av 5 familier")).to_be_visible()
    check()
