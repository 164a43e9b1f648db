"""A statutory basis is a key of the municipality's list (national statutes and its own), meant
for the unit's kind of service; the admin extends the list with a reason, audited; the old
free-text rows are carried over by the migration so that nobody loses access silently."""

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from laget.audit.models import AuditAction, AuditEvent, Via
from laget.cases.access import CaseAccess, Need, case_for
from laget.cases.choices import LegalBasis
from laget.cases.messages import (
    MSG_REASON_REQUIRED,
    MSG_STATUTE_EXISTS,
    MSG_STATUTE_KINDS_REQUIRED,
    MSG_STATUTE_NOT_FOR_KIND,
    MSG_STATUTE_OWN_UNIT_ONLY,
    MSG_UNKNOWN_STATUTE,
)
from laget.cases.models import LocalStatute, Participant
from laget.cases.services.participants import participant_add
from laget.cases.services.statutes import local_statute_create
from laget.cases.statutes import NATIONAL, statute, statutes_for
from laget.orgs.actors import actor_for
from laget.orgs.models import Municipality, UnitKind
from laget.testing.world import World

pytestmark = pytest.mark.django_db

mapping = importlib.import_module("laget.cases.migrations.0009_statute_keys")


def holder_access(world: World) -> CaseAccess:
    return case_for(world.users["stafettholder"], world.case.pk, need=Need.COORDINATE, audit=False)


def add_on_statute(world: World, unit: str, key: str) -> Participant:
    return participant_add(
        actor=actor_for(world.users["stafettholder"]),
        access=holder_access(world),
        unit_id=world.units[unit].pk,
        legal_basis=LegalBasis.STATUTE,
        statute=key,
    )


def statute_error(world: World, unit: str, key: str) -> list[str]:
    before = Participant.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        add_on_statute(world, unit, key)
    assert Participant.objects.count() == before
    assert set(excinfo.value.message_dict) == {"statute"}
    return excinfo.value.message_dict["statute"]


def local(municipality: Municipality, key: str, kinds: list[str]) -> LocalStatute:
    return LocalStatute.objects.create(
        municipality=municipality,
        key=key,
        reference=f"Forskrift {key} § 1",
        title="Lokalt samarbeid",
        unit_kinds=kinds,
        reason="Vedtatt i kommunestyret",
    )


def test_every_national_statute_has_a_reference_a_title_and_kinds() -> None:
    assert len({s.key for s in NATIONAL}) == len(NATIONAL)
    assert all(s.reference and str(s.title) and s.kinds for s in NATIONAL)
    assert all(s.kinds <= set(UnitKind.values) for s in NATIONAL)


@pytest.mark.parametrize(
    ("unit", "key", "message"),
    [
        ("school", "x", MSG_UNKNOWN_STATUTE),
        ("school", "Barnevernsloven § 13-2", MSG_UNKNOWN_STATUTE),
        ("school", "samarbeid-barnehage", MSG_STATUTE_NOT_FOR_KIND),
        ("kindergarten", "opplysningsplikt-barnevern", MSG_STATUTE_NOT_FOR_KIND),
        ("child_welfare", "samarbeid-opplaering", MSG_STATUTE_NOT_FOR_KIND),
        # "Own service" is for the case's responsible unit, not a way in for another unit.
        ("child_welfare", "egen-tjeneste", MSG_STATUTE_OWN_UNIT_ONLY),
    ],
)
def test_a_statute_off_the_list_or_for_another_kind_is_refused(
    world: World, unit: str, key: str, message: str
) -> None:
    assert statute_error(world, unit, key) == [str(message)]


def test_a_unit_joins_on_the_statute_for_its_kind_with_its_reference(world: World) -> None:
    row = add_on_statute(world, "school", "samarbeid-opplaering")
    assert (row.statute_key, row.basis_ref) == ("samarbeid-opplaering", "Opplæringslova § 15-8")
    assert "Opplæringslova § 15-8 – Samarbeidsplikt" in row.basis_label


def test_a_municipalitys_own_statute_works_only_there(world: World) -> None:
    elsewhere = Municipality.objects.create(name="Annenby", number="4321")
    local(elsewhere, "annenby-forskrift", [UnitKind.SCHOOL])
    assert statute(world.municipality, "annenby-forskrift") is None
    assert statute_error(world, "school", "annenby-forskrift") == [str(MSG_UNKNOWN_STATUTE)]
    local(world.municipality, "fjordvik-forskrift", [UnitKind.SCHOOL])
    row = add_on_statute(world, "school", "fjordvik-forskrift")
    assert row.basis_ref == "Forskrift fjordvik-forskrift § 1"
    assert [s.key for s in statutes_for(world.municipality) if s.local] == ["fjordvik-forskrift"]
    # Its kinds count like the national ones'.
    assert statute_error(world, "ppt", "fjordvik-forskrift") == [str(MSG_STATUTE_NOT_FOR_KIND)]


