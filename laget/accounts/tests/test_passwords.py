"""Changing the password, and resetting a forgotten one by an e-mail link (sent over a real
SMTP connection on loopback by the background worker). A new password ends every other login."""

import re
from collections.abc import Callable

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from knox.models import AuthToken

from laget.accounts.forms import RESET_MAILS_PER_HOUR
from laget.accounts.models import User
from laget.accounts.tests.test_sessions import SAFARI, home, logged_in
from laget.accounts.views import MSG_RESET_SENT, RESETS_PER_ADDRESS
from laget.notify.tests.conftest import Mailbox, run_worker, smtp
from laget.testing.world import PASSWORD, World

pytestmark = pytest.mark.django_db

__all__ = ["run_worker", "smtp"]  # the real SMTP server and worker (laget/notify/tests)

NEW = "fire-ord-i-rekke-fjord"
EMAIL = "kari.stafett@fjordvik.kommune.invalid"


@pytest.fixture(autouse=True)
def _fresh_limits() -> None:
    cache.clear()


@pytest.fixture
def kari(world: World) -> User:
    user = User.objects.get(pk=world.users["stafettholder"].pk)
    user.email = EMAIL
    user.save(update_fields=["email"])
    return user


def logs_in(username: str, password: str) -> bool:
    client = Client()
    client.post(reverse("login"), {"username": username, "password": password})
    return SESSION_KEY in client.session


# --- Change ----------------------------------------------------------------------------------


def test_changing_the_password_ends_the_other_sessions_and_tokens(kari: User) -> None:
    here = logged_in(kari)
    there = logged_in(kari, SAFARI)
    AuthToken.objects.create(user=kari)
    response = here.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302 and response["Location"] == reverse("account_sessions")
    assert home(here)[0] == 200  # stays logged in where the change was made
    assert home(there)[0] == 302
    assert not AuthToken.objects.filter(user=kari).exists()
    assert logs_in(kari.username, NEW) and not logs_in(kari.username, PASSWORD)


@pytest.mark.parametrize(
    "password",
    [
        "kort-passor",  # 11 characters: 12 is the minimum
        "123456789012345",  # digits only
        "1qaz2wsx3edc",  # a common password
        "stafett12345",  # like the e-mail address
    ],
)
def test_a_weak_password_is_refused(kari: User, password: str) -> None:
    client = logged_in(kari)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
    kari.refresh_from_db()
    assert kari.check_password(PASSWORD)


def test_the_old_password_must_be_right(kari: User) -> None:
    client = logged_in(kari)
    response = client.post(
        reverse("password_change"),
        {"old_password": "feil-gammelt-passord", "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 200
    assert "old_password" in response.context["form"].errors


# --- Reset -----------------------------------------------------------------------------------


def link_path(text: str) -> str:
    """The path of the reset link in the mail (it names LAGET_BASE_URL's host)."""
    found = re.search(r"https?://[^/\s]+(/glemt-passord/\S+/)", text)
    assert found, text
    return found.group(1)


def test_reset_by_e_mail_end_to_end(
    kari: User, smtp: Mailbox, run_worker: Callable[[], None], settings: object
) -> None:
    elsewhere = logged_in(kari, SAFARI)
    AuthToken.objects.create(user=kari)
    browser = Client()
    response = browser.post(reverse("password_reset"), {"email": EMAIL.upper()})
    assert response.status_code == 302
    assert str(MSG_RESET_SENT) in browser.get(response["Location"]).content.decode()
    assert smtp.received == []  # never sent in the request
    run_worker()
    (mail,) = smtp.to(EMAIL)
    body = mail.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    # No name and no username in the mail: only the link and what to do with it.
    for secret in (kari.first_name, kari.last_name, kari.username):
        assert secret not in body and secret not in str(mail["Subject"])
    # The task table holds the user's id, never a working link.
    for row in DBTaskResult.objects.all():
        assert "glemt-passord" not in str(row.args_kwargs)
    path = link_path(body)
    page = browser.get(path, follow=True)
    assert page.status_code == 200 and kari.username in page.content.decode()
    set_url = page.redirect_chain[-1][0]
    done = browser.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == reverse("login")
    assert logs_in(kari.username, NEW)
    assert home(elsewhere)[0] == 302  # every earlier login has ended
    assert not AuthToken.objects.filter(user=kari).exists()
    # The link works once.
    assert "Lenken virker ikke lenger" in browser.get(path, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    kari: User, smtp: Mailbox, run_worker: Callable[[], None]
) -> None:
    known = Client().post(reverse("password_reset"), {"email": EMAIL})
    unknown = Client().post(reverse("password_reset"), {"email": "ingen@example.invalid"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    run_worker()
    assert [r.rcpt_tos for r in smtp.received] == [[EMAIL]]


def test_a_user_without_a_password_gets_no_reset_mail(
    kari: User, smtp: Mailbox, run_worker: Callable[[], None]
) -> None:
    """Signed in through an identity provider (or a family member): no password to reset."""
    kari.set_unusable_password()
    kari.save(update_fields=["password"])
    Client().post(reverse("password_reset"), {"email": EMAIL})
    run_worker()
    assert smtp.received == []


def test_reset_mails_to_one_address_are_limited(
    kari: User, smtp: Mailbox, run_worker: Callable[[], None]
) -> None:
    for n in range(RESET_MAILS_PER_HOUR + 2):
        response = Client(REMOTE_ADDR=f"192.0.2.{n}").post(
            reverse("password_reset"), {"email": EMAIL}
        )
        assert response.status_code == 302  # the same answer throughout
    run_worker()
    assert len(smtp.to(EMAIL)) == RESET_MAILS_PER_HOUR


def test_reset_requests_from_one_address_are_throttled(world: World) -> None:
    client = Client()
    statuses = [
        client.post(reverse("password_reset"), {"email": f"x{n}@example.invalid"}).status_code
        for n in range(RESETS_PER_ADDRESS + 1)
    ]
    assert statuses == [302] * RESETS_PER_ADDRESS + [429]


def test_reset_lifts_a_lockout(kari: User, smtp: Mailbox, run_worker: Callable[[], None]) -> None:
    for _ in range(10):
        logs_in(kari.username, "feil")
    assert not logs_in(kari.username, PASSWORD)
    browser = Client()
    browser.post(reverse("password_reset"), {"email": EMAIL})
    run_worker()
    body = smtp.to(EMAIL)[0].get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    page = browser.get(link_path(body), follow=True)
    browser.post(page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert logs_in(kari.username, NEW)
