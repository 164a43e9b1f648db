"""The statutory basis through the API: a key of the municipality's list that serves the
unit's kind, never free text (issue 11, reproduction 3); the list, and the admin's additions."""

from typing import Any

import pytest
from django.test import Client

from laget.accounts.models import User
from laget.api.serializers.common import MSG_UNKNOWN_FIELD
from laget.api.tests.conftest import OwnCase
from laget.api.tests.helpers import ClientFor, audited, counts, errors_of, post, url
from laget.audit.models import AuditAction
from laget.cases.access import visible_cases
from laget.cases.messages import (
    MSG_STATUTE_NOT_FOR_KIND,
    MSG_STATUTE_OWN_UNIT_ONLY,
    MSG_STATUTE_REQUIRED,
    MSG_UNKNOWN_STATUTE,
)
from laget.cases.models import LocalStatute, Meeting, Participant, Transition
from laget.cases.statutes import NATIONAL
from laget.consent.services import consent_withdraw
from laget.orgs.actors import actor_for
from laget.orgs.models import Membership, Municipality, Role, UnitKind
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def holder(client_for: ClientFor) -> Client:
    return client_for("stafettholder")


def statute_body(world: World, unit: str, **changes: object) -> dict[str, object]:
    return {"unit": world.units[unit].pk, "legal_basis": "statute", **changes}


def worker_in(world: World, unit: str) -> User:
    user = User.objects.create_user(username=f"ansatt-{unit}", first_name="Kaia", last_name="B")
    Membership.objects.create(
        user=user, municipality=world.municipality, unit=world.units[unit], role=Role.EMPLOYEE
    )
    return user


@pytest.mark.parametrize("unit", ["child_welfare", "kindergarten"])
def test_reproduction_3_a_unit_on_free_text_statute_is_refused_and_reads_nothing_after_withdrawal(
    world: World, own_case: OwnCase, client_for: ClientFor, unit: str
) -> None:
    worker = worker_in(world, unit)
    before = counts(Participant)
    response = post(
        holder(client_for),
        url("participants", case_id=own_case.case.pk),
        statute_body(world, unit, basis_ref="x"),
    )
    # The old free-text basis is not a field the endpoint takes (and no statute is named).
    assert errors_of(response) == {"basis_ref": [str(MSG_UNKNOWN_FIELD)]}
    response = post(
        holder(client_for), url("participants", case_id=own_case.case.pk), statute_body(world, unit)
    )
    assert errors_of(response) == {"statute": [str(MSG_STATUTE_REQUIRED)]}
    response = post(
        holder(client_for),
        url("participants", case_id=own_case.case.pk),
        statute_body(world, unit, statute="x"),
    )
    assert errors_of(response) == {"statute": [str(MSG_UNKNOWN_STATUTE)]}
    assert counts(Participant) == before
    party = own_case.consent.parties.first()
    assert party is not None
    consent_withdraw(
        actor=actor_for(world.users["stafettholder"]),
        consent=own_case.consent,
        guardian=party.guardian,
    )
    assert not visible_cases(worker).filter(pk=own_case.case.pk).exists()
    client = Client()
    client.force_login(worker)
    assert client.get(url("case", case_id=own_case.case.pk)).status_code == 404


@pytest.mark.parametrize(
    ("unit", "key", "message"),
    [
        ("school", "samarbeid-barnehage", MSG_STATUTE_NOT_FOR_KIND),
        ("ppt", "opplysningsplikt-barnevern", MSG_STATUTE_NOT_FOR_KIND),
        ("school", "egen-tjeneste", MSG_STATUTE_OWN_UNIT_ONLY),
    ],
)
def test_a_unit_cannot_join_on_a_statute_not_meant_for_it(
    world: World, own_case: OwnCase, client_for: ClientFor, unit: str, key: str, message: str
) -> None:
    before = counts(Participant)
    response = post(
        holder(client_for),
        url("participants", case_id=own_case.case.pk),
        statute_body(world, unit, statute=key),
    )
    assert errors_of(response) == {"statute": [str(message)]}
    assert counts(Participant) == before


