"""Participants, leaving and the baton through the API."""

import pytest
from django.test import Client

from laget.api.tests.conftest import OwnCase
from laget.api.tests.helpers import ClientFor, audited, counts, errors_of, post, url
from laget.audit.models import AuditAction
from laget.cases.messages import (
    MSG_HOLDER_CANNOT_LEAVE,
    MSG_NOT_MEMBER_OF_UNIT,
    MSG_SECOND_STAFETTHOLDER,
    MSG_STATUTE_REQUIRED,
    MSG_UNKNOWN_PARTICIPANT,
    MSG_UNKNOWN_UNIT,
)
from laget.cases.models import BatonHandover, Participant
from laget.consent.messages import (
    MSG_CONSENT_NOT_FOR_UNIT,
    MSG_CONSENT_NOT_IN_CASE,
    MSG_CONSENT_REQUIRED,
)
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def holder_client(client_for: ClientFor) -> Client:
    return client_for("stafettholder")


def add_body(world: World, own_case: OwnCase, **changes: object) -> dict[str, object]:
    """The school's Nils joins on the guardians' consent, which names the school."""
    body: dict[str, object] = {
        "unit": world.units["school"].pk,
        "user": world.users["other_unit"].pk,
        "legal_basis": "consent",
        "consent": own_case.consent.pk,
    }
    body.update(changes)
    return body


def test_add_a_participant_then_see_them_in_the_list(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    client = holder_client(client_for)
    with audited() as log:
        response = post(
            client,
            url("participants", case_id=own_case.case.pk),
            add_body(world, own_case),
        )
    assert response.status_code == 201, response.content
    added = response.json()
    assert added["user_name"] == "Nils Tverrå" and added["role"] == "participant"
    assert added["consent"] == own_case.consent.pk
    assert added["basis_ref"] == own_case.consent.reference
    assert log.actions() == [(AuditAction.CREATE, "participant")]
    listed = client.get(url("participants", case_id=own_case.case.pk)).json()
    assert added["id"] in {p["id"] for p in listed}
    # The new participant now reads the case.
    newcomer: Client = client_for("other_unit")
    assert newcomer.get(url("case", case_id=own_case.case.pk)).status_code == 200


def test_a_whole_unit_can_take_part(world: World, own_case: OwnCase, client_for: ClientFor) -> None:
    response = post(
        holder_client(client_for),
        url("participants", case_id=own_case.case.pk),
        add_body(world, own_case, user=None),
    )
    assert response.status_code == 201 and response.json()["user"] is None


def test_second_stafettholder_is_refused_and_nothing_saved(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    before = counts(Participant)
    response = post(
        holder_client(client_for),
        url("participants", case_id=own_case.case.pk),
        add_body(world, own_case, role="stafettholder"),
    )
    assert errors_of(response) == {"role": [str(MSG_SECOND_STAFETTHOLDER)]}
    assert counts(Participant) == before


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"unit": 999_999}, "unit", MSG_UNKNOWN_UNIT),
        ({"user": 999_999}, "user", MSG_NOT_MEMBER_OF_UNIT),
    ],
)
def test_unknown_unit_or_person_is_named(
    world: World,
    own_case: OwnCase,
    client_for: ClientFor,
    changes: dict[str, int],
    field: str,
    message: str,
) -> None:
    before = counts(Participant)
    response = post(
        holder_client(client_for),
        url("participants", case_id=own_case.case.pk),
        add_body(world, own_case, **changes),
    )
    assert errors_of(response) == {field: [str(message)]}
    assert counts(Participant) == before


