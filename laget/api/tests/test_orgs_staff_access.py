"""Ending access and the second person's acceptance, through the API (issue 11, reproductions
2 and 5): the same services as the web, 404 for what the caller may not act on, JSON errors."""

import pytest
from django.test import Client
from knox.models import AuthToken

from laget.accounts.models import User
from laget.api.tests.helpers import ClientFor, errors_of, post, token_client, url
from laget.orgs.models import Membership, Municipality, Role
from laget.orgs.services import MSG_NOT_YOURSELF
from laget.testing.world import World, add_member, make_user

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Ikke funnet."}


def kindergarten_membership(world: World, role: str) -> Membership:
    return Membership.objects.get(user=world.users[role], unit=world.units["kindergarten"])


def test_the_unit_leader_ends_a_membership(world: World, client_for: ClientFor) -> None:
    membership = kindergarten_membership(world, "same_unit")
    response = post(client_for("unit_leader"), url("membership_end", membership_id=membership.pk))
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["state"], body["ended_by"], body["ended_by_name"]) == (
        "ended",
        world.users["unit_leader"].pk,
        world.users["unit_leader"].display_name,
    )


def test_ending_revokes_the_persons_token(world: World, client_for: ClientFor) -> None:
    person = world.users["participant"]
    _, token = AuthToken.objects.create(user=person)
    membership = Membership.objects.get(user=person)
    assert token_client(token).get(url("case", case_id=world.case.pk)).status_code == 200
    response = post(client_for("admin"), url("membership_end", membership_id=membership.pk))
    assert response.status_code == 200
    assert token_client(token).get(url("case", case_id=world.case.pk)).status_code == 401


def test_ending_ones_own_membership_is_a_json_error(world: World, client_for: ClientFor) -> None:
    own = Membership.objects.get(user=world.users["admin"])
    response = post(client_for("admin"), url("membership_end", membership_id=own.pk))
    assert errors_of(response) == {"non_field_errors": [str(MSG_NOT_YOURSELF)]}


def test_the_admin_deactivates_a_user(world: World, client_for: ClientFor) -> None:
    person = world.users["participant"]
    response = post(client_for("admin"), url("user_deactivate", user_id=person.pk))
    assert response.status_code == 200, response.content
    assert (response.json()["is_active"], response.json()["deactivated_by"]) == (
        False,
        world.users["admin"].pk,
    )


@pytest.mark.parametrize(
    "role", ["stafettholder", "other_unit", "coordinator", "school_leader", "admin_elsewhere"]
)
def test_others_get_404(world: World, role: str) -> None:
    if role in world.users:
        caller = world.users[role]
    else:
        caller = make_user(role.replace("_", "-"), "Ola", "Nordmann")
        if role == "school_leader":
            add_member(caller, world.municipality, world.units["school"], Role.UNIT_LEADER)
        else:
            elsewhere = Municipality.objects.create(name="Havbakken", number="9892")
            add_member(caller, elsewhere, None, Role.ADMIN)
    client = Client()
    client.force_login(caller)
    membership = kindergarten_membership(world, "same_unit")
    for path in (
        url("membership_end", membership_id=membership.pk),
        url("user_deactivate", user_id=world.users["same_unit"].pk),
        url("membership_end", membership_id=999_999),
        url("user_deactivate", user_id=999_999),
    ):
        response = post(client, path)
        assert (response.status_code, response.json()) == (404, NOT_FOUND), path
    membership.refresh_from_db()
    assert membership.is_active and User.objects.get(pk=world.users["same_unit"].pk).is_active


