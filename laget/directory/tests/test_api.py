"""/api/v1/services/: every staff user reads and searches; the coordinator or admin writes."""

import pytest

from laget.api.tests.helpers import ClientFor, patch, post, url
from laget.directory.models import Service
from laget.directory.starter import install_starter_services
from laget.orgs.models import Municipality, Unit, UnitKind
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def test_search_ranks_and_says_which_name_matched(world: World, client_for: ClientFor) -> None:
    install_starter_services(world.municipality)
    response = client_for("participant").get(url("services"), {"q": "ressursteam"})
    assert response.status_code == 200
    (row,) = response.json()
    assert row["name"] == "Tverrfaglig team på skolen"
    assert (row["matched"], row["matched_field"]) == ("Ressursteam", "former_name")


def test_list_without_query_is_every_active_service(world: World, client_for: ClientFor) -> None:
    created = install_starter_services(world.municipality)
    Service.objects.filter(pk=created[0].pk).update(is_active=False)
    client = client_for("stafettholder")
    rows = client.get(url("services")).json()
    assert len(rows) == len(created) - 1
    assert all(r["matched"] is None for r in rows)
    assert len(client.get(url("services"), {"all": "1"}).json()) == len(created)


def test_services_of_other_municipalities_are_not_listed(
    world: World, client_for: ClientFor
) -> None:
    other = Municipality.objects.create(name="Nabovik", number="9898")
    Service.objects.create(municipality=other, name="NAV")
    assert client_for("admin").get(url("services"), {"q": "nav"}).json() == []


def test_create_and_change(world: World, client_for: ClientFor) -> None:
    client = client_for("coordinator")
    response = post(
        client,
        url("services"),
        {
            "name": "Barnevernvakten",
            "abbreviations": ["BVV"],
            "kind": "service",
            "unit": world.units["child_welfare"].pk,
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["abbreviations"] == ["BVV"]
    assert body["municipality"] == world.municipality.pk
    service_url = url("service", service_id=body["id"])
    changed = patch(client, service_url, {"former_names": ["Akuttvakten"], "is_active": False})
    assert changed.status_code == 200
    assert changed.json()["former_names"] == ["Akuttvakten"]
    assert changed.json()["abbreviations"] == ["BVV"]
    assert changed.json()["is_active"] is False


def test_unit_of_another_municipality_is_400(world: World, client_for: ClientFor) -> None:
    other = Municipality.objects.create(name="Nabovik", number="9898")
    unit = Unit.objects.create(municipality=other, name="Nabovik PPT", kind=UnitKind.PPT)
    response = post(client_for("admin"), url("services"), {"name": "PPT", "unit": unit.pk})
    assert response.status_code == 400
    assert "unit" in str(response.json())


def test_duplicate_name_is_400_on_the_name(world: World, client_for: ClientFor) -> None:
    client = client_for("admin")
    assert post(client, url("services"), {"name": "NAV"}).status_code == 201
    response = post(client, url("services"), {"name": "nav"})
    assert response.status_code == 400
    assert "name" in str(response.json())


def test_employee_may_not_write(world: World, client_for: ClientFor) -> None:
    service = Service.objects.create(municipality=world.municipality, name="NAV")
    client = client_for("unit_leader")
    assert post(client, url("services"), {"name": "X"}).status_code == 403
    assert patch(client, url("service", service_id=service.pk), {"name": "Y"}).status_code == 403


def test_service_of_another_municipality_is_404(world: World, client_for: ClientFor) -> None:
    other = Municipality.objects.create(name="Nabovik", number="9898")
    service = Service.objects.create(municipality=other, name="NAV")
    response = patch(client_for("admin"), url("service", service_id=service.pk), {"name": "Y"})
    assert response.status_code == 404
