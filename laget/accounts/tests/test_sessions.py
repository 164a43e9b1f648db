"""Browser sessions end after 30 minutes idle or 8 hours in all, on the server; "Mine
innlogginger" lists the user's sessions and API tokens and ends any of them."""

import datetime
import time

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken

from laget.accounts.models import User, UserSession
from laget.accounts.services import user_sign_out_everywhere
from laget.accounts.sessions import ACTIVE, ACTIVITY_RESOLUTION, SIGNED_IN, device_of, handle_of
from laget.testing.world import PASSWORD, World

pytestmark = pytest.mark.django_db

IDLE = settings.LAGET_SESSION_IDLE_SECONDS
ABSOLUTE = settings.SESSION_COOKIE_AGE
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:130.0) Gecko/20100101 Firefox/130.0"
SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def logged_in(user: User, user_agent: str = FIREFOX) -> Client:
    """A browser that logged in through the login page."""
    client = Client(HTTP_USER_AGENT=user_agent)
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


def set_clocks(client: Client, *, signed_in_ago: float, active_ago: float) -> None:
    session = client.session
    now = time.time()
    session[SIGNED_IN] = int(now - signed_in_ago)
    session[ACTIVE] = int(now - active_ago)
    session.save()


def home(client: Client) -> tuple[int, str]:
    response = client.get(reverse("cases:my_cases"))
    return response.status_code, response.get("Location", "")


# --- Timeouts --------------------------------------------------------------------------------


def test_an_idle_session_ends_and_the_login_page_says_why(world: World) -> None:
    client = logged_in(world.users["stafettholder"])
    set_clocks(client, signed_in_ago=IDLE + 60, active_ago=IDLE + 1)
    status, location = home(client)
    assert status == 302 and location.startswith(reverse("login"))
    assert SESSION_KEY not in client.session
    page = client.get(location).content.decode()
    assert "Du ble logget ut etter 30 minutter uten aktivitet." in page
    assert not UserSession.objects.filter(user=world.users["stafettholder"]).exists()


def test_a_session_in_use_lasts_and_its_activity_is_noted(world: World) -> None:
    client = logged_in(world.users["stafettholder"])
    set_clocks(client, signed_in_ago=IDLE + 60, active_ago=IDLE - 10)
    assert home(client)[0] == 200
    assert time.time() - client.session[ACTIVE] < ACTIVITY_RESOLUTION
    row = UserSession.objects.get(user=world.users["stafettholder"])
    assert row.active_at is not None
    assert timezone.now() - row.active_at < datetime.timedelta(seconds=ACTIVITY_RESOLUTION)


def test_a_session_ends_after_eight_hours_however_busy(world: World) -> None:
    client = logged_in(world.users["stafettholder"])
    set_clocks(client, signed_in_ago=ABSOLUTE + 1, active_ago=5)
    status, location = home(client)
    assert status == 302 and location.startswith(reverse("login"))
    page = client.get(location).content.decode()
    assert "Du ble logget ut fordi du har vært logget inn i 8 timer." in page


def test_an_ended_session_cannot_use_the_api_either(world: World) -> None:
    client = logged_in(world.users["stafettholder"])
    set_clocks(client, signed_in_ago=IDLE + 60, active_ago=IDLE + 1)
    response = client.get(reverse("api:me"))
    assert response.status_code == 401 and set(response.json()) == {"detail"}


def test_a_session_without_clocks_starts_them(world: World) -> None:
    """A session made before the clocks were kept (or by a command) is not ended at once."""
    client = logged_in(world.users["stafettholder"])
    session = client.session
    del session[SIGNED_IN], session[ACTIVE]
    session.save()
    assert home(client)[0] == 200
    assert abs(client.session[SIGNED_IN] - time.time()) < 5


# --- Tokens ----------------------------------------------------------------------------------


