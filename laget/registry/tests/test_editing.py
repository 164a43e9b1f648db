"""Editing the registry: courses and participants, practitioners and their years, and the
falling-short page. Everything stays inside the user's scope."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from laget.registry.models import (
    ActivityYear,
    Course,
    CourseParticipant,
    CourseStatus,
    Practitioner,
    Qualification,
    Term,
)
from laget.registry.testing import Registry, build_registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def reg(db: None) -> Registry:
    return build_registry()


def client(reg: Registry, role: str) -> Client:
    c = Client()
    c.force_login(reg.users[role])
    return c


def course(reg: Registry, region: str = "Øst", status: str = CourseStatus.PLANNED) -> Course:
    return Course.objects.create(
        qualification_type=reg.program.qualification_types.get(slug="pmto-terapeut"),
        year=2026,
        term=Term.SPRING,
        region=region,
        status=status,
    )


def practitioner_data(reg: Registry, **over: object) -> dict[str, object]:
    data: dict[str, object] = {
        "ref": "R-99",
        "first_name": "Nora",
        "last_name": "Nyland",
        "email": "",
        "municipality": reg.municipalities["elvdal"].pk,
        "employer_name": "",
        "region": "",
    }
    data.update(over)
    return data


@pytest.mark.parametrize(
    ("role", "municipality", "region", "saved"),
    [
        ("municipal", "elvdal", "", True),
        ("municipal", "asen", "", False),  # not their municipality
        ("municipal", None, "Øst", False),  # a registrar must choose their municipality
        ("regional", "asen", "", True),
        ("regional", None, "Øst", True),
        ("regional", "sjovik", "", False),  # outside the region: not offered
        ("regional", None, "Vest", False),
        ("program_admin", "sjovik", "", True),
        ("program_admin", None, "Nord", True),
    ],
)
def test_practitioner_create_stays_in_scope(
    reg: Registry, role: str, municipality: str | None, region: str, saved: bool
) -> None:
    data = practitioner_data(
        reg,
        municipality=reg.municipalities[municipality].pk if municipality else "",
        region=region,
        employer_name="" if municipality else "Fagteam",
    )
    response = client(reg, role).post(reverse("registry:practitioner_create"), data)
    assert (response.status_code == 302) is saved
    assert Practitioner.objects.filter(ref="R-99").exists() is saved
    if saved and municipality:
        # The region comes from the municipality when left empty.
        assert Practitioner.objects.get(ref="R-99").region == (
            reg.municipalities[municipality].region
        )


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"ref": "R-1"}, "ref"),  # taken
        ({"first_name": ""}, "first_name"),
        ({"email": "ikke-en-adresse"}, "email"),
        ({"municipality": "", "employer_name": "", "region": "Øst"}, "employer_name"),
    ],
)
def test_practitioner_validation(reg: Registry, over: dict[str, object], field: str) -> None:
    response = client(reg, "regional").post(
        reverse("registry:practitioner_create"), practitioner_data(reg, **over)
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors


def test_practitioner_edit(reg: Registry) -> None:
    p = reg.practitioners["asen"]
    c = client(reg, "regional")
    url = reverse("registry:practitioner_edit", args=[p.pk])
    assert c.get(url).status_code == 200
    data = practitioner_data(reg, ref=p.ref, last_name="Åsheim", municipality=p.municipality_id)
    assert c.post(url, data).status_code == 302
    p.refresh_from_db()
    assert p.last_name == "Åsheim"


@pytest.mark.parametrize(
    ("role", "name", "status"),
    [
        ("municipal", "asen", 404),
        ("municipal", "elvdal", 200),
        ("regional", "sjovik", 404),
        ("regional", "state", 200),
        ("program_admin", "sjovik", 200),
        ("none", "elvdal", 403),
    ],
)
@pytest.mark.parametrize("route", ["practitioner_edit", "practitioner_activity"])
def test_practitioner_pages_scope(
    reg: Registry, role: str, name: str, status: int, route: str
) -> None:
    url = reverse(f"registry:{route}", args=[reg.practitioners[name].pk])
    assert client(reg, role).get(url).status_code == status


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"active": "0", "reason_left": " "}, "reason_left"),
        ({"families": "-1"}, "families"),
        ({"year": "1800"}, "year"),
        ({"active": "kanskje"}, "active"),
    ],
)
def test_activity_validation(reg: Registry, data: dict[str, str], error: str) -> None:
    p = reg.practitioners["elvdal"]
    form = {"year": "2025", "active": "1", "reason_left": "", "families": "2"}
    form |= {"supervision_hours": "4", **data}
    response = client(reg, "municipal").post(
        reverse("registry:practitioner_activity", args=[p.pk]), form
    )
    assert response.status_code == 400
    assert error in response.context["form"].errors
    assert not ActivityYear.objects.exists()


def test_activity_set_and_edit(reg: Registry) -> None:
    p = reg.practitioners["elvdal"]
    c = client(reg, "municipal")
    url = reverse("registry:practitioner_activity", args=[p.pk])
    form = {"year": "2025", "active": "0", "reason_left": "Ny jobb"}
    form |= {"families": "2", "supervision_hours": "4"}
    assert c.post(url, form).status_code == 302
    row = ActivityYear.objects.get()
    assert (row.active, row.reason_left, row.families) == (False, "Ny jobb", 2)
    page = c.get(url + "?year=2025").content.decode()
    assert 'value="Ny jobb"' in page
    form |= {"active": "1", "families": "6"}
    assert c.post(url, form).status_code == 302
    row.refresh_from_db()
    assert (row.active, row.reason_left, row.families) == (True, "", 6)


@pytest.mark.parametrize(
    ("role", "municipality", "region", "saved"),
    [
        ("regional", None, "Øst", True),
        ("regional", None, "Vest", False),
        ("municipal", "elvdal", "", True),
        ("municipal", None, "Øst", False),
        ("program_admin", None, "Vest", True),
    ],
)
def test_course_create_stays_in_scope(
    reg: Registry, role: str, municipality: str | None, region: str, saved: bool
) -> None:
    data = {
        "qualification_type": reg.program.qualification_types.get(slug="veileder").pk,
        "year": "2027",
        "term": "H",
        "status": "planned",
        "region": region,
        "municipality": reg.municipalities[municipality].pk if municipality else "",
    }
    response = client(reg, role).post(reverse("registry:course_create"), data)
    assert (response.status_code == 302) is saved
    assert Course.objects.filter(year=2027).exists() is saved


@pytest.mark.parametrize(
    ("over", "field"),
    [({"year": "20"}, "year"), ({"term": "X"}, "term"), ({"status": "done"}, "status")],
)
def test_course_validation(reg: Registry, over: dict[str, str], field: str) -> None:
    c = course(reg)
    data = {
        "qualification_type": c.qualification_type_id,
        "year": "2026",
        "term": "V",
        "status": "running",
        "region": "Øst",
        "municipality": "",
    } | over
    response = client(reg, "regional").post(reverse("registry:course_edit", args=[c.pk]), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors


@pytest.mark.parametrize(("role", "status"), [("regional", 200), ("municipal", 404)])
def test_course_edit_scope(reg: Registry, role: str, status: int) -> None:
    c = course(reg)
    for route in ("course_edit", "course_participants"):
        url = reverse(f"registry:{route}", args=[c.pk])
        assert client(reg, role).get(url).status_code == status


def test_participants_add_and_remove(reg: Registry) -> None:
    c = course(reg)
    user = client(reg, "regional")
    url = reverse("registry:course_participants", args=[c.pk])
    a = reg.practitioners["asen"]
    assert user.post(url, {"practitioner": a.ref}).status_code == 302
    assert list(c.participants.all()) == [a]
    # Out of scope: not offered, nothing added.
    response = user.post(url, {"practitioner": reg.practitioners["sjovik"].ref})
    assert response.status_code == 400
    assert CourseParticipant.objects.count() == 1
    assert user.post(url, {"remove": str(reg.practitioners["sjovik"].pk)}).status_code == 404
    assert user.post(url, {"remove": str(a.pk)}).status_code == 302
    assert not CourseParticipant.objects.exists()


def test_completed_course_keeps_its_participants(reg: Registry) -> None:
    c = course(reg, status=CourseStatus.COMPLETED)
    a = reg.practitioners["asen"]
    CourseParticipant.objects.create(course=c, practitioner=a)
    url = reverse("registry:course_participants", args=[c.pk])
    response = client(reg, "regional").post(url, {"remove": str(a.pk)})
    assert response.status_code == 400
    assert CourseParticipant.objects.count() == 1


def test_falling_short_page(reg: Registry) -> None:
    therapist = reg.program.qualification_types.get(slug="pmto-terapeut")
    for key in ("elvdal", "asen", "sjovik"):
        Qualification.objects.create(
            practitioner=reg.practitioners[key],
            type=therapist,
            obtained_on=datetime.date(2023, 1, 1),
        )
    ActivityYear.objects.create(
        practitioner=reg.practitioners["asen"], year=2025, families=9, supervision_hours=20
    )
    page = client(reg, "regional").get(reverse("registry:falling_short") + "?year=2025")
    text = page.content.decode()
    assert "Dalstrøm" in text and "Åsmo" not in text and "Vikan" not in text
    assert "0 av 5 familier" in text
    admin = client(reg, "program_admin").get(reverse("registry:falling_short") + "?year=2025")
    assert "Vikan" in admin.content.decode()
    assert (
        client(reg, "municipal").get(reverse("registry:falling_short") + "?year=x").status_code
        == 400
    )
    assert client(reg, "none").get(reverse("registry:falling_short")).status_code == 403


@pytest.mark.parametrize(("role", "shown"), [("regional", True), ("none", False)])
def test_menu_link(reg: Registry, role: str, shown: bool) -> None:
    page = client(reg, role).get(reverse("cases:my_cases")).content.decode()
    assert ("Programregister" in page) is shown