def test_a_unit_joins_on_its_statute_and_the_response_names_it(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    with audited() as log:
        response = post(
            holder(client_for),
            url("participants", case_id=own_case.case.pk),
            statute_body(world, "ppt", statute="samarbeid-opplaering"),
        )
    assert response.status_code == 201, response.content
    added = response.json()
    assert (added["statute"], added["basis_ref"]) == (
        "samarbeid-opplaering",
        "Opplæringslova § 15-8",
    )
    assert log.actions() == [(AuditAction.CREATE, "participant")]


def test_a_transition_on_a_statute_for_another_kind_writes_nothing(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    before = counts(Transition, Meeting, Participant)
    response = post(
        holder(client_for),
        url("transitions", case_id=own_case.case.pk),
        {
            "to_unit": world.units["ppt"].pk,
            "date": "2031-08-15",
            "meeting_at": "2031-06-01T10:00:00+02:00",
            "place": "PPT",
            "legal_basis": "statute",
            "statute": "samarbeid-barnehage",
        },
    )
    assert errors_of(response) == {"statute": [str(MSG_STATUTE_NOT_FOR_KIND)]}
    assert counts(Transition, Meeting, Participant) == before


def test_a_municipalitys_own_statute_is_unknown_elsewhere(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    elsewhere = Municipality.objects.create(name="Annenby", number="4321")
    LocalStatute.objects.create(
        municipality=elsewhere,
        key="annenby-skole",
        reference="Forskrift for Annenby § 1",
        title="Skolen samarbeider",
        unit_kinds=[UnitKind.SCHOOL],
        reason="Lokalt vedtak",
    )
    listed = client_for("participant").get(url("statutes")).json()
    assert "annenby-skole" not in {s["key"] for s in listed}
    assert {s["key"] for s in listed} >= {s.key for s in NATIONAL}
    response = post(
        holder(client_for),
        url("participants", case_id=own_case.case.pk),
        statute_body(world, "school", statute="annenby-skole"),
    )
    assert errors_of(response) == {"statute": [str(MSG_UNKNOWN_STATUTE)]}


def admin_body(**changes: Any) -> dict[str, Any]:
    return {
        "reference": "Forskrift om samarbeid i Fjordvik § 3",
        "title": "Helsestasjonen deltar i saker i barnehagen",
        "unit_kinds": ["health_clinic"],
        "reason": "Vedtatt i kommunestyret",
        **changes,
    }


def test_the_admin_adds_a_statute_and_staff_then_use_it(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    with audited() as log:
        response = post(client_for("admin"), url("statutes"), admin_body())
    assert response.status_code == 201, response.content
    added = response.json()
    assert added["key"] == "forskrift-om-samarbeid-i-fjordvik-3"
    assert added["reason"] == "Vedtatt i kommunestyret"
    assert log.actions() == [(AuditAction.CREATE, "localstatute")]
    listed = {s["key"]: s for s in client_for("participant").get(url("statutes")).json()}
    assert listed[added["key"]]["local"] is True
    assert listed[added["key"]]["unit_kinds"] == ["health_clinic"]
    # The health clinic is already in the case on the consent; a person of it is added anew.
    nurse = worker_in(world, "health_clinic")
    response = post(
        holder(client_for),
        url("participants", case_id=own_case.case.pk),
        statute_body(world, "health_clinic", user=nurse.pk, statute=added["key"]),
    )
    assert response.status_code == 201, response.content


def test_an_addition_without_kinds_is_named(world: World, client_for: ClientFor) -> None:
    response = post(client_for("admin"), url("statutes"), admin_body(unit_kinds=[]))
    assert set(errors_of(response)) == {"unit_kinds"}
    assert not LocalStatute.objects.exists()


def test_the_schema_offers_the_statute_keys(world: World) -> None:
    schema = Client().get(url("schema")).json()["components"]["schemas"]
    for name in ("ParticipantAddRequest", "TransitionCreateRequest"):
        props = schema[name]["properties"]
        assert "basis_ref" not in props
        (national, _local) = props["statute"]["anyOf"]
        assert set(national["enum"]) == {s.key for s in NATIONAL}
    participant = schema["Participant"]["properties"]
    assert {"statute", "basis_ref"} <= set(participant)
