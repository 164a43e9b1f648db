"""Staff sign-in through a real OpenID Connect provider on loopback (the portal's fixture), with
the staff client's own settings."""

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from laget.accounts.models import User
from laget.portal.tests.conftest import authorize, local, oidc_provider, provider_user
from laget.signin.second_factor import PASSED
from laget.signin.tests.helpers import give_authenticator
from laget.signin.views.password import OIDC_FAILED
from laget.testing.world import World

pytestmark = pytest.mark.django_db

__all__ = ["oidc_provider"]  # the loopback provider, a session fixture

SESSION_USER = "_auth_user_id"
HOME = reverse("cases:my_cases")
ACR = "Level4"
FAILED = f"{reverse('login')}?{OIDC_FAILED}=1"


@pytest.fixture
def staff_oidc(oidc_provider: str) -> Iterator[str]:
    """The staff client pointed at the loopback provider by its issuer (endpoints discovered),
    requiring a level of assurance."""
    with override_settings(
        LAGET_STAFF_OIDC_NAME="Testkommunens innlogging",
        LAGET_STAFF_OIDC_ISSUER=oidc_provider,
        LAGET_STAFF_OIDC_CLIENT_ID="laget-staff-test",
        LAGET_STAFF_OIDC_CLIENT_SECRET="ansatt-hemmelighet",
        LAGET_STAFF_OIDC_ACR_VALUES=f"{ACR} Level5",
    ):
        yield oidc_provider


def sign_in(client: Client, issuer: str, claims: dict[str, Any], next_url: str = "") -> Any:
    """Our start → the provider's form → our callback; returns the callback's response."""
    sub = provider_user(issuer, claims)
    start = client.get(reverse("login_oidc"), {"next": next_url} if next_url else {})
    assert start.status_code == 302
    return client.get(local(authorize(start["Location"], sub)))


def staff_claims(user: User, acr: str = ACR) -> dict[str, Any]:
    return {"email": user.email.upper(), "email_verified": True, "acr": acr}


def test_a_staff_user_signs_in_and_is_not_asked_for_a_code(staff_oidc: str, world: World) -> None:
    user = world.users["stafettholder"]
    give_authenticator(user)
    client = Client()
    case_url = reverse("cases:case_detail", args=[world.case.pk])
    response = sign_in(client, staff_oidc, staff_claims(user), next_url=case_url)
    assert response.status_code == 302
    assert response["Location"] == case_url
    assert int(client.session[SESSION_USER]) == user.pk
    assert PASSED not in client.session
    assert client.get(case_url).status_code == 200
    assert client.get(reverse("api:me")).json()["username"] == user.username


def test_an_unknown_person_gets_no_access_and_nothing_is_created(
    staff_oidc: str, world: World
) -> None:
    client = Client()
    users = User.objects.count()
    claims = {"email": "ukjent@example.invalid", "email_verified": True, "acr": ACR}
    response = sign_in(client, staff_oidc, claims)
    assert response.status_code == 200
    assert "Du har ikke tilgang til Laget" in response.content.decode()
    assert "Testkommunens innlogging" in response.content.decode()
    assert SESSION_USER not in client.session
    assert User.objects.count() == users
    assert client.get(HOME)["Location"].startswith(reverse("login"))


def test_a_family_member_of_the_portal_never_becomes_staff(staff_oidc: str, world: World) -> None:
    """A user without a staff membership (the portal's guardians and children) is refused,
    even when the provider vouches for their address."""
    guardian = User.objects.create_user(username="portal-123", email="mor@example.invalid")
    guardian.set_unusable_password()
    guardian.save()
    client = Client()
    claims = {"email": guardian.email, "email_verified": True, "acr": ACR}
    response = sign_in(client, staff_oidc, claims)
    assert "Du har ikke tilgang til Laget" in response.content.decode()
    assert SESSION_USER not in client.session


def test_an_inactive_user_is_refused(staff_oidc: str, world: World) -> None:
    user = world.users["participant"]
    User.objects.filter(pk=user.pk).update(is_active=False)
    client = Client()
    response = sign_in(client, staff_oidc, staff_claims(user))
    assert response.status_code == 200
    assert "Du har ikke tilgang til Laget" in response.content.decode()
    assert SESSION_USER not in client.session


def test_a_login_below_the_required_level_is_refused(staff_oidc: str, world: World) -> None:
    client = Client()
    response = sign_in(client, staff_oidc, staff_claims(world.users["stafettholder"], "Level3"))
    assert response.status_code == 302
    assert response["Location"] == FAILED
    assert SESSION_USER not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Innloggingen hos Testkommunens innlogging ble ikke fullført" in page


