"""The demo's way into the family portal: only with LAGET_DEMO (issue 12, reproduction 7: it
was routed everywhere and guarded only by DEBUG)."""

import importlib

import pytest
from django.test import Client, override_settings
from django.urls import NoReverseMatch, Resolver404, clear_url_caches, resolve, reverse

import laget.urls
from laget.demo import data
from laget.demo.seed import login_lines
from laget.people.models import Guardian
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def _mother(world: World) -> Guardian:
    guardian = Guardian.objects.filter(
        subject=world.case.subject, has_parental_responsibility=True
    ).first()
    assert guardian is not None
    return guardian


@pytest.mark.parametrize("debug", [False, True], ids=["", "even with DEBUG"])
@pytest.mark.parametrize("method", ["get", "post", "head"])
def test_without_the_demo_setting_the_demo_login_is_not_there(
    method: str, debug: bool, world: World
) -> None:
    client = Client()
    with override_settings(DEBUG=debug, LAGET_DEMO=False):
        response = getattr(client, method)("/demo/familie/", {"guardian": _mother(world).pk})
        assert response.status_code == 404
        with pytest.raises(NoReverseMatch):
            reverse("demo:portal_login")
    assert "_auth_user_id" not in client.session


@pytest.mark.urls("laget.demo.tests.urls")
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_routed_demo_login_still_refuses_without_the_setting(method: str, world: World) -> None:
    client = Client()
    with override_settings(DEBUG=True, LAGET_DEMO=False):
        response = getattr(client, method)(
            reverse("demo:portal_login"), {"guardian": _mother(world).pk}
        )
    assert response.status_code == 404
    assert "_auth_user_id" not in client.session


def test_the_site_routes_the_demo_only_with_the_setting() -> None:
    try:
        for enabled in (False, True):
            with override_settings(LAGET_DEMO=enabled):
                importlib.reload(laget.urls)
                clear_url_caches()
                names = {p.pattern.describe() for p in laget.urls.urlpatterns}
                assert any("demo/" in name for name in names) is enabled, names
    finally:
        importlib.reload(laget.urls)
        clear_url_caches()
    with pytest.raises(Resolver404):
        resolve("/demo/familie/")


@pytest.mark.urls("laget.demo.tests.urls")
def test_with_the_demo_it_lists_guardians_and_logs_in_as_one(world: World) -> None:
    mother = _mother(world)
    client = Client()
    with override_settings(LAGET_DEMO=True):
        page = client.get(reverse("demo:portal_login")).content.decode()
        assert "Bare i demoen" in page
        assert f"Logg inn som {mother.name}" in page
        response = client.post(reverse("demo:portal_login"), {"guardian": mother.pk})
    assert response["Location"] == reverse("portal:home")
    assert "Emil Fjeldsrud" in client.get(reverse("portal:home")).content.decode()
    mother.refresh_from_db()
    assert mother.user is not None and not mother.user.has_usable_password()


@pytest.mark.urls("laget.demo.tests.urls")
def test_the_portal_login_page_links_the_demo_only_with_the_setting(db: None) -> None:
    with override_settings(LAGET_DEMO=True):
        assert "Bare i demoen" in Client().get(reverse("portal:login")).content.decode()
    with override_settings(LAGET_DEMO=False, DEBUG=True):
        assert "Bare i demoen" not in Client().get(reverse("portal:login")).content.decode()


def test_seed_demo_names_a_guardian_to_try(db: None) -> None:
    assert any(data.PORTAL_GUARDIAN[0] in line for line in login_lines())
