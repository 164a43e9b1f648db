"""Logging in to the portal through a real OpenID Connect provider running on loopback."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from laget.accounts.models import User
from laget.orgs.selectors import staff_profile
from laget.people.models import Guardian, Subject
from laget.portal.tests.conftest import authorize, local, oidc_login, provider_user
from laget.testing.family import Family, synthetic_national_id

pytestmark = pytest.mark.django_db

SESSION_USER = "_auth_user_id"


def test_guardian_logs_in_and_lands_on_the_portal(oidc_settings: str, family: Family) -> None:
    client = Client()
    response = oidc_login(client, oidc_settings, family.pids[family.mother.name])
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    home = client.get(response["Location"])
    assert home.status_code == 200
    assert "Emil Fjeldsrud" in home.content.decode()
    user = User.objects.get(pk=client.session[SESSION_USER])
    assert Guardian.objects.get(pk=family.mother.pk).user_id == user.pk
    # A portal user: no password, no staff membership, no name or id in the username.
    assert not user.has_usable_password()
    assert not staff_profile(user).is_staff_member
    assert family.pids[family.mother.name] not in user.username


def test_second_login_reuses_the_same_user(oidc_settings: str, family: Family) -> None:
    first, second = Client(), Client()
    oidc_login(first, oidc_settings, family.pids[family.father.name])
    oidc_login(second, oidc_settings, family.pids[family.father.name])
    assert first.session[SESSION_USER] == second.session[SESSION_USER]


def test_child_above_the_age_limit_logs_in_themselves(oidc_settings: str, family: Family) -> None:
    client = Client()
    response = oidc_login(client, oidc_settings, family.pids["Sofie Lien"])
    assert response["Location"] == reverse("portal:home")
    assert Subject.objects.get(pk=family.teen_case.subject_id).user_id == int(
        client.session[SESSION_USER]
    )
    assert "Sofie Lien" in client.get(reverse("portal:home")).content.decode()


@pytest.mark.parametrize("who", ["unknown", "stepfather"])
def test_no_matching_record_gets_the_no_case_page_and_no_session(
    who: str, oidc_settings: str, family: Family
) -> None:
    pid = (
        synthetic_national_id(__import__("datetime").date(1979, 4, 4), 7)
        if who == "unknown"
        else family.pids[family.stepfather.name]
    )
    client = Client()
    users_before = User.objects.count()
    response = oidc_login(client, oidc_settings, pid)
    assert response.status_code == 200
    assert "Vi finner ingen stafettlogg knyttet til deg" in response.content.decode()
    assert SESSION_USER not in client.session
    assert User.objects.count() == users_before
    assert client.get(reverse("portal:home"))["Location"].startswith(reverse("portal:login"))


def test_a_tampered_state_is_refused(oidc_settings: str, family: Family) -> None:
    client = Client()
    sub = provider_user(oidc_settings, {"pid": family.pids[family.mother.name]})
    start = client.get(reverse("portal:oidc_start"))
    callback = urlsplit(authorize(start["Location"], sub))
    query = parse_qs(callback.query)
    response = client.get(
        callback.path, {"code": query["code"][0], "state": query["state"][0] + "x"}
    )
    assert response.status_code == 400
    assert SESSION_USER not in client.session


def test_a_replayed_callback_is_refused(oidc_settings: str, family: Family) -> None:
    client = Client()
    sub = provider_user(oidc_settings, {"pid": family.pids[family.mother.name]})
    start = client.get(reverse("portal:oidc_start"))
    callback = local(authorize(start["Location"], sub))
    assert client.get(callback)["Location"] == reverse("portal:home")
    client.post(reverse("portal:logout"))
    replay = client.get(callback)
    assert replay.status_code in (302, 400)
    assert replay.get("Location") != reverse("portal:home")
    assert SESSION_USER not in client.session


def test_a_callback_from_another_browser_is_refused(oidc_settings: str, family: Family) -> None:
    """The state belongs to the session that started the login: another browser's is not
    accepted, so a login link cannot be planted on someone else."""
    sub = provider_user(oidc_settings, {"pid": family.pids[family.mother.name]})
    start = Client().get(reverse("portal:oidc_start"))
    attacker = Client()
    response = attacker.get(local(authorize(start["Location"], sub)))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:login"))
    assert SESSION_USER not in attacker.session


def test_the_login_asks_for_pkce_nonce_and_the_configured_scopes(
    oidc_settings: str, family: Family
) -> None:
    start = Client().get(reverse("portal:oidc_start"))
    query = parse_qs(urlsplit(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["nonce"] and query["state"]
    assert query["scope"] == ["openid profile"]
    assert query["ui_locales"] == ["nb"]


def test_a_code_issued_to_another_client_fails_cleanly(oidc_settings: str, family: Family) -> None:
    """The provider refuses to exchange the code; the family sees the login page again."""
    client = Client()
    sub = provider_user(oidc_settings, {"pid": family.pids[family.mother.name]})
    with override_settings(OIDC_RP_CLIENT_ID="someone-else"):
        start = client.get(reverse("portal:oidc_start"))
    response = client.get(local(authorize(start["Location"], sub)))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:login") + "?feil=1"
    assert SESSION_USER not in client.session
    assert "ikke fullført" in client.get(response["Location"]).content.decode()


def test_an_id_token_without_a_pid_is_refused(oidc_settings: str, family: Family) -> None:
    client = Client()
    sub = provider_user(oidc_settings, {"email": "noen@example.invalid"})
    start = client.get(reverse("portal:oidc_start"))
    response = client.get(local(authorize(start["Location"], sub)))
    assert response["Location"] == reverse("portal:login") + "?feil=1"
    assert SESSION_USER not in client.session


def test_an_id_token_from_another_issuer_is_refused(oidc_settings: str, family: Family) -> None:
    client = Client()
    sub = provider_user(oidc_settings, {"pid": family.pids[family.mother.name]})
    start = client.get(reverse("portal:oidc_start"))
    callback = local(authorize(start["Location"], sub))
    # Same endpoints, but we expect another issuer than the one that signs the token.
    with override_settings(
        LAGET_OIDC_ISSUER="https://idporten.example.invalid",
        OIDC_OP_TOKEN_ENDPOINT=f"{oidc_settings}/oauth2/token",
        OIDC_OP_USER_ENDPOINT=f"{oidc_settings}/userinfo",
        OIDC_OP_JWKS_ENDPOINT=f"{oidc_settings}/jwks",
    ):
        response = client.get(callback)
    assert response.status_code == 400
    assert SESSION_USER not in client.session


def test_the_login_page_has_only_the_id_porten_button(oidc_settings: str, db: None) -> None:
    page = Client().get(reverse("portal:login")).content.decode()
    assert "Logg inn med ID-porten" in page
    assert 'type="password"' not in page


def test_without_a_provider_the_login_is_not_offered(db: None) -> None:
    with override_settings(LAGET_OIDC_ISSUER="", OIDC_OP_AUTHORIZATION_ENDPOINT=""):
        page = Client().get(reverse("portal:login")).content.decode()
        assert "Logg inn med ID-porten" not in page
        assert Client().get(reverse("portal:oidc_start")).status_code == 404


def test_staff_password_login_still_works_beside_the_portal_backend(
    oidc_settings: str, world: object, password: str
) -> None:
    client = Client()
    response = client.post(reverse("login"), {"username": "kari", "password": password})
    assert response.status_code == 302
    assert SESSION_USER in client.session


def test_a_provider_that_cannot_be_reached_is_a_message_not_a_crash(db: None) -> None:
    # Nothing listens on port 9 of the loopback address.
    with override_settings(
        LAGET_OIDC_ISSUER="http://127.0.0.1:9", OIDC_RP_CLIENT_ID="laget-test", OIDC_TIMEOUT=2
    ):
        response = Client().get(reverse("portal:oidc_start"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:login") + "?feil=1"
