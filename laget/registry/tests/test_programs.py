"""Programs as data: only program admins create programs, interventions and qualifications;
the services give field errors for bad input."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from laget.registry.models import Intervention, Program, QualificationKind, QualificationType
from laget.registry.services import (
    intervention_save,
    program_save,
    qualification_type_save,
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


@pytest.mark.parametrize(
    ("role", "status"),
    [("program_admin", 200), ("regional", 403), ("municipal", 403), ("none", 403)],
)
def test_program_pages_are_for_program_admins(reg: Registry, role: str, status: int) -> None:
    c = client(reg, role)
    intervention = reg.program.interventions.first()
    assert intervention is not None
    for url in (
        reverse("registry:program_list"),
        reverse("registry:program_create"),
        reverse("registry:program_detail", args=[reg.program.pk]),
        reverse("registry:program_intervention_add", args=[reg.program.pk]),
        reverse("registry:program_intervention_edit", args=[reg.program.pk, intervention.pk]),
        reverse("registry:program_qualification_add", args=[reg.program.pk]),
    ):
        assert c.get(url).status_code == status, url
    response = c.post(reverse("registry:program_create"), {"name": "Ny", "slug": "ny"})
    assert response.status_code == (302 if status == 200 else status)
    assert Program.objects.filter(slug="ny").exists() == (status == 200)


def test_admin_builds_a_program(reg: Registry) -> None:
    c = client(reg, "program_admin")
    response = c.post(
        reverse("registry:program_create"),
        {"name": "Solstreif", "slug": "solstreif", "owner": "Senter for lek"},
    )
    program = Program.objects.get(slug="solstreif")
    assert response["Location"] == reverse("registry:program_detail", args=[program.pk])
    response = c.post(
        reverse("registry:program_intervention_add", args=[program.pk]),
        {"name": "Foreldrekurs", "slug": "foreldrekurs", "order": 1},
    )
    assert response.status_code == 302
    intervention = Intervention.objects.get(program=program)
    response = c.post(
        reverse("registry:program_qualification_add", args=[program.pk]),
        {
            "name": "Kursleder",
            "slug": "kursleder",
            "kind": QualificationKind.COURSE_HOLDER,
            "intervention": intervention.pk,
            "min_families": 3,
            "period_months": 12,
            "order": 1,
        },
    )
    assert response.status_code == 302
    qt = QualificationType.objects.get(program=program)
    assert (qt.intervention, qt.min_families, qt.period_months) == (intervention, 3, 12)
    page = c.get(reverse("registry:program_detail", args=[program.pk])).content.decode()
    assert "Foreldrekurs" in page and "Kursleder" in page
    response = c.post(
        reverse("registry:program_qualification_edit", args=[program.pk, qt.pk]),
        {
            "name": "Kursholder",
            "slug": "kursleder",
            "kind": QualificationKind.COURSE_HOLDER,
            "order": 1,
        },
    )
    assert response.status_code == 302
    qt.refresh_from_db()
    assert (qt.name, qt.intervention, qt.min_families) == ("Kursholder", None, None)


def test_duplicate_slug_is_a_field_error_on_the_page(reg: Registry) -> None:
    c = client(reg, "program_admin")
    response = c.post(
        reverse("registry:program_intervention_add", args=[reg.program.pk]),
        {"name": "Dobbel", "slug": "kartlegging", "order": 9},
    )
    assert response.status_code == 400
    assert "allerede en intervensjon med denne kortadressen" in response.content.decode()
    response = c.post(reverse("registry:program_create"), {"name": "Kopi", "slug": "tibir"})
    assert response.status_code == 400
    assert "Et annet program har allerede denne kortadressen" in response.content.decode()


def test_service_errors(reg: Registry) -> None:
    program = reg.program
    admin = reg.users["program_admin"]
    with pytest.raises(ValidationError) as e:
        program_save(by=admin, slug="tibir", name="Kopi")
    assert set(e.value.message_dict) == {"slug"}
    with pytest.raises(ValidationError) as e:
        program_save(by=admin, slug="ok-slug", name="")
    assert set(e.value.message_dict) == {"name"}
    with pytest.raises(ValidationError) as e:
        intervention_save(by=admin, program=program, slug="kartlegging", name="X")
    assert set(e.value.message_dict) == {"slug"}
    other = program_save(by=admin, slug="annet", name="Annet")
    foreign = intervention_save(by=admin, program=other, slug="en", name="En")
    with pytest.raises(ValidationError) as e:
        qualification_type_save(
            by=admin,
            program=program,
            slug="veileder",
            name="Y",
            kind="nonsense",
            intervention=foreign,
            min_families=2,
        )
    assert set(e.value.message_dict) == {"slug", "intervention", "period_months"}
    with pytest.raises(ValidationError) as e:
        qualification_type_save(
            by=admin, program=program, slug="ny-type", name="Y", kind="nonsense"
        )
    assert set(e.value.message_dict) == {"kind"}
    # Editing keeps its own slug.
    qt = program.qualification_types.get(slug="veileder")
    qualification_type_save(
        by=admin,
        program=program,
        qualification_type=qt,
        slug="veileder",
        name="Veileder (ny)",
        kind=qt.kind,
    )
    qt.refresh_from_db()
    assert qt.name == "Veileder (ny)"
    # An intervention from another program cannot be reached through this one.
    url = reverse("registry:program_intervention_edit", args=[program.pk, foreign.pk])
    assert client(reg, "program_admin").get(url).status_code == 404
