"""Guardians and transitions through the API."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from laget.api.tests.conftest import OwnCase
from laget.api.tests.helpers import ClientFor, audited, counts, errors_of, post, url
from laget.audit.models import AuditAction
from laget.cases.messages import MSG_NO_SUBJECT, MSG_SAME_UNIT, MSG_UNKNOWN_UNIT
from laget.cases.models import Meeting, Participant, Transition
from laget.consent.messages import MSG_CONSENT_NOT_FOR_UNIT
from laget.people.models import Guardian
from laget.people.national_id import MSG_NOT_11_DIGITS
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def holder_client(client_for: ClientFor) -> Client:
    return client_for("stafettholder")


def test_add_a_guardian_then_see_them(own_case: OwnCase, client_for: ClientFor) -> None:
    client = holder_client(client_for)
    body = {"name": "Jon Tindeland", "relation": "far", "email": "jon@example.invalid"}
    with audited() as log:
        response = post(client, url("guardians", case_id=own_case.case.pk), body)
    assert response.status_code == 201, response.content
    assert response.json()["has_parental_responsibility"] is True
    assert log.actions() == [(AuditAction.CREATE, "guardian")]
    listed = client.get(url("guardians", case_id=own_case.case.pk)).json()
    assert [g["name"] for g in listed] == ["Hanne Tindeland", "Jon Tindeland"]


def test_invalid_national_id_of_a_guardian_is_named_and_nothing_saved(
    own_case: OwnCase, client_for: ClientFor
) -> None:
    before = counts(Guardian)
    body = {"name": "Jon Tindeland", "national_id": "12345"}
    response = post(holder_client(client_for), url("guardians", case_id=own_case.case.pk), body)
    assert errors_of(response) == {"national_id": [str(MSG_NOT_11_DIGITS)]}
    assert counts(Guardian) == before


def test_guardians_need_an_identified_case(world: World, client_for: ClientFor) -> None:
    client: Client = client_for("same_unit")
    created = post(
        client, url("cases"), {"unit": world.units["kindergarten"].pk, "label": "Jente, 1 år"}
    ).json()
    assert client.get(url("guardians", case_id=created["id"])).json() == []
    response = post(client, url("guardians", case_id=created["id"]), {"name": "Noen"})
    assert errors_of(response) == {"non_field_errors": [str(MSG_NO_SUBJECT)]}


def transition_body(world: World, own_case: OwnCase, **changes: object) -> dict[str, object]:
    """The school joins on the mother's consent, which names it."""
    body: dict[str, object] = {
        "to_unit": world.units["school"].pk,
        "date": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
        "meeting_at": (timezone.now() + datetime.timedelta(days=30)).isoformat(),
        "place": "Bakketun skole",
        "legal_basis": "consent",
        "consent": own_case.consent.pk,
    }
    body.update(changes)
    return body


def test_plan_a_transition_then_see_it(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    client = holder_client(client_for)
    response = post(
        client, url("transitions", case_id=own_case.case.pk), transition_body(world, own_case)
    )
    assert response.status_code == 201, response.content
    transition = response.json()
    assert transition["from_unit"] == world.units["kindergarten"].pk
    assert transition["to_unit_name"] == "Bakketun skole"
    listed = client.get(url("transitions", case_id=own_case.case.pk)).json()
    assert [t["id"] for t in listed] == [transition["id"]]
    page = client.get(url("case", case_id=own_case.case.pk)).json()
    assert page["unit"] == world.units["school"].pk
    meeting = next(m for m in page["meetings"] if m["id"] == transition["meeting"])
    assert meeting["kind"] == "handover"
    school = next(p for p in page["participants"] if p["unit"] == world.units["school"].pk)
    assert school["legal_basis"] == "consent" and school["consent"] == own_case.consent.pk


def test_transition_to_a_unit_the_consent_does_not_name_is_refused(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    before = counts(Transition, Meeting, Participant)
    response = post(
        holder_client(client_for),
        url("transitions", case_id=own_case.case.pk),
        transition_body(world, own_case, to_unit=world.units["ppt"].pk),
    )
    assert errors_of(response) == {"consent": [str(MSG_CONSENT_NOT_FOR_UNIT)]}
    assert counts(Transition, Meeting, Participant) == before


@pytest.mark.parametrize(
    ("to_unit", "message"), [("unknown", MSG_UNKNOWN_UNIT), ("kindergarten", MSG_SAME_UNIT)]
)
def test_transition_to_an_unknown_or_the_same_unit_is_named(
    world: World, own_case: OwnCase, client_for: ClientFor, to_unit: str, message: str
) -> None:
    unit_id = world.units[to_unit].pk if to_unit in world.units else 999_999
    before = counts(Transition, Meeting, Participant)
    response = post(
        holder_client(client_for),
        url("transitions", case_id=own_case.case.pk),
        transition_body(world, own_case, to_unit=unit_id),
    )
    assert errors_of(response) == {"to_unit": [str(message)]}
    assert counts(Transition, Meeting, Participant) == before


def test_transition_without_a_place_leaves_nothing_half_written(
    world: World, own_case: OwnCase, client_for: ClientFor
) -> None:
    before = counts(Transition, Meeting, Participant)
    response = post(
        holder_client(client_for),
        url("transitions", case_id=own_case.case.pk),
        transition_body(world, own_case, place=""),
    )
    assert list(errors_of(response)) == ["place"]
    # The receiving unit was added before the meeting failed: rolled back with it.
    assert counts(Transition, Meeting, Participant) == before