def test_the_admin_adds_a_statute_with_a_reason_and_it_is_audited(world: World) -> None:
    admin = world.users["admin"]
    row = local_statute_create(
        actor=actor_for(admin, Via.WEB),
        municipality=world.municipality,
        reference="Forskrift om tverrfaglig samarbeid i Fjordvik § 2",
        title="Skolehelsetjenesten deltar i saker på skolen",
        unit_kinds=[UnitKind.HEALTH_CLINIC],
        reason="Vedtatt av kommunestyret 12. mars.",
    )
    assert row.key == "forskrift-om-tverrfaglig-samarbeid-i-fjordvik-2"
    assert row.created_by == admin and row.unit_kinds == [UnitKind.HEALTH_CLINIC]
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert (event.action, event.object_type, event.object_id, event.actor_id) == (
        AuditAction.CREATE,
        "localstatute",
        row.pk,
        admin.pk,
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"reason": "  "}, "reason", MSG_REASON_REQUIRED),
        ({"unit_kinds": []}, "unit_kinds", MSG_STATUTE_KINDS_REQUIRED),
        ({"unit_kinds": ["castle"]}, "unit_kinds", MSG_STATUTE_KINDS_REQUIRED),
        ({"reference": "barnehageloven § 2 a"}, "reference", MSG_STATUTE_EXISTS),
    ],
)
def test_an_addition_without_reason_kinds_or_a_new_reference_is_refused(
    world: World, changes: dict[str, Any], field: str, message: str
) -> None:
    values: dict[str, Any] = {
        "reference": "Forskrift § 9",
        "title": "Noe",
        "unit_kinds": [UnitKind.SCHOOL],
        "reason": "Fordi",
        **changes,
    }
    with pytest.raises(ValidationError) as excinfo:
        local_statute_create(
            actor=actor_for(world.users["admin"]), municipality=world.municipality, **values
        )
    assert excinfo.value.message_dict == {field: [str(message)]}
    assert not LocalStatute.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "unit_leader", "stafettholder"])
def test_only_the_admin_extends_the_list(world: World, role: str) -> None:
    with pytest.raises(PermissionDenied):
        local_statute_create(
            actor=actor_for(world.users[role]),
            municipality=world.municipality,
            reference="Forskrift § 9",
            title="Noe",
            unit_kinds=[UnitKind.SCHOOL],
            reason="Fordi",
        )


def test_the_admin_page_lists_and_adds(world: World, client_for: Any) -> None:
    client = client_for("admin")
    page = reverse("cases:statute_list")
    assert "Barnehageloven § 2 a" in client.get(page).content.decode()
    response = client.post(
        page,
        {
            "reference": "Forskrift om samarbeid § 4",
            "title": "NAV-veileder i skolen",
            "unit_kinds": [UnitKind.NAV],
            "reason": "Prosjekt i tre år",
        },
    )
    assert response.status_code == 302
    html = client.get(page).content.decode()
    assert "Forskrift om samarbeid § 4" in html and "Prosjekt i tre år" in html
    # The municipality's pages link to it.
    assert page in client.get(reverse("orgs:unit_list")).content.decode()


def test_the_admin_page_shows_the_missing_reason_on_the_field(
    world: World, client_for: Any
) -> None:
    response = client_for("admin").post(
        reverse("cases:statute_list"),
        {"reference": "Forskrift § 4", "title": "Noe", "unit_kinds": [UnitKind.NAV]},
    )
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert not LocalStatute.objects.exists()


# --- the migration of free-text rows ---------------------------------------------------------


def statutory_row(world: World, unit: str, text: str) -> Participant:
    return Participant.objects.create(
        case=world.case,
        unit=world.units[unit],
        legal_basis=LegalBasis.STATUTE,
        basis_ref=text,
        added_by=world.users["stafettholder"],
    )


def test_the_migration_maps_the_old_texts_to_keys_and_the_rest_to_local_statutes(
    world: World,
) -> None:
    own = statutory_row(world, "kindergarten", "Egen tjeneste (dokumentasjon av egen bekymring)")
    report = statutory_row(world, "child_welfare", "Barnevernsloven § 13-2 (opplysningsplikt)")
    typed = statutory_row(world, "school", "Opplæringslova § 12-4")
    same_text = statutory_row(world, "ppt", "Opplæringslova § 12-4")
    blank = statutory_row(world, "health_clinic", "")
    consent_row = world.participant  # on the world's consent: untouched
    mapping.map_statutes(apps)
    for row in (own, report, typed, same_text, blank, consent_row):
        row.refresh_from_db()
    assert own.statute_key == "egen-tjeneste"
    assert report.statute_key == "opplysningsplikt-barnevern"
    (carried,) = LocalStatute.objects.all()
    assert typed.statute_key == same_text.statute_key == carried.key
    assert (carried.municipality, carried.reference) == (
        world.municipality,
        "Opplæringslova § 12-4",
    )
    assert carried.reason == "Overført fra fritekst; må gjennomgås"
    assert set(carried.unit_kinds) == set(UnitKind.values)
    # The history keeps the old text; a row without any text granted nothing and still does not.
    assert typed.basis_ref == "Opplæringslova § 12-4"
    assert (blank.statute_key, consent_row.statute_key) == ("", "")
    # Everyone who read before reads after.
    assert set(Participant.objects.granting_access().filter(pk__in=[typed.pk, same_text.pk])) == {
        typed,
        same_text,
    }
    # Run twice, nothing changes.
    mapping.map_statutes(apps)
    assert LocalStatute.objects.count() == 1
