"""The demo's program coordinator (laget/demo/registry.py): on a fresh database with only the demo
municipality (and one neighbour), `seed_registry` gives a login whose registry has something
on every page: practitioners, courses with participants, a report with figures, a planned start
and a registration deadline instead of 0, and the note on further qualifications."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from laget.accounts.models import User
from laget.demo import data
from laget.demo.registry import COORDINATOR, seed_registry
from laget.orgs.models import Municipality
from laget.registry.access import courses_for, practitioners_for, registry_scope
from laget.registry.models import ActivityYear, CourseParticipant, FamiliesReached, Practitioner

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 10)


@pytest.fixture
def lines(db: None) -> list[str]:
    Municipality.objects.create(
        name=data.MUNICIPALITY_NAME, number=data.MUNICIPALITY_NUMBER, region=data.REGION
    )
    Municipality.objects.create(name="Storevik kommune", number="9972", region=data.REGION)
    return seed_registry(TODAY)


def coordinator() -> Client:
    user = User.objects.get(username=COORDINATOR[0])
    assert user.check_password(data.PASSWORD)  # the demo's password, as every demo login
    client = Client()
    client.force_login(user)
    return client


def test_the_login_line_names_the_coordinator(lines: list[str]) -> None:
    assert len(lines) == 1 and lines[0].split()[0] == COORDINATOR[0]
    assert "program coordinator" in lines[0]


def test_the_coordinator_sees_a_filled_registry(lines: list[str]) -> None:
    user = User.objects.get(username=COORDINATOR[0])
    scope = registry_scope(user)
    assert scope.regions == {data.REGION} and not scope.everything
    assert practitioners_for(user).count() == Practitioner.objects.count() >= 10
    assert courses_for(user).count() == 3
    assert CourseParticipant.objects.filter(completed=True).count() == 1
    assert ActivityYear.objects.filter(active=False).exclude(reason_left="").exists()
    assert FamiliesReached.objects.filter(year=2026).count() == 4
    # Invented people: nobody has a real address.
    assert all(p.email.endswith(".invalid") for p in Practitioner.objects.exclude(email=""))


def test_every_registry_page_has_something(lines: list[str]) -> None:
    client = coordinator()
    pages = {
        "practitioner_list": "Sigrid Lundevall",
        "course_list": "påmelding innen",
        "families_list": "PMTO-behandling",
        "import": "Sertifisert PMTO-terapeut",
    }
    for route, text in pages.items():
        response = client.get(reverse(f"registry:{route}"))
        assert response.status_code == 200, route
        assert text in response.content.decode(), route
    report = client.get(reverse("registry:report"), {"year": 2026, "term": "V"})
    html = report.content.decode()
    assert "Planlagt oppstart høsten 2026" in html
    assert "Påmelding innen 24. april 2026" in html  # the supervisor course, nobody signed up
    assert "Telles bare når de er sertifisert og aktive · 1 til har kvalifikasjonen" in html


def test_seeding_again_changes_nothing(lines: list[str]) -> None:
    before = Practitioner.objects.count()
    assert seed_registry(TODAY) == lines
    assert Practitioner.objects.count() == before
