"""The organisation pages: the admin creates units and unit leaders, a unit leader adds
employees to their own unit only, and everyone else gets 403."""

from typing import Any

import pytest
from django.urls import reverse

from laget.accounts.models import User
from laget.orgs.models import Membership, Role, Unit, UnitKind
from laget.testing.world import World

pytestmark = pytest.mark.django_db

ORG_PAGES = ["orgs:unit_list", "orgs:unit_create", "orgs:staff_list", "orgs:staff_create"]


def person(username: str, role: str, unit: Unit | None) -> dict[str, Any]:
    return {
        "role": role,
        "unit": unit.pk if unit else "",
        "first_name": "Mari",
        "last_name": "Eidsvåg",
        "username": username,
        "title": "Pedagogisk leder",
        "email": "",
        "phone": "",
        "password": "lang-og-trygg-42",
    }


def test_admin_creates_a_unit(world: World, client_for: Any) -> None:
    response = client_for("admin").post(
        reverse("orgs:unit_create"), {"name": "Fjordvik SFO", "kind": UnitKind.AFTER_SCHOOL}
    )
    assert response.status_code == 302
    unit = Unit.objects.get(name="Fjordvik SFO")
    assert unit.municipality == world.municipality


def test_duplicate_unit_name_is_a_form_error(world: World, client_for: Any) -> None:
    before = Unit.objects.count()
    response = client_for("admin").post(
        reverse("orgs:unit_create"), {"name": "Bakketun skole", "kind": UnitKind.SCHOOL}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Unit.objects.count() == before


def test_admin_creates_a_unit_leader(world: World, client_for: Any) -> None:
    school = world.units["school"]
    response = client_for("admin").post(
        reverse("orgs:staff_create"), person("mari", Role.UNIT_LEADER, school)
    )
    assert response.status_code == 302
    user = User.objects.get(username="mari")
    assert Membership.objects.filter(user=user, unit=school, role=Role.UNIT_LEADER).exists()
    assert user.check_password("lang-og-trygg-42")


def test_admin_creates_a_municipal_coordinator_without_a_unit(
    world: World, client_for: Any
) -> None:
    response = client_for("admin").post(
        reverse("orgs:staff_create"), person("koord", Role.COORDINATOR, None)
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="koord")
    assert (membership.unit, membership.municipality) == (None, world.municipality)


def test_unit_role_needs_a_unit(world: World, client_for: Any) -> None:
    response = client_for("admin").post(
        reverse("orgs:staff_create"), person("utenenhet", Role.EMPLOYEE, None)
    )
    assert "unit" in response.context["form"].errors
    assert not User.objects.filter(username="utenenhet").exists()


def test_unit_leader_creates_an_employee_in_their_own_unit(world: World, client_for: Any) -> None:
    kindergarten = world.units["kindergarten"]
    response = client_for("unit_leader").post(
        reverse("orgs:staff_create"), person("ansatt1", Role.EMPLOYEE, kindergarten)
    )
    assert response.status_code == 302
    assert Membership.objects.filter(
        user__username="ansatt1", unit=kindergarten, role=Role.EMPLOYEE
    ).exists()


@pytest.mark.parametrize(
    ("role", "unit_key"),
    [(Role.EMPLOYEE, "school"), (Role.UNIT_LEADER, "kindergarten"), (Role.ADMIN, None)],
)
def test_unit_leader_cannot_create_outside_their_unit_or_above_employee(
    world: World, client_for: Any, role: str, unit_key: str | None
) -> None:
    before = User.objects.count()
    unit = world.units[unit_key] if unit_key else None
    response = client_for("unit_leader").post(
        reverse("orgs:staff_create"), person("utenfor", role, unit)
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert User.objects.count() == before


def test_unit_leader_may_not_create_units(client_for: Any) -> None:
    assert client_for("unit_leader").get(reverse("orgs:unit_create")).status_code == 403


@pytest.mark.parametrize("role", ["stafettholder", "participant", "coordinator"])
@pytest.mark.parametrize("page", ORG_PAGES)
def test_others_get_403(client_for: Any, role: str, page: str) -> None:
    assert client_for(role).get(reverse(page)).status_code == 403


def test_employee_post_is_refused_too(client_for: Any) -> None:
    before = User.objects.count()
    response = client_for("stafettholder").post(
        reverse("orgs:staff_create"), person("x", Role.EMPLOYEE, None)
    )
    assert response.status_code == 403
    assert User.objects.count() == before


def test_anonymous_goes_to_login(client_for: Any) -> None:
    response = client_for("anonymous").get(reverse("orgs:staff_list"))
    assert response.status_code == 302


def test_unit_leader_sees_only_the_staff_of_their_unit(world: World, client_for: Any) -> None:
    html = client_for("unit_leader").get(reverse("orgs:staff_list")).content.decode()
    assert "Lise Marheim" in html  # same kindergarten
    assert "Nils Tverrå" not in html  # school


def test_admin_sees_all_staff_and_units_but_no_case_content(world: World, client_for: Any) -> None:
    client = client_for("admin")
    staff = client.get(reverse("orgs:staff_list")).content.decode()
    units = client.get(reverse("orgs:unit_list")).content.decode()
    assert "Nils Tverrå" in staff and "Lise Marheim" in staff
    assert "Bakketun skole" in units
    for html in (staff, units):
        assert "Emil" not in html
        assert world.case.label not in html


def test_nav_offers_org_pages_only_to_those_who_manage(client_for: Any) -> None:
    # The admin starts on the dashboard (no unit, no cases of their own).
    admin = client_for("admin").get("/", follow=True).content.decode()
    assert reverse("orgs:unit_list") in admin
    leader = client_for("unit_leader").get("/").content.decode()
    assert reverse("orgs:staff_list") in leader and reverse("orgs:unit_list") not in leader
    employee = client_for("participant").get("/").content.decode()
    assert reverse("orgs:staff_list") not in employee
