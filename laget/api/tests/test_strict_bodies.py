"""A body naming a field the endpoint does not take is refused with 400 naming each such field,
never saved without it (issue 12, reproduction 4: `{"restricted": true}` on a guardian was
saved without it). Read-only fields are not taken either; a PATCH's `version` is."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from laget.api.serializers.common import MSG_UNKNOWN_FIELD
from laget.api.tests.endpoints import endpoints, routes
from laget.api.tests.helpers import (
    ClientFor,
    counts,
    errors_of,
    every_door_token,
    patch,
    post,
    url,
)
from laget.people.models import Guardian
from laget.testing.world import World

pytestmark = pytest.mark.django_db

UNKNOWN = [str(MSG_UNKNOWN_FIELD)]

# Every route that takes a body, from the URL resolver: a new one is in the table by itself.
WRITES = sorted((name, m) for name, _, methods in routes() for m in methods if m != "get")


def test_reproduction_4_a_restricted_flag_on_a_guardian_is_refused(
    world: World, client_for: ClientFor
) -> None:
    before = counts(Guardian)
    response = post(
        client_for("stafettholder"),
        url("guardians", case_id=world.case.pk),
        {"name": "Hanne Fjeldsrud", "restricted": True},
    )
    assert errors_of(response) == {"restricted": UNKNOWN}
    assert counts(Guardian) == before


@pytest.fixture
def everyone(world: World) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {every_door_token(world)}")


@pytest.mark.parametrize(("name", "method"), WRITES)
def test_every_body_refuses_a_field_it_does_not_take(
    name: str, method: str, world: World, everyone: Client
) -> None:
    known = {key: value for e in endpoints(world) for key, value in e.kwargs.items()}
    path = reverse(f"api:{name}", kwargs=_kwargs(name, known))
    body: dict[str, Any] = {"restricted": True, "given_by_family": "yes"}
    if name == "consent_paper":  # An upload: a multipart form, not JSON.
        response = everyone.post(path, body)
    else:
        response = getattr(everyone, method)(path, body, content_type="application/json")
    assert errors_of(response) == {"given_by_family": UNKNOWN, "restricted": UNKNOWN}


def _kwargs(name: str, known: dict[str, int]) -> dict[str, int]:
    pattern = next(p for n, p, _ in routes() if n == name)
    return {key: known[key] for key in known if "{" + key + "}" in pattern}


def test_a_read_only_field_is_not_taken_but_a_patch_version_is(
    world: World, client_for: ClientFor
) -> None:
    client = client_for("stafettholder")
    measure = url("measure", case_id=world.case.pk, measure_id=world.measure.pk)
    version = client.get(measure).json()["version"]
    response = patch(client, measure, {"version": version, "id": 5, "created_by": 1})
    assert errors_of(response) == {"created_by": UNKNOWN, "id": UNKNOWN}
    response = patch(client, measure, {"version": version, "title": "Fast voksen om morgenen"})
    assert response.status_code == 200, response.content


def test_a_nested_object_refuses_its_unknown_fields_by_their_dotted_name(
    world: World, client_for: ClientFor
) -> None:
    body = {
        "unit": world.units["kindergarten"].pk,
        "subject": {"given_name": "Ola", "family_name": "Nordmann", "restricted": True},
    }
    response = post(client_for("stafettholder"), url("cases"), body)
    assert errors_of(response) == {"subject.restricted": UNKNOWN}


def test_an_action_without_a_body_takes_an_empty_one(world: World, client_for: ClientFor) -> None:
    client = client_for("stafettholder")
    logout = url("logout")
    assert errors_of(post(client, logout, {"everywhere": True})) == {"everywhere": UNKNOWN}
    assert post(client, logout, {}).status_code == 204
