"""Municipal agreements and phases: scope per role, the phase order, and the list page."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from laget.registry.models import Agreement, Phase, PhaseEntry
from laget.registry.services import agreement_save
from laget.registry.testing import Registry, build_registry

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def reg(db: None) -> Registry:
    return build_registry()


def client(reg: Registry, role: str) -> Client:
    c = Client()
    c.force_login(reg.users[role])
    return c


def agreement(reg: Registry, key: str) -> Agreement:
    return agreement_save(
        by=reg.users["program_admin"],
        municipality=reg.municipalities[key],
        program=reg.program,
        signed_on=D(2024, 3, 1),
        parties="Kommunen og regionsenteret",
    )


def form_data(reg: Registry, **phases: str) -> dict[str, object]:
    data: dict[str, object] = {
        "program": reg.program.pk,
        "signed_on": "2024-03-01",
        "parties": "Kommunen og regionsenteret",
        "intermunicipal": "on",
        "steering_group": "Kari Lund, kommunalsjef",
    }
    data.update({f"phase_{k}": v for k, v in phases.items()})
    return data


# Which of Elvdal (own municipality of the registrar, region Øst) and Sjøvik (Vest) each
# role may open.
SCOPES = [
    ("program_admin", {"elvdal": 200, "sjovik": 200}),
    ("regional", {"elvdal": 200, "sjovik": 404}),
    ("municipal", {"elvdal": 200, "sjovik": 404}),
    ("none", {"elvdal": 403, "sjovik": 403}),
]


@pytest.mark.parametrize(("role", "expected"), SCOPES)
def test_agreement_pages_follow_the_scope(
    reg: Registry, role: str, expected: dict[str, int]
) -> None:
    c = client(reg, role)
    for key, status in expected.items():
        m = reg.municipalities[key]
        a = agreement(reg, key)
        assert c.get(reverse("registry:agreement_edit", args=[a.pk])).status_code == status
        a.delete()
        url = reverse("registry:agreement_create", args=[m.pk])
        assert c.get(url).status_code == status
        response = c.post(url, form_data(reg, exploration="2024-04-01"))
        assert response.status_code == (302 if status == 200 else status)
        assert Agreement.objects.filter(municipality=m).exists() == (status == 200)
    list_status = 403 if role == "none" else 200
    assert c.get(reverse("registry:agreement_list")).status_code == list_status


def test_regional_list_shows_the_region_only(reg: Registry) -> None:
    page = client(reg, "regional").get(reverse("registry:agreement_list")).content.decode()
    assert "Elvdal" in page and "Åsen" in page and "Sjøvik" not in page


def test_create_and_edit_agreement_with_phases(reg: Registry) -> None:
    c = client(reg, "municipal")
    m = reg.municipalities["elvdal"]
    response = c.post(
        reverse("registry:agreement_create", args=[m.pk]),
        form_data(reg, exploration="2024-04-01", establishment="2024-09-01"),
    )
    assert response.status_code == 302
    a = Agreement.objects.get(municipality=m)
    assert a.intermunicipal and a.steering_group == "Kari Lund, kommunalsjef"
    assert dict(a.phases.values_list("phase", "entered_on")) == {
        Phase.EXPLORATION: D(2024, 4, 1),
        Phase.ESTABLISHMENT: D(2024, 9, 1),
    }
    edit = reverse("registry:agreement_edit", args=[a.pk])
    assert 'value="2024-09-01"' in c.get(edit).content.decode()
    # Clearing a date removes the phase; a new one is added.
    response = c.post(edit, form_data(reg, exploration="2024-04-01", introduction="2025-01-10"))
    assert response.status_code == 302
    assert set(a.phases.values_list("phase", flat=True)) == {
        Phase.EXPLORATION,
        Phase.INTRODUCTION,
    }
    # A second agreement for the same program is an error on the program field.
    response = c.post(reverse("registry:agreement_create", args=[m.pk]), form_data(reg))
    assert response.status_code == 400
    assert "allerede en avtale for dette programmet" in response.content.decode()


def test_a_phase_before_an_earlier_phase_is_a_field_error(reg: Registry) -> None:
    m = reg.municipalities["elvdal"]
    with pytest.raises(ValidationError) as e:
        agreement_save(
            by=reg.users["program_admin"],
            municipality=m,
            program=reg.program,
            signed_on=D(2024, 3, 1),
            parties="P",
            phases={
                Phase.EXPLORATION: D(2024, 4, 1),
                Phase.ESTABLISHMENT: D(2024, 3, 1),
                Phase.OPERATION: D(2025, 1, 1),
            },
        )
    assert set(e.value.message_dict) == {"phase_establishment"}
    assert not Agreement.objects.exists()
    # Same day is fine; a skipped phase is fine; compared against the latest earlier one.
    a = agreement_save(
        by=reg.users["program_admin"],
        municipality=m,
        program=reg.program,
        signed_on=D(2024, 3, 1),
        parties="P",
        phases={Phase.EXPLORATION: D(2024, 4, 1), Phase.INTRODUCTION: D(2024, 4, 1)},
    )
    # Dates already saved count: operation cannot come before the saved introduction.
    with pytest.raises(ValidationError) as e:
        agreement_save(
            by=reg.users["program_admin"],
            municipality=m,
            program=reg.program,
            agreement=a,
            signed_on=D(2024, 3, 1),
            parties="P",
            phases={Phase.OPERATION: D(2024, 3, 31)},
        )
    assert set(e.value.message_dict) == {"phase_operation"}
    assert PhaseEntry.objects.count() == 2
    # On the page: the error sits on the field.
    response = client(reg, "municipal").post(
        reverse("registry:agreement_edit", args=[a.pk]),
        form_data(reg, exploration="2024-04-01", establishment="2024-02-01"),
    )
    assert response.status_code == 400
    assert 'href="#id_phase_establishment"' in response.content.decode()


def test_list_shows_the_current_phase(reg: Registry) -> None:
    agreement_save(
        by=reg.users["program_admin"],
        municipality=reg.municipalities["elvdal"],
        program=reg.program,
        signed_on=D(2023, 11, 20),
        parties="P",
        phases={
            Phase.EXPLORATION: D(2023, 12, 1),
            Phase.ESTABLISHMENT: D(2024, 6, 1),
            Phase.INTRODUCTION: D(2025, 2, 3),
        },
    )
    page = client(reg, "program_admin").get(reverse("registry:agreement_list")).content.decode()
    elvdal = page.split("<td>Elvdal</td>", 1)[1].split("</tr>", 1)[0]
    assert "Innføring" in elvdal and "03.02.2025" in elvdal and "20.11.2023" in elvdal
    assert "Etablering" not in elvdal
    sjovik = page.split("<td>Sjøvik</td>", 1)[1].split("</tr>", 1)[0]
    assert "Ingen avtale registrert" in sjovik