def test_missing_legal_basis_is_named(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    body = add_body(world, own_case)
    del body["consent"], body["legal_basis"]
    response = post(holder_client(client_for), url("participants", case_id=own_case.case.pk), body)
    assert set(errors_of(response)) == {"legal_basis"}


def test_a_statutory_participant_names_the_statute_and_no_consent(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    body = add_body(
        world,
        own_case,
        unit=world.units["child_welfare"].pk,
        user=None,
        legal_basis="statute",
        consent=None,
        statute="opplysningsplikt-barnevern",
    )
    response = post(holder_client(client_for), url("participants", case_id=own_case.case.pk), body)
    assert response.status_code == 201, response.content
    added = response.json()
    assert added["consent"] is None and added["statute"] == "opplysningsplikt-barnevern"
    assert added["basis_ref"] == "Barnevernsloven § 13-2"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        # A free-text consent reference is no consent: the consent record is required.
        ({"consent": None, "statute": "Samtykke 2026-03"}, "consent", MSG_CONSENT_REQUIRED),
        ({"consent": 999_999}, "consent", MSG_CONSENT_NOT_IN_CASE),
        ({"unit": "ppt", "user": None}, "consent", MSG_CONSENT_NOT_FOR_UNIT),
        ({"legal_basis": "statute", "consent": None}, "statute", MSG_STATUTE_REQUIRED),
    ],
)
def test_a_legal_basis_without_its_consent_or_statute_is_named(
    world: World,
    own_case: OwnCase,
    client_for: ClientFor,
    changes: dict[str, object],
    field: str,
    message: str,
) -> None:
    unit = changes.get("unit")
    if isinstance(unit, str):  # a unit of the world, by its key
        changes = {**changes, "unit": world.units[unit].pk}
    before = counts(Participant)
    response = post(
        holder_client(client_for),
        url("participants", case_id=own_case.case.pk),
        add_body(world, own_case, **changes),
    )
    assert errors_of(response) == {field: [str(message)]}
    assert counts(Participant) == before


def test_a_consent_of_another_case_is_unknown_here(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    # world.consent names the health clinic and PPT, but in world.case.
    response = post(
        holder_client(client_for),
        url("participants", case_id=own_case.case.pk),
        add_body(world, own_case, unit=world.units["ppt"].pk, user=None, consent=world.consent.pk),
    )
    assert errors_of(response) == {"consent": [str(MSG_CONSENT_NOT_IN_CASE)]}


def test_a_participant_leaves(own_case: OwnCase, client_for: ClientFor) -> None:
    client = holder_client(client_for)
    path = url("participant_leave", case_id=own_case.case.pk, participant_id=own_case.member.pk)
    with audited() as log:
        response = post(client, path)
    assert response.status_code == 200 and response.json()["left_at"] is not None
    assert log.actions() == [(AuditAction.UPDATE, "participant")]
    listed = {p["id"]: p for p in client.get(url("participants", case_id=own_case.case.pk)).json()}
    assert listed[own_case.member.pk]["is_active"] is False
    assert post(client, path).json() == {"errors": {"participant": [str(MSG_UNKNOWN_PARTICIPANT)]}}


def test_the_stafettholder_cannot_leave(own_case: OwnCase, client_for: ClientFor) -> None:
    path = url("participant_leave", case_id=own_case.case.pk, participant_id=own_case.holder.pk)
    assert errors_of(post(holder_client(client_for), path)) == {
        "participant": [str(MSG_HOLDER_CANNOT_LEAVE)]
    }


def test_participant_of_another_case_gets_404(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    path = url("participant_leave", case_id=world.case.pk, participant_id=own_case.member.pk)
    response = post(holder_client(client_for), path)
    assert response.status_code == 404
    assert Participant.objects.get(pk=own_case.member.pk).left_at is None


def test_hand_over_the_baton(own_case: OwnCase, client_for: ClientFor) -> None:
    client = holder_client(client_for)
    body = {"to_participant": own_case.member.pk, "note": "Helsestasjonen tar over."}
    with audited() as log:
        response = post(client, url("handover", case_id=own_case.case.pk), body)
    assert response.status_code == 201, response.content
    assert response.json()["from_participant"] == own_case.holder.pk
    assert log.actions() == [(AuditAction.CREATE, "batonhandover")]
    page = client.get(url("case", case_id=own_case.case.pk)).json()
    assert page["stafettholder"] == own_case.member.pk and page["is_stafettholder"] is False
    assert page["handovers"][0]["note"] == "Helsestasjonen tar over."


def test_handover_to_someone_outside_the_case_is_named(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    before = counts(BatonHandover)
    response = post(
        holder_client(client_for),
        url("handover", case_id=own_case.case.pk),
        {"to_participant": world.participant.pk},  # takes part in world.case, not this one
    )
    assert errors_of(response) == {"to_participant": [str(MSG_UNKNOWN_PARTICIPANT)]}
    assert counts(BatonHandover) == before
