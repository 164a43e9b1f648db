"""The demo's way into the family portal: only while DEBUG is on."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

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


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_demo_login_does_not_exist_without_debug(method: str, world: World) -> None:
    with override_settings(DEBUG=False):
        response = getattr(Client(), method)(
            reverse("demo:portal_login"), {"guardian": _mother(world).pk}
        )
    assert response.status_code == 404
    assert "_auth_user_id" not in Client().session


def test_with_debug_it_lists_guardians_and_logs_in_as_one(world: World) -> None:
    mother = _mother(world)
    client = Client()
    with override_settings(DEBUG=True):
        page = client.get(reverse("demo:portal_login")).content.decode()
        assert "Bare i demoen" in page
        assert f"Logg inn som {mother.name}" in page
        response = client.post(reverse("demo:portal_login"), {"guardian": mother.pk})
    assert response["Location"] == reverse("portal:home")
    assert "Emil Fjeldsrud" in client.get(reverse("portal:home")).content.decode()
    mother.refresh_from_db()
    assert mother.user is not None and not mother.user.has_usable_password()


def test_the_portal_login_page_links_the_demo_only_with_debug(db: None) -> None:
    with override_settings(DEBUG=True):
        assert "Bare i demoen" in Client().get(reverse("portal:login")).content.decode()
    with override_settings(DEBUG=False):
        assert "Bare i demoen" not in Client().get(reverse("portal:login")).content.decode()


def test_seed_demo_names_a_guardian_to_try(db: None) -> None:
    assert any(data.PORTAL_GUARDIAN[0] in line for line in login_lines())