def test_a_token_expires_after_the_configured_hours(world: World) -> None:
    user = world.users["stafettholder"]
    response = Client().post(
        reverse("api:token"),
        {"username": user.username, "password": PASSWORD},
        content_type="application/json",
    )
    token = response.json()["token"]
    client = Client(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(reverse("api:me")).status_code == 200
    AuthToken.objects.filter(user=user).update(
        expiry=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(reverse("api:me"))
    assert response.status_code == 401
    assert set(response.json()) == {"detail"}
    assert not AuthToken.objects.filter(user=user).exists()


# --- Mine innlogginger -----------------------------------------------------------------------


def test_the_page_lists_the_users_own_sessions_and_tokens(world: World) -> None:
    user = world.users["stafettholder"]
    here = logged_in(user, FIREFOX)
    logged_in(user, SAFARI)
    logged_in(world.users["participant"], SAFARI)  # someone else's: not listed
    AuthToken.objects.create(user=user)
    page = here.get(reverse("account_sessions"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Firefox på Windows" in html and "Safari på iOS" in html
    assert html.count('value="session:') == 2
    assert html.count('value="token:') == 1
    assert "Denne nettleseren" in html
    for row in UserSession.objects.all():
        assert row.session_key not in html  # a handle names it, never the key
    assert FIREFOX not in html


def test_ending_another_session(world: World) -> None:
    user = world.users["stafettholder"]
    here = logged_in(user)
    there = logged_in(user, SAFARI)
    handle = handle_of(there.session.session_key)
    response = here.post(reverse("account_sessions_end"), {"end": f"session:{handle}"})
    assert response.status_code == 302
    assert home(there)[0] == 302
    assert home(here)[0] == 200


def test_another_users_session_cannot_be_ended(world: World) -> None:
    mine = logged_in(world.users["stafettholder"])
    theirs = logged_in(world.users["participant"])
    handle = handle_of(theirs.session.session_key)
    mine.post(reverse("account_sessions_end"), {"end": f"session:{handle}"})
    assert home(theirs)[0] == 200
    token = AuthToken.objects.create(user=world.users["participant"])[0]
    mine.post(reverse("account_sessions_end"), {"end": f"token:{token.digest}"})
    assert AuthToken.objects.filter(digest=token.digest).exists()


def test_ending_this_session_logs_out(world: World) -> None:
    client = logged_in(world.users["stafettholder"])
    handle = handle_of(client.session.session_key)
    response = client.post(reverse("account_sessions_end"), {"end": f"session:{handle}"})
    assert response["Location"] == reverse("login")
    assert home(client)[0] == 302


def test_revoking_a_token(world: World) -> None:
    user = world.users["stafettholder"]
    client = logged_in(user)
    token, key = AuthToken.objects.create(user=user)
    client.post(reverse("account_sessions_end"), {"end": f"token:{token.digest}"})
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get(reverse("api:me")).status_code == 401


def test_ending_all_others_keeps_this_one(world: World) -> None:
    user = world.users["stafettholder"]
    here = logged_in(user)
    there = logged_in(user, SAFARI)
    AuthToken.objects.create(user=user)
    here.post(reverse("account_sessions_end"), {"end": "others"})
    assert home(here)[0] == 200
    assert home(there)[0] == 302
    assert not AuthToken.objects.filter(user=user).exists()


def test_the_account_pages_are_missing_for_a_family_session(world: World) -> None:
    guardian = User.objects.create(username="familie-test")
    client = Client()
    client.force_login(guardian, backend="laget.portal.oidc.PortalOIDCBackend")
    for name in ("account_sessions", "password_change"):
        assert client.get(reverse(name)).status_code == 404
    assert client.post(reverse("account_sessions_end"), {"end": "others"}).status_code == 404


# --- The store -------------------------------------------------------------------------------


def test_sign_out_everywhere_is_one_delete_per_kind(
    world: World, django_assert_max_num_queries: object
) -> None:
    user = world.users["stafettholder"]
    for _ in range(3):
        logged_in(user)
    AuthToken.objects.create(user=user)
    logged_in(world.users["participant"])
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        assert user_sign_out_everywhere(user=user) == 4
    assert UserSession.objects.filter(user=world.users["participant"]).count() == 1


@pytest.mark.parametrize(
    ("user_agent", "device"),
    [
        (FIREFOX, "Firefox på Windows"),
        (SAFARI, "Safari på iOS"),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0",
            "Edge på Windows",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/128.0 Mobile Safari/537.36",
            "Chrome på Android",
        ),
        ("curl/8.5.0", ""),
        ("", ""),
    ],
)
def test_the_device_is_coarse(user_agent: str, device: str) -> None:
    assert device_of(user_agent) == device


def test_clearsessions_removes_the_ended_ones(world: World) -> None:
    idle = logged_in(world.users["stafettholder"])
    set_clocks(idle, signed_in_ago=IDLE + 60, active_ago=IDLE + 1)
    old = logged_in(world.users["participant"])
    set_clocks(old, signed_in_ago=ABSOLUTE + 1, active_ago=5)
    lasting = logged_in(world.users["unit_leader"])
    call_command("clearsessions")
    assert list(UserSession.objects.values_list("session_key", flat=True)) == [
        lasting.session.session_key
    ]


def test_a_token_login_from_a_logged_in_browser_does_not_restart_its_clocks(
    world: World,
) -> None:
    user = world.users["stafettholder"]
    client = logged_in(user)
    set_clocks(client, signed_in_ago=ABSOLUTE - 60, active_ago=5)
    response = client.post(
        reverse("api:token"),
        {"username": user.username, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert time.time() - client.session[SIGNED_IN] >= ABSOLUTE - 60
