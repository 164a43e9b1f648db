"""Who creates whom: the municipal admin creates units and unit leaders, a unit leader adds
employees to their own unit, and nobody else creates anyone."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from laget.accounts.models import User
from laget.orgs.models import Membership, Municipality, Role, Unit, UnitKind
from laget.orgs.services import MSG_USERNAME_TAKEN, may_grant, staff_create, unit_create
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def create(world: World, by: str, *, unit: Unit | None, role: str, username: str = "ny") -> User:
    return staff_create(
        by=world.users[by],
        municipality=world.municipality,
        unit=unit,
        role=role,
        username=username,
        first_name="Mari",
        last_name="Eidsvåg",
    )


def test_admin_creates_a_unit(world: World) -> None:
    unit = unit_create(
        by=world.users["admin"],
        municipality=world.municipality,
        name=" Fjordvik SFO ",
        kind=UnitKind.AFTER_SCHOOL,
    )
    assert (unit.name, unit.municipality, unit.is_active) == (
        "Fjordvik SFO",
        world.municipality,
        True,
    )


@pytest.mark.parametrize("role", ["unit_leader", "coordinator", "stafettholder"])
def test_only_the_admin_creates_units(world: World, role: str) -> None:
    with pytest.raises(PermissionDenied):
        unit_create(
            by=world.users[role], municipality=world.municipality, name="Ny", kind=UnitKind.OTHER
        )
    assert not Unit.objects.filter(name="Ny").exists()


def test_admin_of_another_municipality_cannot_create_units_here(world: World) -> None:
    elsewhere = Municipality.objects.create(name="Havbakken", number="9892")
    with pytest.raises(PermissionDenied):
        unit_create(by=world.users["admin"], municipality=elsewhere, name="X", kind=UnitKind.NAV)


def test_admin_creates_a_unit_leader(world: World) -> None:
    user = create(world, "admin", unit=world.units["school"], role=Role.UNIT_LEADER)
    membership = Membership.objects.get(user=user)
    assert (membership.unit, membership.role, membership.created_by) == (
        world.units["school"],
        Role.UNIT_LEADER,
        world.users["admin"],
    )
    assert not user.has_usable_password()


def test_unit_leader_creates_an_employee_in_own_unit(world: World) -> None:
    unit = world.units["kindergarten"]
    user = create(world, "unit_leader", unit=unit, role=Role.EMPLOYEE)
    assert Membership.objects.filter(user=user, unit=unit, role=Role.EMPLOYEE).exists()


def test_unit_leader_cannot_create_an_employee_in_another_unit(world: World) -> None:
    with pytest.raises(PermissionDenied):
        create(world, "unit_leader", unit=world.units["school"], role=Role.EMPLOYEE)
    assert not User.objects.filter(username="ny").exists()


@pytest.mark.parametrize("role", [Role.UNIT_LEADER, Role.COORDINATOR, Role.ADMIN])
def test_unit_leader_cannot_create_a_leader_coordinator_or_admin(world: World, role: str) -> None:
    unit = world.units["kindergarten"] if role == Role.UNIT_LEADER else None
    with pytest.raises(PermissionDenied):
        create(world, "unit_leader", unit=unit, role=role)
    assert not User.objects.filter(username="ny").exists()


@pytest.mark.parametrize("by", ["stafettholder", "same_unit", "coordinator"])
@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.UNIT_LEADER])
def test_employee_and_coordinator_cannot_create_anyone(world: World, by: str, role: str) -> None:
    with pytest.raises(PermissionDenied):
        create(world, by, unit=world.units["kindergarten"], role=role)
    assert not User.objects.filter(username="ny").exists()


def test_duplicate_username_is_refused_whatever_the_case(world: World) -> None:
    taken = world.users["stafettholder"].username.upper()
    users = User.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        create(world, "admin", unit=world.units["school"], role=Role.EMPLOYEE, username=taken)
    assert excinfo.value.message_dict == {"username": [str(MSG_USERNAME_TAKEN)]}
    assert User.objects.count() == users


def test_role_and_unit_must_match(world: World) -> None:
    # An employee belongs to a unit; a coordinator to the municipality as a whole.
    with pytest.raises(ValidationError):
        create(world, "admin", unit=None, role=Role.EMPLOYEE)
    with pytest.raises(ValidationError):
        create(world, "admin", unit=world.units["school"], role=Role.COORDINATOR)
    assert not User.objects.filter(username="ny").exists()


def test_admin_cannot_place_staff_in_a_unit_of_another_municipality(world: World) -> None:
    elsewhere = Municipality.objects.create(name="Havbakken", number="9892")
    foreign = Unit.objects.create(
        municipality=elsewhere, name="Havbakken skole", kind=UnitKind.SCHOOL
    )
    assert not may_grant(
        world.users["admin"], municipality=world.municipality, unit=foreign, role=Role.EMPLOYEE
    )
    with pytest.raises(PermissionDenied):
        create(world, "admin", unit=foreign, role=Role.UNIT_LEADER)
    assert not Membership.objects.filter(unit=foreign).exists()


def test_unit_leader_who_stepped_down_creates_no_one(world: World) -> None:
    Membership.objects.filter(user=world.users["unit_leader"]).update(is_active=False)
    former_leader = User.objects.get(pk=world.users["unit_leader"].pk)
    with pytest.raises(PermissionDenied):
        staff_create(
            by=former_leader,
            municipality=world.municipality,
            unit=world.units["kindergarten"],
            role=Role.EMPLOYEE,
            username="ny",
            first_name="Mari",
            last_name="Eidsvåg",
        )