def test_a_login_without_an_acr_is_refused(staff_oidc: str, world: World) -> None:
    user = world.users["stafettholder"]
    client = Client()
    response = sign_in(client, staff_oidc, {"email": user.email, "email_verified": True})
    assert response["Location"] == FAILED
    assert SESSION_USER not in client.session


def test_a_tampered_state_is_refused(staff_oidc: str, world: World) -> None:
    client = Client()
    sub = provider_user(staff_oidc, staff_claims(world.users["stafettholder"]))
    start = client.get(reverse("login_oidc"))
    callback = urlsplit(authorize(start["Location"], sub))
    query = parse_qs(callback.query)
    response = client.get(
        callback.path, {"code": query["code"][0], "state": query["state"][0] + "x"}
    )
    assert response.status_code == 400
    assert SESSION_USER not in client.session


def test_a_callback_in_another_browser_is_refused(staff_oidc: str, world: World) -> None:
    sub = provider_user(staff_oidc, staff_claims(world.users["stafettholder"]))
    start = Client().get(reverse("login_oidc"))
    attacker = Client()
    response = attacker.get(local(authorize(start["Location"], sub)))
    assert response.status_code == 400
    assert SESSION_USER not in attacker.session


def test_a_state_started_for_the_family_portal_is_not_taken_here(
    staff_oidc: str, world: World
) -> None:
    client = Client()
    sub = provider_user(staff_oidc, staff_claims(world.users["stafettholder"]))
    with override_settings(LAGET_OIDC_ISSUER=staff_oidc, OIDC_RP_CLIENT_ID="laget-test"):
        start = client.get(reverse("portal:oidc_start"))
    query = parse_qs(urlsplit(authorize(start["Location"], sub)).query)
    response = client.get(
        reverse("login_oidc_callback"), {"code": query["code"][0], "state": query["state"][0]}
    )
    assert response.status_code == 400
    assert SESSION_USER not in client.session


def test_a_replayed_callback_is_refused(staff_oidc: str, world: World) -> None:
    client = Client()
    sub = provider_user(staff_oidc, staff_claims(world.users["stafettholder"]))
    start = client.get(reverse("login_oidc"))
    callback = local(authorize(start["Location"], sub))
    assert client.get(callback)["Location"] == HOME
    client.post(reverse("logout"))
    assert client.get(callback).status_code == 400
    assert SESSION_USER not in client.session


def test_the_start_asks_for_the_level_pkce_nonce_and_scopes(staff_oidc: str, db: None) -> None:
    start = Client().get(reverse("login_oidc"))
    assert start["Location"].startswith(staff_oidc)
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["client_id"] == ["laget-staff-test"]
    assert query["acr_values"] == [f"{ACR} Level5"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["nonce"] and query["state"]
    assert query["scope"] == ["openid profile email"]
    assert query["redirect_uri"] == ["http://testserver" + reverse("login_oidc_callback")]


def test_the_username_can_be_the_claim_matched(staff_oidc: str, world: World) -> None:
    user = world.users["coordinator"]
    client = Client()
    with override_settings(
        LAGET_STAFF_OIDC_CLAIM="preferred_username", LAGET_STAFF_OIDC_USER_FIELD="username"
    ):
        response = sign_in(client, staff_oidc, {"preferred_username": user.username, "acr": ACR})
    assert response["Location"] == HOME
    assert int(client.session[SESSION_USER]) == user.pk


def test_an_unverified_email_is_not_trusted(staff_oidc: str, world: World) -> None:
    user = world.users["stafettholder"]
    client = Client()
    claims = {"email": user.email, "email_verified": False, "acr": ACR}
    response = sign_in(client, staff_oidc, claims)
    assert "Du har ikke tilgang til Laget" in response.content.decode()
    assert SESSION_USER not in client.session


def test_the_login_page_offers_the_provider_when_configured(staff_oidc: str, db: None) -> None:
    page = Client().get(reverse("login")).content.decode()
    assert "Logg inn med Testkommunens innlogging" in page
    assert reverse("login_oidc") in page


def test_without_a_provider_the_sign_in_is_not_offered(db: None) -> None:
    page = Client().get(reverse("login")).content.decode()
    assert reverse("login_oidc") not in page
    assert Client().get(reverse("login_oidc")).status_code == 404
    assert Client().get(reverse("login_oidc_callback")).status_code == 404


def test_a_provider_that_cannot_be_reached_is_a_message(db: None) -> None:
    # Nothing listens on port 9 of the loopback address.
    with override_settings(
        LAGET_STAFF_OIDC_ISSUER="http://127.0.0.1:9",
        LAGET_STAFF_OIDC_CLIENT_ID="laget-staff-test",
        OIDC_TIMEOUT=2,
    ):
        response = Client().get(reverse("login_oidc"))
    assert response["Location"] == FAILED
