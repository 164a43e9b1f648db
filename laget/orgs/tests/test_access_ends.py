"""Access ends when its reason ends: ending a membership or deactivating a user ends the
person's participations there, their sessions and their API tokens at once, and tells the
stafettholder of each affected case. Only a unit leader (for the employees of their unit) or
the municipality's admin may do it; for anyone else the membership or user is missing."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from laget.accounts.models import User
from laget.api.tests.helpers import token_client, url
from laget.audit.models import AuditEvent
from laget.cases.access import visible_cases
from laget.cases.models import Participant
from laget.notify.models import Kind, Notification
from laget.orgs import services
from laget.orgs.models import Membership, MembershipState, Municipality, Role
from laget.testing.world import World, add_member, make_user

pytestmark = pytest.mark.django_db


def kindergarten_membership(world: World, role: str) -> Membership:
    return Membership.objects.get(user=world.users[role], unit=world.units["kindergarten"])


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_ending_a_membership_ends_participations_sessions_and_tokens(world: World) -> None:
    """The health-clinic employee takes part in world.case; the admin ends her membership."""
    person = world.users["participant"]
    browser = logged_in(person)
    _, token = AuthToken.objects.create(user=person)
    assert browser.get(reverse("cases:case_detail", args=[world.case.pk])).status_code == 200
    assert token_client(token).get(url("me")).status_code == 200
    membership = Membership.objects.get(user=person, unit=world.units["health_clinic"])

    ended = services.membership_end(by=world.users["admin"], membership=membership)

    assert (ended.is_active, ended.ended_by, ended.state) == (
        False,
        world.users["admin"],
        MembershipState.ENDED,
    )
    assert ended.ended_at is not None
    world.participant.refresh_from_db()
    assert world.participant.left_at is not None
    # The browser is logged out, the token refused.
    response = browser.get(reverse("cases:case_detail", args=[world.case.pk]))
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]
    assert token_client(token).get(url("me")).status_code == 401
    # Logging in again shows nothing of the case.
    assert list(visible_cases(User.objects.get(pk=person.pk))) == []


def test_the_stafettholder_is_told_without_any_detail(world: World) -> None:
    person = world.users["participant"]
    membership = Membership.objects.get(user=person, unit=world.units["health_clinic"])
    services.membership_end(by=world.users["admin"], membership=membership)
    notice = Notification.objects.get(event=f"participant_left:{world.participant.pk}")
    assert (notice.kind, notice.recipient, notice.case_id) == (
        Kind.CASE_NOTICE,
        world.users["stafettholder"].email,
        world.case.pk,
    )


def test_the_family_log_shows_the_participation_ended(world: World) -> None:
    person = world.users["participant"]
    membership = Membership.objects.get(user=person, unit=world.units["health_clinic"])
    services.membership_end(by=world.users["admin"], membership=membership)
    row = AuditEvent.objects.filter(object_type="participant").order_by("-id").first()
    assert row is not None
    assert (row.case_id, row.object_id, row.action, row.actor_id) == (
        world.case.pk,
        world.participant.pk,
        "update",
        world.users["admin"].pk,
    )


def test_ending_the_stafettholders_membership_leaves_the_case_without_one(
    world: World,
) -> None:
    holder = world.users["stafettholder"]
    services.membership_end(
        by=world.users["unit_leader"], membership=kindergarten_membership(world, "stafettholder")
    )
    assert not world.case.participants.filter(role="stafettholder", left_at__isnull=True).exists()
    # The unit leader still reads the case; it shows no stafettholder.
    page = logged_in(world.users["unit_leader"]).get(
        reverse("cases:case_detail", args=[world.case.pk])
    )
    assert page.status_code == 200
    content = page.content.decode()
    assert holder.display_name not in content.split("Stafettholder", 1)[1].split("</dd>", 1)[0]
    # Nobody holds the baton to tell; the responsible unit's leaders are told instead.
    notices = Notification.objects.filter(event__startswith="participant_left:")
    assert holder.email not in {n.recipient for n in notices}


def test_ending_a_membership_keeps_participations_through_other_units(world: World) -> None:
    """Only the participations through the ended membership's unit end."""
    person = world.users["participant"]
    add_member(person, world.municipality, world.units["school"], Role.EMPLOYEE)
    school = Membership.objects.get(user=person, unit=world.units["school"])
    services.membership_end(by=world.users["admin"], membership=school)
    world.participant.refresh_from_db()
    assert world.participant.left_at is None


def test_deactivating_a_user_ends_everything(world: World) -> None:
    person = world.users["participant"]
    browser = logged_in(person)
    _, token = AuthToken.objects.create(user=person)

    services.user_deactivate(by=world.users["admin"], user=person)

    person.refresh_from_db()
    assert (person.is_active, person.deactivated_by) == (False, world.users["admin"])
    assert not Membership.objects.filter(user=person, is_active=True).exists()
    assert not Participant.objects.filter(user=person, left_at__isnull=True).exists()
    assert Notification.objects.filter(event=f"participant_left:{world.participant.pk}").exists()
    assert browser.get(reverse("cases:my_cases")).status_code == 302
    assert token_client(token).get(url("me")).status_code == 401
    rows = AuditEvent.objects.filter(object_type="user", object_id=person.pk)
    assert rows.filter(action="update", actor=world.users["admin"]).exists()


