"""Issue 11, reproduction 5: the municipal admin manages the organisation but cannot give
herself, or anyone she creates, access to case content without a second person.

A unit membership the admin creates is pending until a unit leader of that unit accepts it
(another admin, if the unit has no leader yet); a unit leader adding an employee to their own
unit is that second person, so it counts at once.
"""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client

from laget.accounts.models import User
from laget.api.tests.helpers import post, url
from laget.audit.models import AuditEvent
from laget.cases.access import visible_cases
from laget.orgs import services
from laget.orgs.models import Membership, Role, Unit
from laget.orgs.selectors import memberships_to_accept, staff_profile
from laget.testing.world import World, add_member, make_user

pytestmark = pytest.mark.django_db


def create(world: World, by: str, unit: Unit, role: str = Role.EMPLOYEE, **kw: str) -> User:
    return services.staff_create(
        by=world.users[by],
        municipality=world.municipality,
        unit=unit,
        role=role,
        username=kw.get("username", "ny"),
        first_name="Mari",
        last_name="Eidsvåg",
        password="lang-og-trygg-42",
    )


def membership_of(user: User) -> Membership:
    return Membership.objects.get(user=user)


def test_admin_created_employee_reads_nothing_through_the_api(
    world: World, client_for: Callable[[str], Client]
) -> None:
    """The reproduction as reported: POST /api/v1/staff/ with a password made a unit leader
    who read every case of the unit."""
    school_case = world.other_case  # the school is its responsible unit
    body = {
        "username": "cw-ny",
        "first_name": "Mari",
        "last_name": "Eidsvåg",
        "role": "unit_leader",
        "unit": world.units["school"].pk,
        "password": "lang-og-trygg-42",
    }
    response = post(client_for("admin"), url("staff"), body)
    assert response.status_code == 201, response.content
    new = User.objects.get(username="cw-ny")
    client = Client()
    client.force_login(new)
    assert client.get(url("case", case_id=school_case.pk)).status_code == 404
    assert response.json()["memberships"][0]["pending"] is True


def test_admin_created_employee_reads_no_case_until_the_unit_leader_accepts(
    world: World,
) -> None:
    cw = world.units["child_welfare"]
    leader = make_user("cwleder", "Cecilie", "Vang")
    add_member(leader, world.municipality, cw, Role.UNIT_LEADER)
    case = world.case
    # Child welfare takes part in the case as a unit; the new employee would read it.
    from laget.cases.choices import LegalBasis
    from laget.cases.models import Participant

    Participant.objects.create(
        case=case,
        unit=cw,
        legal_basis=LegalBasis.STATUTE,
        basis_ref="Barnevernsloven § 13-2",
        statute_key="opplysningsplikt-barnevern",
        added_by=world.users["stafettholder"],
    )
    new = create(world, "admin", cw)
    membership = membership_of(new)
    assert membership.pending
    assert list(visible_cases(new)) == []
    assert staff_profile(new).unit_ids == frozenset()

    services.membership_accept(by=leader, membership=membership)
    fresh = User.objects.get(pk=new.pk)
    assert case in visible_cases(fresh)


def test_admin_created_unit_leader_sees_no_kindergarten_case_until_accepted(
    world: World,
) -> None:
    new = create(world, "admin", world.units["kindergarten"], Role.UNIT_LEADER)
    assert list(visible_cases(new)) == []
    membership = membership_of(new)
    assert membership in memberships_to_accept(world.users["unit_leader"])
    services.membership_accept(by=world.users["unit_leader"], membership=membership)
    fresh = User.objects.get(pk=new.pk)
    assert world.case in visible_cases(fresh)


def test_admin_cannot_accept_her_own_creation(world: World) -> None:
    # A new unit without a leader: an admin accepts, but not the one who created it.
    unit = services.unit_create(
        by=world.users["admin"], municipality=world.municipality, name="Ny skole", kind="school"
    )
    new = create(world, "admin", unit, Role.UNIT_LEADER)
    membership = membership_of(new)
    assert membership not in memberships_to_accept(world.users["admin"])
    with pytest.raises(Http404):
        services.membership_accept(by=world.users["admin"], membership=membership)
    membership.refresh_from_db()
    assert membership.pending

    second_admin = make_user("admin2", "Arne", "Bakke")
    add_member(second_admin, world.municipality, None, Role.ADMIN)
    assert membership in memberships_to_accept(second_admin)
    services.membership_accept(by=second_admin, membership=membership)
    membership.refresh_from_db()
    assert (membership.pending, membership.accepted_by) == (False, second_admin)


