"""The web pages for ending access, accepting new members and reviewing grants."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from laget.accounts.models import User
from laget.cases.access import visible_cases
from laget.orgs.models import Membership, Role
from laget.testing.world import World, add_member, make_user

pytestmark = pytest.mark.django_db


def pending_for(world: World) -> Membership:
    newcomer = make_user("ny", "Nora", "Nykommer")
    return Membership.objects.create(
        user=newcomer,
        municipality=world.municipality,
        unit=world.units["kindergarten"],
        role=Role.UNIT_LEADER,
        created_by=world.users["admin"],
        pending=True,
    )


def test_ending_asks_first_then_ends(world: World, client_for: Any) -> None:
    membership = Membership.objects.get(user=world.users["same_unit"])
    path = reverse("orgs:membership_end", args=[membership.pk])
    client = client_for("unit_leader")
    page = client.get(path)
    assert page.status_code == 200
    assert world.users["same_unit"].display_name in page.content.decode()
    membership.refresh_from_db()
    assert membership.is_active  # nothing happens on GET
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == reverse("orgs:staff_list")
    membership.refresh_from_db()
    assert not membership.is_active


def test_ending_ones_own_membership_shows_why(world: World, client_for: Any) -> None:
    own = Membership.objects.get(user=world.users["admin"])
    response = client_for("admin").post(reverse("orgs:membership_end", args=[own.pk]))
    assert response.status_code == 200
    assert "Du kan ikke avslutte din egen tilgang" in response.content.decode()


def test_deactivating_logs_the_person_out(world: World, client_for: Any) -> None:
    person_client = client_for("participant")
    response = client_for("admin").post(
        reverse("orgs:user_deactivate", args=[world.users["participant"].pk])
    )
    assert response.status_code == 302
    assert person_client.get(reverse("cases:my_cases")).status_code == 302


def test_the_staff_list_offers_ending_and_shows_pending(world: World, client_for: Any) -> None:
    pending = pending_for(world)
    page = client_for("admin").get(reverse("orgs:staff_list")).content.decode()
    assert reverse("orgs:membership_end", args=[pending.pk]) in page
    assert "Venter på godkjenning" in page
    # Not for oneself.
    own = Membership.objects.get(user=world.users["admin"])
    assert reverse("orgs:membership_end", args=[own.pk]) not in page


def test_the_unit_leader_accepts_on_the_pending_page(world: World, client_for: Any) -> None:
    pending = pending_for(world)
    client = client_for("unit_leader")
    page = client.get(reverse("orgs:membership_pending")).content.decode()
    assert "Nora Nykommer" in page
    response = client.post(reverse("orgs:membership_accept", args=[pending.pk]))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert not pending.pending
    assert world.case in visible_cases(User.objects.get(pk=pending.user_id))


def test_the_admin_sees_nothing_of_her_own_to_accept(world: World, client_for: Any) -> None:
    pending = pending_for(world)
    client = client_for("admin")
    assert "Nora Nykommer" not in client.get(reverse("orgs:membership_pending")).content.decode()
    assert client.post(reverse("orgs:membership_accept", args=[pending.pk])).status_code == 404
    assert client.post(reverse("orgs:membership_decline", args=[pending.pk])).status_code == 404


def test_the_unit_leader_declines(world: World, client_for: Any) -> None:
    pending = pending_for(world)
    response = client_for("unit_leader").post(reverse("orgs:membership_decline", args=[pending.pk]))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.is_active, pending.state) == (False, "declined")


def privacy_officer(world: World) -> Client:
    officer = make_user("pvo", "Petra", "Vern")
    add_member(officer, world.municipality, None, Role.PRIVACY_OFFICER)
    client = Client()
    client.force_login(officer)
    return client


def test_the_privacy_officer_reviews_grants(world: World, client_for: Any) -> None:
    membership = Membership.objects.get(user=world.users["same_unit"])
    client_for("unit_leader").post(reverse("orgs:membership_end", args=[membership.pk]))
    page = privacy_officer(world).get(reverse("orgs:grant_list"))
    assert page.status_code == 200
    content = page.content.decode()
    assert world.users["same_unit"].display_name in content
    assert "Avsluttet av" in content


def test_the_privacy_officer_reads_no_case(world: World) -> None:
    client = privacy_officer(world)
    officer = User.objects.get(username="pvo")
    assert list(visible_cases(officer)) == []
    assert client.get(reverse("cases:case_detail", args=[world.case.pk])).status_code == 404
    # Nor does she manage staff.
    assert client.get(reverse("orgs:staff_list")).status_code == 403


@pytest.mark.parametrize("role", ["unit_leader", "coordinator", "stafettholder"])
def test_others_do_not_read_the_review(world: World, client_for: Any, role: str) -> None:
    assert client_for(role).get(reverse("orgs:grant_list")).status_code == 403


def test_a_privacy_officer_has_no_unit(world: World) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        add_member(
            make_user("x", "X", "Y"),
            world.municipality,
            world.units["school"],
            Role.PRIVACY_OFFICER,
        )
