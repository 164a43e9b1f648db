"""The staff pages show the user's scope only; the import page lists row errors."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from laget.registry.models import Course, CourseParticipant, FamiliesReached, Qualification, Term
from laget.registry.testing import Registry, build_registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def reg(db: None) -> Registry:
    return build_registry()


def client(reg: Registry, role: str) -> Client:
    c = Client()
    user = reg.users[role]
    assert user is not None
    c.force_login(user)
    return c


def test_municipal_sees_own_practitioners_only(reg: Registry) -> None:
    c = client(reg, "municipal")
    page = c.get(reverse("registry:practitioner_list")).content.decode()
    assert "Dalstrøm" in page and "Åsmo" not in page and "Vikan" not in page
    own = reg.practitioners["elvdal"].pk
    other = reg.practitioners["sjovik"].pk
    assert c.get(reverse("registry:practitioner_detail", args=[own])).status_code == 200
    assert c.get(reverse("registry:practitioner_detail", args=[other])).status_code == 404


def test_no_registry_role_is_refused(reg: Registry) -> None:
    assert client(reg, "none").get(reverse("registry:practitioner_list")).status_code == 403


def test_course_complete_page(reg: Registry) -> None:
    course = Course.objects.create(
        qualification_type=reg.program.qualification_types.get(slug="veileder"),
        year=2026,
        term=Term.SPRING,
        region="Øst",
        completed_on=datetime.date(2026, 6, 1),
    )
    a = reg.practitioners["asen"]
    CourseParticipant.objects.create(course=course, practitioner=a)
    c = client(reg, "regional")
    assert "Åsmo" in c.get(reverse("registry:course_complete", args=[course.pk])).content.decode()
    response = c.post(reverse("registry:course_complete", args=[course.pk]), {"completed": [a.pk]})
    assert response.status_code == 302
    assert Qualification.objects.get().practitioner == a
    # A regional course: a municipal registrar sees only courses held in their municipality.
    assert (
        client(reg, "municipal")
        .get(reverse("registry:course_complete", args=[course.pk]))
        .status_code
        == 404
    )


def test_import_page_lists_row_errors_and_imports_nothing(reg: Registry) -> None:
    c = client(reg, "municipal")
    body = (
        "intervensjon;kommunenummer;år;type;antall\n"
        "kartlegging;8801;2025;registrert;4\n"
        "kartlegging;8803;2025;registrert;6\n"
    ).encode()
    response = c.post(
        reverse("registry:import"),
        {"kind": "families", "file": SimpleUploadedFile("tall.csv", body, "text/csv")},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "<td>3</td><td>kommunenummer</td>" in page
    assert not FamiliesReached.objects.exists()
    fixed = body.rsplit(b"\n", 2)[0] + b"\n"
    response = c.post(
        reverse("registry:import"),
        {"kind": "families", "file": SimpleUploadedFile("tall.csv", fixed, "text/csv")},
    )
    assert response.status_code == 302
    assert FamiliesReached.objects.get().count == 4
    families = c.get(reverse("registry:families_list")).content.decode()
    assert "Elvdal" in families