def test_admin_created_unit_leader_waits_for_the_unit_leader(
    world: World, client_for: ClientFor
) -> None:
    body = {
        "username": "ny-ansatt",
        "first_name": "Mari",
        "last_name": "Eidsvåg",
        "role": "unit_leader",
        "unit": world.units["kindergarten"].pk,
        "password": "lang-og-trygg-42",
    }
    assert post(client_for("admin"), url("staff"), body).status_code == 201
    new = User.objects.get(username="ny-ansatt")
    membership = Membership.objects.get(user=new)
    newcomer = Client()
    newcomer.force_login(new)
    assert newcomer.get(url("case", case_id=world.case.pk)).status_code == 404

    # The admin sees it waiting but may not accept her own creation.
    admin = client_for("admin")
    assert membership.pk not in {m["id"] for m in admin.get(url("memberships_pending")).json()}
    response = post(admin, url("membership_accept", membership_id=membership.pk))
    assert (response.status_code, response.json()) == (404, NOT_FOUND)

    leader = client_for("unit_leader")
    pending = leader.get(url("memberships_pending")).json()
    assert [(m["id"], m["state"], m["created_by"]) for m in pending] == [
        (membership.pk, "pending", world.users["admin"].pk)
    ]
    response = post(leader, url("membership_accept", membership_id=membership.pk))
    assert response.status_code == 200, response.content
    assert (response.json()["state"], response.json()["accepted_by"]) == (
        "active",
        world.users["unit_leader"].pk,
    )
    assert newcomer.get(url("case", case_id=world.case.pk)).status_code == 200


def test_the_unit_leader_declines(world: World, client_for: ClientFor) -> None:
    newcomer = make_user("ny", "Nora", "Ny")
    pending = Membership.objects.create(
        user=newcomer,
        municipality=world.municipality,
        unit=world.units["kindergarten"],
        role=Role.EMPLOYEE,
        created_by=world.users["admin"],
        pending=True,
    )
    response = post(client_for("unit_leader"), url("membership_decline", membership_id=pending.pk))
    assert response.json()["state"] == "declined"
    again = post(client_for("unit_leader"), url("membership_accept", membership_id=pending.pk))
    assert again.status_code == 404


def test_moving_back_through_membership_add(world: World, client_for: ClientFor) -> None:
    """The moved person is re-added from the new unit; by its leader, it counts at once."""
    person = world.users["other_unit"]
    path = url("membership_add", user_id=person.pk)
    body = {"unit": world.units["kindergarten"].pk, "role": "employee"}
    response = post(client_for("unit_leader"), path, body)
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "active"
    # The admin giving the same to someone else: pending.
    body["unit"] = world.units["school"].pk
    response = post(
        client_for("admin"), url("membership_add", user_id=world.users["same_unit"].pk), body
    )
    assert response.json()["state"] == "pending"


def test_membership_add_field_errors(world: World, client_for: ClientFor) -> None:
    person = world.users["other_unit"]
    path = url("membership_add", user_id=person.pk)
    assert set(errors_of(post(client_for("admin"), path, {}))) == {"unit", "role"}
    errors = errors_of(post(client_for("admin"), path, {"unit": 999_999, "role": "employee"}))
    assert set(errors) == {"unit"}
    errors = errors_of(
        post(client_for("admin"), path, {"unit": world.units["school"].pk, "role": "employee"})
    )
    assert set(errors) == {"role"}  # already an employee there


def test_the_review_of_grants(world: World, client_for: ClientFor) -> None:
    officer = make_user("pvo", "Petra", "Vern")
    add_member(officer, world.municipality, None, Role.PRIVACY_OFFICER)
    membership = kindergarten_membership(world, "same_unit")
    post(client_for("unit_leader"), url("membership_end", membership_id=membership.pk))
    client = Client()
    client.force_login(officer)
    body = client.get(url("grants")).json()
    row = next(r for r in body["results"] if r["id"] == membership.pk)
    assert (row["state"], row["ended_by_name"]) == (
        "ended",
        world.users["unit_leader"].display_name,
    )
    assert body["count"] == Membership.objects.filter(municipality=world.municipality).count()
    # She reads no case.
    assert client.get(url("case", case_id=world.case.pk)).status_code == 404
    assert client.get(url("cases")).status_code == 200


@pytest.mark.parametrize("role", ["unit_leader", "coordinator", "stafettholder"])
def test_only_the_privacy_officer_and_admin_read_the_grants(
    world: World, client_for: ClientFor, role: str
) -> None:
    assert client_for(role).get(url("grants")).status_code == 403