def test_an_admin_does_not_accept_where_the_unit_has_a_leader(world: World) -> None:
    new = create(world, "admin", world.units["kindergarten"])
    second_admin = make_user("admin2", "Arne", "Bakke")
    add_member(second_admin, world.municipality, None, Role.ADMIN)
    with pytest.raises(Http404):
        services.membership_accept(by=second_admin, membership=membership_of(new))


def test_admin_cannot_give_herself_a_unit_membership_that_counts(world: World) -> None:
    admin = world.users["admin"]
    membership = services.membership_add(
        by=admin, user=admin, unit=world.units["kindergarten"], role=Role.UNIT_LEADER
    )
    assert membership.pending
    assert list(visible_cases(User.objects.get(pk=admin.pk))) == []
    # Neither she nor the person it is for accepts it.
    with pytest.raises(Http404):
        services.membership_accept(by=admin, membership=membership)


def test_the_person_cannot_accept_their_own_membership(world: World) -> None:
    """A unit leader the admin puts into a second unit cannot accept it for themselves."""
    leader = world.users["unit_leader"]
    membership = services.membership_add(
        by=world.users["admin"], user=leader, unit=world.units["kindergarten"], role=Role.EMPLOYEE
    )
    assert membership.pending
    with pytest.raises(Http404):
        services.membership_accept(by=leader, membership=membership)


def test_unit_leader_adding_an_employee_counts_at_once(world: World) -> None:
    new = create(world, "unit_leader", world.units["kindergarten"])
    membership = membership_of(new)
    assert not membership.pending
    assert membership.accepted_by == world.users["unit_leader"]
    assert staff_profile(new).unit_ids == {world.units["kindergarten"].pk}


def test_municipal_roles_need_no_acceptance(world: World) -> None:
    new = create(world, "admin", None, Role.COORDINATOR)  # type: ignore[arg-type]
    assert not membership_of(new).pending


def test_declined_membership_never_counts(world: World) -> None:
    new = create(world, "admin", world.units["kindergarten"])
    membership = membership_of(new)
    services.membership_decline(by=world.users["unit_leader"], membership=membership)
    membership.refresh_from_db()
    assert (membership.is_active, membership.ended_by) == (False, world.users["unit_leader"])
    assert membership not in memberships_to_accept(world.users["unit_leader"])
    with pytest.raises(Http404):
        services.membership_accept(by=world.users["unit_leader"], membership=membership)
    assert list(visible_cases(new)) == []


def test_accepting_twice_is_refused(world: World) -> None:
    new = create(world, "admin", world.units["kindergarten"])
    membership = membership_of(new)
    services.membership_accept(by=world.users["unit_leader"], membership=membership)
    with pytest.raises(Http404):
        services.membership_accept(by=world.users["unit_leader"], membership=membership)


@pytest.mark.parametrize("role", ["stafettholder", "other_unit", "coordinator", "same_unit"])
def test_nobody_else_accepts(world: World, role: str) -> None:
    new = create(world, "admin", world.units["kindergarten"])
    with pytest.raises(Http404):
        services.membership_accept(by=world.users[role], membership=membership_of(new))


def test_every_step_is_audited(world: World) -> None:
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    new = create(world, "admin", world.units["kindergarten"])
    membership = membership_of(new)
    services.membership_accept(by=world.users["unit_leader"], membership=membership)
    rows = AuditEvent.objects.filter(id__gt=last, object_type="membership").order_by("id")
    assert [(r.action, r.object_id, r.actor_id) for r in rows] == [
        ("create", membership.pk, world.users["admin"].pk),
        ("update", membership.pk, world.users["unit_leader"].pk),
    ]


def test_a_username_taken_is_still_a_field_error(world: World) -> None:
    with pytest.raises(ValidationError):
        create(world, "admin", world.units["school"], username=world.users["admin"].username)
