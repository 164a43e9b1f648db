"""Lockout after failed password logins, on the web login and the API's token login alike."""

import datetime
from collections.abc import Callable

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.auth import SESSION_KEY, authenticate
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import F
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from knox.models import AuthToken

from laget.accounts.lockout import lockout_message
from laget.testing.world import PASSWORD, World

pytestmark = pytest.mark.django_db

DOORS = ["web", "api"]
LIMIT = settings.LAGET_LOGIN_FAILURE_LIMIT
Attempt = Callable[[str, str], tuple[int, bool]]


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    # The API's own throttle (10 a minute per address) counts in the cache.
    cache.clear()


def attempt(door: str, client: Client, username: str, password: str) -> tuple[int, bool]:
    """One login; (status, whether it let the user in)."""
    credentials = {"username": username, "password": password}
    if door == "web":
        response = client.post(reverse("login"), credentials)
        return response.status_code, SESSION_KEY in client.session
    response = client.post(reverse("api:token"), credentials, content_type="application/json")
    return response.status_code, response.status_code == 200 and "token" in response.json()


@pytest.fixture(params=DOORS)
def login(request: pytest.FixtureRequest) -> Attempt:
    door: str = request.param
    client = Client()

    def run(username: str, password: str) -> tuple[int, bool]:
        if door == "api":
            cache.clear()  # this test is about the lockout, not the API's rate throttle
        return attempt(door, client, username, password)

    return run


def test_many_wrong_passwords_then_the_right_one_does_not_let_in(
    world: World, login: Attempt
) -> None:
    """Issue 12, reproduction 1: 100 wrong passwords were answered 200 and then the right one
    logged in. Now the fifth failure locks the username at this address, and the right
    password does not open it."""
    username = world.users["stafettholder"].username
    statuses = [login(username, f"feil-{n}")[0] for n in range(100)]
    assert set(statuses[: LIMIT - 1]) <= {200, 400}  # the form's or the API's "wrong"
    assert set(statuses[LIMIT - 1 :]) == {429}
    status, let_in = login(username, PASSWORD)
    assert (status, let_in) == (429, False)
    assert not AuthToken.objects.exists()


@pytest.mark.parametrize("door", DOORS)
def test_the_lockout_answer_is_429_and_names_no_one(world: World, door: str) -> None:
    client = Client()
    username = world.users["stafettholder"].username
    for _ in range(LIMIT):
        cache.clear()
        attempt(door, client, username, "feil")
    cache.clear()
    if door == "web":
        response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
        html = response.content.decode()
        assert "Innloggingen er sperret en stund" in html
        assert lockout_message() in html
        assert username not in html
    else:
        response = client.post(
            reverse("api:token"),
            {"username": username, "password": PASSWORD},
            content_type="application/json",
        )
        assert response.json() == {"detail": lockout_message()}
    assert response.status_code == 429
    assert response["Retry-After"] == str(settings.LAGET_LOGIN_COOLOFF_MINUTES * 60)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("door", DOORS)
def test_an_unknown_username_is_locked_exactly_like_a_known_one(world: World, door: str) -> None:
    """The answers say nothing about whether the username exists."""
    answers = []
    for username in (world.users["stafettholder"].username, "finnes-ikke"):
        client = Client()
        statuses = []
        for _ in range(LIMIT + 1):
            cache.clear()
            statuses.append(attempt(door, client, username, "feil")[0])
        answers.append(statuses)
    assert answers[0] == answers[1]


def test_the_lock_lifts_after_the_cool_off(world: World, login: Attempt) -> None:
    username = world.users["stafettholder"].username
    for _ in range(LIMIT):
        login(username, "feil")
    assert login(username, PASSWORD) == (429, False)
    # Time passes: the last failure is now the cool-off and a second ago.
    cool_off = datetime.timedelta(minutes=settings.LAGET_LOGIN_COOLOFF_MINUTES, seconds=1)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - cool_off)
    assert login(username, PASSWORD)[1] is True


def test_just_inside_the_cool_off_the_lock_holds(world: World, login: Attempt) -> None:
    username = world.users["stafettholder"].username
    for _ in range(LIMIT):
        login(username, "feil")
    almost = datetime.timedelta(minutes=settings.LAGET_LOGIN_COOLOFF_MINUTES, seconds=-5)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - almost)
    assert login(username, PASSWORD) == (429, False)


def test_axes_reset_username_lifts_the_lock_at_once(world: World, login: Attempt) -> None:
    """The documented way for an admin: `manage.py axes_reset_username <name>`."""
    username = world.users["stafettholder"].username
    for _ in range(LIMIT):
        login(username, "feil")
    call_command("axes_reset_username", username, verbosity=0)
    assert login(username, PASSWORD)[1] is True


def test_the_lock_is_per_username_at_an_address(world: World, login: Attempt) -> None:
    """Another person at the same address (an office behind one address) still logs in."""
    for _ in range(LIMIT):
        login(world.users["stafettholder"].username, "feil")
    assert login(world.users["participant"].username, PASSWORD)[1] is True


def test_many_usernames_from_one_address_lock_the_address(world: World, login: Attempt) -> None:
    """Password spraying: one guess for each of many usernames."""
    limit = settings.LAGET_LOGIN_ADDRESS_FAILURE_LIMIT
    statuses = [login(f"person-{n}", "Sommer2026!")[0] for n in range(limit)]
    assert 429 not in statuses[: limit - 1] and statuses[-1] == 429
    assert login(world.users["participant"].username, PASSWORD) == (429, False)


@override_settings(LAGET_TRUSTED_PROXIES=1)
def test_behind_a_proxy_the_address_it_reports_is_locked_not_the_proxys(world: World) -> None:
    username = world.users["stafettholder"].username
    attacker = Client(HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9")
    for _ in range(LIMIT):
        attempt("web", attacker, username, "feil")
    # The same person at another address (the proxy appended it) is not locked out.
    colleague = Client(HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert attempt("web", colleague, username, PASSWORD)[1] is True
    # Inventing another first entry does not escape the lock: the proxy's entry decides.
    again = Client(HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.9")
    assert attempt("web", again, username, PASSWORD) == (429, False)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_twelve_invented_forwarded_for_addresses_are_one_address(world: World) -> None:
    """Issue 12, reproduction 2, at the web login: with no trusted proxy (the default) the
    client's own X-Forwarded-For is ignored, so twelve invented addresses are one."""
    username = world.users["stafettholder"].username
    statuses = []
    for n in range(12):
        client = Client(HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        statuses.append(attempt("web", client, username, "feil")[0])
    assert statuses == [200] * (LIMIT - 1) + [429] * (12 - LIMIT + 1)


def test_the_attempts_keep_no_password_user_agent_or_successful_logins(world: World) -> None:
    username = world.users["stafettholder"].username
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (Windows NT 10.0) Firefox/130.0")
    attempt("web", client, username, "hemmelig-feil-passord")
    attempt("web", client, username, PASSWORD)
    row = AccessAttempt.objects.get()
    assert row.user_agent == ""
    for text in (row.get_data, row.post_data):
        assert "hemmelig" not in text and username not in text
    assert not AccessLog.objects.exists()


def test_a_login_without_a_password_is_not_counted(world: World) -> None:
    """An OpenID Connect callback authenticates with a code, not a password: the identity
    provider locks out; axes neither counts nor blocks it."""
    request = RequestFactory().get("/")
    for _ in range(LIMIT + 1):
        assert authenticate(request, nonce="n", code_verifier="v") is None
    assert not AccessAttempt.objects.exists()
