"""An admin (or the unit's leader) signs a member of staff out everywhere: every browser
session and API token ends, the account and its access stay. Web and API, one service."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from laget.accounts.models import UserSession
from laget.audit.models import AuditEvent
from laget.testing.world import World

pytestmark = pytest.mark.django_db


def sign_out(door: str, client: Client, user_id: int) -> int:
    if door == "web":
        return client.post(reverse("orgs:user_sign_out", args=[user_id])).status_code
    path = reverse("api:user_sign_out", args=[user_id])
    return client.post(path, {}, content_type="application/json").status_code


@pytest.mark.parametrize("door", ["web", "api"])
@pytest.mark.parametrize("by", ["admin", "unit_leader"])
def test_the_manager_signs_an_employee_out_everywhere(
    world: World, client_for: Any, door: str, by: str
) -> None:
    person = world.users["same_unit"]
    browser = client_for("same_unit")
    _token, key = AuthToken.objects.create(user=person)
    status = sign_out(door, client_for(by), person.pk)
    assert status == (302 if door == "web" else 204)
    assert browser.get(reverse("cases:my_cases")).status_code == 302
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get(reverse("api:me")).status_code == 401
    assert not UserSession.objects.filter(user=person).exists()
    person.refresh_from_db()
    assert person.is_active  # the account stays
    assert AuditEvent.objects.filter(object_type="user", object_id=person.pk).exists()


@pytest.mark.parametrize("door", ["web", "api"])
def test_someone_one_does_not_manage_is_missing(world: World, client_for: Any, door: str) -> None:
    """The unit leader leads the kindergarten, not the health clinic's participant; nobody
    signs themselves out this way (their own page does that)."""
    person = world.users["participant"]
    browser = client_for("participant")
    assert sign_out(door, client_for("unit_leader"), person.pk) == 404
    assert sign_out(door, client_for("admin"), world.users["admin"].pk) == 404
    assert browser.get(reverse("cases:my_cases")).status_code == 200


def test_the_page_asks_first(world: World, client_for: Any) -> None:
    person = world.users["same_unit"]
    browser = client_for("same_unit")
    page = client_for("admin").get(reverse("orgs:user_sign_out", args=[person.pk]))
    assert page.status_code == 200 and person.display_name in page.content.decode()
    assert browser.get(reverse("cases:my_cases")).status_code == 200
