"""The organisation through the API: me, units, staff, with the municipality's chain."""

import pytest
from django.test import Client

from laget.accounts.models import User
from laget.api.tests.helpers import ClientFor, counts, errors_of, post, url
from laget.cases.messages import MSG_UNKNOWN_UNIT
from laget.orgs.models import Membership, Unit
from laget.orgs.services import MSG_USERNAME_TAKEN
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def client_of(client_for: ClientFor, role: str) -> Client:
    return client_for(role)


def test_me_shows_my_memberships(world: World, client_for: ClientFor) -> None:
    body = client_of(client_for, "unit_leader").get(url("me")).json()
    assert body["username"] == world.users["unit_leader"].username
    assert [(m["role"], m["unit_name"]) for m in body["memberships"]] == [
        ("unit_leader", "Solstrålen barnehage")
    ]


def test_units_lists_my_municipality(world: World, client_for: ClientFor) -> None:
    names = {u["name"] for u in client_of(client_for, "other_unit").get(url("units")).json()}
    assert names == {u.name for u in world.units.values()}


def test_admin_creates_a_unit_then_sees_it(world: World, client_for: ClientFor) -> None:
    client = client_of(client_for, "admin")
    response = post(client, url("units"), {"name": "Fjordvik skole", "kind": "school"})
    assert response.status_code == 201, response.content
    assert response.json()["municipality"] == world.municipality.pk
    assert "Fjordvik skole" in {u["name"] for u in client.get(url("units")).json()}


@pytest.mark.parametrize("role", ["unit_leader", "coordinator", "stafettholder"])
def test_only_the_admin_creates_units(world: World, client_for: ClientFor, role: str) -> None:
    before = counts(Unit)
    response = post(client_of(client_for, role), url("units"), {"name": "Ny", "kind": "other"})
    assert response.status_code == 403
    assert counts(Unit) == before


def test_duplicate_unit_name_is_refused(world: World, client_for: ClientFor) -> None:
    body = {"name": world.units["school"].name, "kind": "school"}
    response = post(client_of(client_for, "admin"), url("units"), body)
    assert response.status_code == 400


def test_admin_lists_all_staff(world: World, client_for: ClientFor) -> None:
    rows = client_of(client_for, "admin").get(url("staff")).json()
    assert {r["id"] for r in rows} >= {u.pk for u in world.users.values()}


def test_unit_leader_lists_only_the_employees_of_their_unit(
    world: World, client_for: ClientFor
) -> None:
    rows = client_of(client_for, "unit_leader").get(url("staff")).json()
    assert {r["id"] for r in rows} == {world.users["stafettholder"].pk, world.users["same_unit"].pk}
    assert {m["role"] for r in rows for m in r["memberships"]} == {"employee"}


@pytest.mark.parametrize("role", ["stafettholder", "coordinator"])
def test_staff_is_403_for_those_who_manage_nobody(
    world: World, client_for: ClientFor, role: str
) -> None:
    client = client_of(client_for, role)
    assert client.get(url("staff")).status_code == 403
    assert post(client, url("staff"), {}).status_code == 403


def staff_body(world: World, **changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "username": "ingrid",
        "first_name": "Ingrid",
        "last_name": "Solbakken",
        "role": "employee",
        "unit": world.units["kindergarten"].pk,
    }
    body.update(changes)
    return body


def test_unit_leader_adds_an_employee_then_sees_them(world: World, client_for: ClientFor) -> None:
    client = client_of(client_for, "unit_leader")
    response = post(client, url("staff"), staff_body(world))
    assert response.status_code == 201, response.content
    created = response.json()
    assert [(m["role"], m["unit"]) for m in created["memberships"]] == [
        ("employee", world.units["kindergarten"].pk)
    ]
    assert created["id"] in {r["id"] for r in client.get(url("staff")).json()}


@pytest.mark.parametrize(
    "changes", [{"role": "unit_leader"}, {"unit": "school"}, {"role": "admin", "unit": None}]
)
def test_unit_leader_may_not_grant_more(
    world: World, client_for: ClientFor, changes: dict[str, object]
) -> None:
    if changes.get("unit") == "school":
        changes = {"unit": world.units["school"].pk}
    before = counts(User, Membership)
    response = post(
        client_of(client_for, "unit_leader"), url("staff"), staff_body(world, **changes)
    )
    assert response.status_code == 403
    assert counts(User, Membership) == before


def test_admin_creates_a_coordinator_without_a_unit(world: World, client_for: ClientFor) -> None:
    body = staff_body(world, role="coordinator", unit=None, password="et-langt-passord-42")
    response = post(client_of(client_for, "admin"), url("staff"), body)
    assert response.status_code == 201, response.content
    assert response.json()["memberships"][0]["unit"] is None
    assert "password" not in response.json()
    assert User.objects.get(username="ingrid").check_password("et-langt-passord-42")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"unit": 999_999}, "unit"),
        ({"unit": None}, "unit"),
        ({"role": "coordinator"}, "unit"),
        ({"password": "123"}, "password"),
        ({"email": "ikke-epost"}, "email"),
    ],
)
def test_bad_staff_input_is_named_and_nothing_saved(
    world: World, client_for: ClientFor, changes: dict[str, object], field: str
) -> None:
    before = counts(User, Membership)
    response = post(client_of(client_for, "admin"), url("staff"), staff_body(world, **changes))
    assert list(errors_of(response)) == [field]
    assert counts(User, Membership) == before


def test_unknown_unit_message(world: World, client_for: ClientFor) -> None:
    response = post(client_of(client_for, "admin"), url("staff"), staff_body(world, unit=999_999))
    assert errors_of(response) == {"unit": [str(MSG_UNKNOWN_UNIT)]}


def test_taken_username_is_named(world: World, client_for: ClientFor) -> None:
    body = staff_body(world, username=world.users["admin"].username)
    response = post(client_of(client_for, "admin"), url("staff"), body)
    assert errors_of(response) == {"username": [str(MSG_USERNAME_TAKEN)]}
