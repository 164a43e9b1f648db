"""Course participants are chosen by name, shown as "name – reference – municipality"; the
search narrows the list (htmx fragment, or the page itself without JavaScript); what is posted is
read by the one resolver."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laget.registry.forms import PICKER_MAX
from laget.registry.models import Course, CourseParticipant, Practitioner, Term
from laget.registry.testing import Registry, build_registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def reg(db: None) -> Registry:
    return build_registry()


@pytest.fixture
def course(reg: Registry) -> Course:
    return Course.objects.create(
        qualification_type=reg.program.qualification_types.get(slug="veileder"),
        year=2026,
        term=Term.AUTUMN,
        region="Øst",
    )


def client(reg: Registry, role: str) -> Client:
    c = Client()
    c.force_login(reg.users[role])
    return c


def options_url(course: Course) -> str:
    return reverse("registry:course_participant_options", args=[course.pk])


# A regional course in Øst: the program admin and Øst's coordinator see it; Elvdal's registrar
# sees only courses held in Elvdal (404, as for a missing one); no registry role: 403.
@pytest.mark.parametrize(
    ("role", "status"),
    [("program_admin", 200), ("regional", 200), ("municipal", 404), ("none", 403)],
)
@pytest.mark.parametrize("route", ["course_participants", "course_participant_options"])
def test_who_may_open_the_picker(
    reg: Registry, course: Course, role: str, status: int, route: str
) -> None:
    url = reverse(f"registry:{route}", args=[course.pk])
    assert client(reg, role).get(url).status_code == status


def test_anonymous_is_sent_to_log_in(course: Course) -> None:
    response = Client().get(options_url(course))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_options_show_name_reference_and_municipality(reg: Registry, course: Course) -> None:
    page = client(reg, "regional").get(options_url(course)).content.decode()
    assert '<option value="R-1">Eli Dalstrøm – R-1 – Elvdal</option>' in page
    assert '<option value="R-2">Are Åsmo – R-2 – Åsen</option>' in page
    assert '<option value="R-4">Stig Bufset – R-4 – Fagteam Øst</option>' in page
    assert "R-3" not in page  # Sjøvik is in Vest
    assert "3 utøvere å velge blant." in page


@pytest.mark.parametrize(
    ("query", "refs"),
    [("elvdal", ["R-1"]), ("ÅSMO", ["R-2"]), ("r-4", ["R-4"]), ("eli elvdal", ["R-1"])],
)
def test_the_search_narrows_the_options(
    reg: Registry, course: Course, query: str, refs: list[str]
) -> None:
    page = client(reg, "regional").get(options_url(course), {"q": query}).content.decode()
    shown = [ref for ref in ("R-1", "R-2", "R-3", "R-4") if f'value="{ref}"' in page]
    assert shown == refs
    # Without JavaScript the page itself narrows the same way.
    full = client(reg, "regional").get(
        reverse("registry:course_participants", args=[course.pk]), {"q": query}
    )
    assert [
        ref for ref in ("R-1", "R-2", "R-4") if f'value="{ref}"' in full.content.decode()
    ] == refs


def test_participants_already_on_the_course_are_not_offered(reg: Registry, course: Course) -> None:
    CourseParticipant.objects.create(course=course, practitioner=reg.practitioners["elvdal"])
    page = client(reg, "regional").get(options_url(course)).content.decode()
    assert 'value="R-1"' not in page
    listing = client(reg, "regional").get(reverse("registry:course_participants", args=[course.pk]))
    assert "Eli Dalstrøm – R-1 – Elvdal" in listing.content.decode()


@pytest.mark.parametrize("posted", ["R-2", " r-2 ", "Are Åsmo", "are åsmo – r-2 – åsen"])
def test_adding_by_reference_or_name(reg: Registry, course: Course, posted: str) -> None:
    url = reverse("registry:course_participants", args=[course.pk])
    assert client(reg, "regional").post(url, {"practitioner": posted}).status_code == 302
    assert list(course.participants.all()) == [reg.practitioners["asen"]]


def test_a_name_two_share_asks_for_the_reference(reg: Registry, course: Course) -> None:
    Practitioner.objects.create(
        ref="R-8", first_name="Are", last_name="Åsmo", employer_name="Fagteam Øst", region="Øst"
    )
    url = reverse("registry:course_participants", args=[course.pk])
    response = client(reg, "regional").post(url, {"practitioner": "Are Åsmo"})
    assert response.status_code == 400
    assert response.context["form"].errors["practitioner"] == [
        "Flere har dette navnet (R-2, R-8). Skriv koden."
    ]
    assert not CourseParticipant.objects.exists()


def test_the_options_cost_the_same_queries_for_many(reg: Registry, course: Course) -> None:
    def count(c: Client) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert c.get(options_url(course)).status_code == 200
        return len(queries)

    c = client(reg, "program_admin")
    few = count(c)
    elvdal = reg.municipalities["elvdal"]
    Practitioner.objects.bulk_create(
        Practitioner(
            ref=f"M-{i}",
            first_name="Mange",
            last_name=f"Navn{i}",
            municipality=elvdal,
            region="Øst",
        )
        for i in range(PICKER_MAX + 10)
    )
    assert count(c) == few
    page: Any = c.get(options_url(course)).content.decode()
    assert page.count("<option") == PICKER_MAX + 1  # the empty choice and a page of names
    assert "Søk for å finne flere." in page
