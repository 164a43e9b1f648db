"""Writes to the directory: only the municipality's coordinator or admin; names cleaned."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from laget.directory.models import MSG_NAME_TAKEN, MSG_UNIT_OTHER_MUNICIPALITY, Service
from laget.directory.selectors import public_services, services_by_ids
from laget.directory.services import service_create, service_deactivate, service_update
from laget.directory.starter import STARTER, install_starter_services
from laget.orgs.models import Municipality, Unit, UnitKind
from laget.testing.world import ROLES, World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_coordinator_and_admin_create(role: str, world: World) -> None:
    service = service_create(
        by=world.users[role],
        municipality=world.municipality,
        name="  Helsestasjon  for ungdom ",
        abbreviations=[" HFU", "", "hfu", "Ungdomshelse"],
        former_names=[],
        unit=world.units["health_clinic"],
    )
    assert service.name == "Helsestasjon for ungdom"
    assert service.abbreviations == ["HFU", "Ungdomshelse"]
    assert service.is_active


@pytest.mark.parametrize(
    "role", [r for r in ROLES if r not in ("coordinator", "admin", "anonymous")]
)
def test_others_may_not_edit(role: str, world: World) -> None:
    with pytest.raises(PermissionDenied):
        service_create(by=world.users[role], municipality=world.municipality, name="X")
    service = service_create(
        by=world.users["coordinator"], municipality=world.municipality, name="Y"
    )
    with pytest.raises(PermissionDenied):
        service_update(by=world.users[role], service=service, name="Z")
    with pytest.raises(PermissionDenied):
        service_deactivate(by=world.users[role], service=service)


def test_coordinator_of_another_municipality_may_not_edit(world: World) -> None:
    other = Municipality.objects.create(name="Nabovik", number="9898")
    with pytest.raises(PermissionDenied):
        service_create(by=world.users["coordinator"], municipality=other, name="X")


def test_unit_of_another_municipality_is_refused(world: World) -> None:
    other = Municipality.objects.create(name="Nabovik", number="9898")
    unit = Unit.objects.create(municipality=other, name="Nabovik PPT", kind=UnitKind.PPT)
    with pytest.raises(ValidationError) as exc:
        service_create(
            by=world.users["admin"], municipality=world.municipality, name="PPT", unit=unit
        )
    assert exc.value.message_dict["unit"] == [str(MSG_UNIT_OTHER_MUNICIPALITY)]


def test_name_is_unique_in_the_municipality_whatever_the_case(world: World) -> None:
    service_create(by=world.users["admin"], municipality=world.municipality, name="NAV")
    with pytest.raises(ValidationError) as exc:
        service_create(by=world.users["admin"], municipality=world.municipality, name="nav")
    assert exc.value.message_dict["name"] == [str(MSG_NAME_TAKEN)]


def test_deactivated_service_leaves_the_public_directory(world: World) -> None:
    service = service_create(by=world.users["admin"], municipality=world.municipality, name="A")
    service_deactivate(by=world.users["coordinator"], service=service)
    assert list(public_services(world.municipality)) == []
    service_update(by=world.users["coordinator"], service=service, is_active=True)
    assert list(public_services(world.municipality)) == [service]


def test_services_by_ids_keeps_the_order_and_skips_what_is_not_shown(world: World) -> None:
    by = world.users["admin"]
    a, b, c = (
        service_create(by=by, municipality=world.municipality, name=n) for n in ("A", "B", "C")
    )
    service_deactivate(by=by, service=b)
    other = Municipality.objects.create(name="Nabovik", number="9898")
    foreign = Service.objects.create(municipality=other, name="D")
    ids = [c.pk, b.pk, foreign.pk, a.pk, 999_999, c.pk]
    assert services_by_ids(world.municipality, ids) == [c, a]


def test_starter_services_install_once(world: World) -> None:
    created = install_starter_services(world.municipality)
    assert len(created) == len(STARTER) >= 15
    assert install_starter_services(world.municipality) == []
    ppt = Service.objects.get(
        municipality=world.municipality, name="Pedagogisk-psykologisk tjeneste"
    )
    assert ppt.unit == world.units["ppt"]
    for service in created:
        assert service.email.endswith("@example.invalid")
        assert service.phone.startswith("400 00 ")
        assert service.description and service.target_group and service.how_to_refer