def test_other_users_sessions_survive(world: World) -> None:
    other = logged_in(world.users["stafettholder"])
    services.user_deactivate(by=world.users["admin"], user=world.users["participant"])
    assert other.get(reverse("cases:case_detail", args=[world.case.pk])).status_code == 200


def test_the_unit_leader_ends_an_employee_of_their_unit(world: World) -> None:
    ended = services.membership_end(
        by=world.users["unit_leader"], membership=kindergarten_membership(world, "same_unit")
    )
    assert ended.ended_by == world.users["unit_leader"]


def test_the_unit_leader_deactivates_an_employee_of_their_unit(world: World) -> None:
    services.user_deactivate(by=world.users["unit_leader"], user=world.users["same_unit"])
    assert not User.objects.get(pk=world.users["same_unit"].pk).is_active


def test_a_unit_leader_does_not_deactivate_someone_with_a_place_elsewhere(world: World) -> None:
    person = world.users["same_unit"]
    add_member(person, world.municipality, world.units["school"], Role.EMPLOYEE)
    with pytest.raises(Http404):
        services.user_deactivate(by=world.users["unit_leader"], user=person)
    # The admin manages both places.
    services.user_deactivate(by=world.users["admin"], user=person)


def test_nobody_ends_their_own_access(world: World) -> None:
    admin = world.users["admin"]
    own = Membership.objects.get(user=admin)
    with pytest.raises(ValidationError) as exc:
        services.membership_end(by=admin, membership=own)
    assert exc.value.messages == [str(services.MSG_NOT_YOURSELF)]
    with pytest.raises(Http404):
        services.user_deactivate(by=admin, user=admin)


def test_an_ended_membership_cannot_be_ended_again(world: World) -> None:
    membership = kindergarten_membership(world, "same_unit")
    services.membership_end(by=world.users["admin"], membership=membership)
    with pytest.raises(Http404):
        services.membership_end(by=world.users["admin"], membership=membership)


def test_the_person_can_be_given_the_role_again(world: World) -> None:
    """The ended row stays; a new one in the same unit and role is allowed (and waits when
    the admin gives it)."""
    person = world.users["same_unit"]
    services.membership_end(
        by=world.users["admin"], membership=kindergarten_membership(world, "same_unit")
    )
    again = services.membership_add(
        by=world.users["unit_leader"],
        user=person,
        unit=world.units["kindergarten"],
        role=Role.EMPLOYEE,
    )
    assert (again.is_active, again.pending) == (True, False)
    assert Membership.objects.filter(user=person, unit=world.units["kindergarten"]).count() == 2


# Who may not: (d) of the issue. Each target is the kindergarten employee's membership or
# account; for each of these callers it is missing (404), whatever their role.
NOT_ALLOWED = [
    "stafettholder",
    "participant",
    "same_unit",
    "other_unit",
    "coordinator",
    "school_leader",
    "admin_elsewhere",
    "privacy_officer",
]


@pytest.fixture
def callers(world: World) -> Callable[[str], User]:
    def make(role: str) -> User:
        if role in world.users:
            return world.users[role]
        user = make_user(role.replace("_", "-"), "Ola", "Nordmann")
        if role == "school_leader":
            add_member(user, world.municipality, world.units["school"], Role.UNIT_LEADER)
        elif role == "admin_elsewhere":
            elsewhere = Municipality.objects.create(name="Havbakken", number="9892")
            add_member(user, elsewhere, None, Role.ADMIN)
        elif role == "privacy_officer":
            add_member(user, world.municipality, None, Role.PRIVACY_OFFICER)
        return user

    return make


@pytest.mark.parametrize("role", NOT_ALLOWED)
def test_others_cannot_end_a_membership(
    world: World, callers: Callable[[str], User], role: str
) -> None:
    membership = kindergarten_membership(world, "same_unit")
    with pytest.raises(Http404):
        services.membership_end(by=callers(role), membership=membership)
    membership.refresh_from_db()
    assert membership.is_active


@pytest.mark.parametrize("role", NOT_ALLOWED)
def test_others_cannot_deactivate_a_user(
    world: World, callers: Callable[[str], User], role: str
) -> None:
    target = world.users["stafettholder"]
    caller = callers(role)
    with pytest.raises(Http404):
        services.user_deactivate(by=caller, user=target)
    assert User.objects.get(pk=target.pk).is_active


def test_a_unit_leader_cannot_end_another_leader(world: World) -> None:
    second = make_user("leder2", "Liv", "Leder")
    add_member(second, world.municipality, world.units["kindergarten"], Role.UNIT_LEADER)
    membership = Membership.objects.get(user=second)
    with pytest.raises(Http404):
        services.membership_end(by=world.users["unit_leader"], membership=membership)
