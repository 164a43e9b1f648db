"""The directory's pages: staff forms with comma-separated names, search with and without
htmx, and the public pages that need no login."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from laget.directory.models import Service
from laget.directory.starter import install_starter_services
from laget.testing.world import World

pytestmark = pytest.mark.django_db

ClientFor = Callable[[str], Client]


def public_url(world: World, service: Service | None = None) -> str:
    number = world.municipality.number
    if service is None:
        return reverse("directory:public_list", kwargs={"municipality_number": number})
    return reverse(
        "directory:public_detail", kwargs={"municipality_number": number, "service_id": service.pk}
    )


def test_create_with_comma_separated_names(world: World, client_for: ClientFor) -> None:
    response = client_for("coordinator").post(
        reverse("directory:service_create"),
        {
            "name": "Familiesenteret",
            "abbreviations": "FS, Familiens hus ,",
            "former_names": "Familieteamet",
            "kind": "team",
            "unit": world.units["health_clinic"].pk,
            "email": "familie@example.invalid",
        },
    )
    assert response.status_code == 302
    service = Service.objects.get(municipality=world.municipality, name="Familiesenteret")
    assert service.abbreviations == ["FS", "Familiens hus"]
    assert service.former_names == ["Familieteamet"]
    assert service.unit == world.units["health_clinic"]


def test_form_errors_are_shown_on_the_fields(world: World, client_for: ClientFor) -> None:
    client = client_for("admin")
    client.post(reverse("directory:service_create"), {"name": "NAV", "kind": "service"})
    response = client.post(
        reverse("directory:service_create"),
        {"name": "nav", "kind": "service", "email": "ikke-en-adresse"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "email" in form.errors
    response = client.post(reverse("directory:service_create"), {"name": "nav", "kind": "service"})
    assert "name" in response.context["form"].errors
    assert "Feil:" in response.content.decode()


def test_edit_shows_the_names_comma_separated_and_saves(
    world: World, client_for: ClientFor
) -> None:
    install_starter_services(world.municipality)
    ppt = Service.objects.get(
        municipality=world.municipality, name="Pedagogisk-psykologisk tjeneste"
    )
    client = client_for("coordinator")
    url = reverse("directory:service_update", kwargs={"service_id": ppt.pk})
    assert 'value="PPT, PP-tjenesten"' in client.get(url).content.decode()
    response = client.post(
        url, {"name": ppt.name, "kind": "service", "abbreviations": "PPT", "is_active": "on"}
    )
    assert response.status_code == 302
    ppt.refresh_from_db()
    assert ppt.abbreviations == ["PPT"]
    assert ppt.former_names == []


def test_deactivate(world: World, client_for: ClientFor) -> None:
    service = Service.objects.create(municipality=world.municipality, name="Utekontakten")
    url = reverse("directory:service_deactivate", kwargs={"service_id": service.pk})
    assert client_for("admin").post(url).status_code == 302
    service.refresh_from_db()
    assert not service.is_active
    assert client_for("anonymous").get(public_url(world, service)).status_code == 404


def test_service_of_another_municipality_is_404_for_its_editors(
    world: World, client_for: ClientFor
) -> None:
    from laget.orgs.models import Municipality

    other = Municipality.objects.create(name="Nabovik", number="9898")
    service = Service.objects.create(municipality=other, name="NAV")
    url = reverse("directory:service_update", kwargs={"service_id": service.pk})
    assert client_for("coordinator").get(url).status_code == 404


def test_staff_search_without_js_and_with_htmx(world: World, client_for: ClientFor) -> None:
    install_starter_services(world.municipality)
    client = client_for("other_unit")
    page = client.get(reverse("directory:search"), {"q": "ressursteam"})
    html = page.content.decode()
    assert "Tverrfaglig team på skolen" in html
    assert "Tidligere navn: Ressursteam" in html
    assert "<html" in html
    fragment = client.get(reverse("directory:search"), {"q": "ressursteam"}, HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert "Tidligere navn: Ressursteam" in fragment.content.decode()


def test_public_list_needs_no_login_and_searches(world: World) -> None:
    install_starter_services(world.municipality)
    client = Client()
    response = client.get(public_url(world))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Helsestasjonen" in html and "Logg ut" not in html
    assert "public" in response["Cache-Control"]
    found = client.get(public_url(world), {"q": "pedagogsk psykolgisk"}).content.decode()
    assert "Pedagogisk-psykologisk tjeneste" in found
    assert "Helsestasjonen" not in found
    none = client.get(public_url(world), {"q": "snømåking"}).content.decode()
    assert "Fant ingen tjeneste" in none


def test_public_detail(world: World) -> None:
    install_starter_services(world.municipality)
    habu = Service.objects.get(
        municipality=world.municipality, name="Habiliteringstjenesten for barn og unge"
    )
    response = Client().get(public_url(world, habu))
    html = response.content.decode()
    assert response.status_code == 200
    assert habu.name in html and "Barnehabiliteringen" in html
    assert 'href="tel:40000108"' in html


def test_public_pages_404_for_unknown_municipality_or_foreign_service(world: World) -> None:
    from laget.orgs.models import Municipality

    assert Client().get("/tjenester/1234/").status_code == 404
    other = Municipality.objects.create(name="Nabovik", number="9898")
    service = Service.objects.create(municipality=other, name="NAV")
    assert Client().get(public_url(world, service)).status_code == 404


def test_public_list_queries_stay_few(world: World, django_assert_max_num_queries: object) -> None:
    install_starter_services(world.municipality)
    with django_assert_max_num_queries(3):  # type: ignore[operator]
        Client().get(public_url(world), {"q": "helse"})
