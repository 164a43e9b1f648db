"""The API's token login asks for the second factor by the browser's rule."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from laget.orgs.services import municipality_update
from laget.signin.second_factor import MSG_ENROL_FIRST, MSG_OTP_MISSING, MSG_OTP_WRONG
from laget.signin.tests.helpers import fresh_code, give_authenticator, recovery_tokens
from laget.testing.world import PASSWORD, World

pytestmark = pytest.mark.django_db


def token_login(username: str, **extra: str) -> Any:
    body = {"username": username, "password": PASSWORD, **extra}
    return Client().post(reverse("api:token"), body, content_type="application/json")


def otp_errors(response: Any) -> list[str]:
    assert response.status_code == 400, response.content
    errors: list[str] = response.json()["errors"]["otp"]
    return errors


def test_without_an_authenticator_no_code_is_asked(world: World) -> None:
    assert token_login(world.users["stafettholder"].username).status_code == 200


def test_with_an_authenticator_the_code_is_required(world: World) -> None:
    user = world.users["stafettholder"]
    give_authenticator(user)
    assert otp_errors(token_login(user.username)) == [str(MSG_OTP_MISSING)]
    right = fresh_code(user)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    assert otp_errors(token_login(user.username, otp=wrong)) == [str(MSG_OTP_WRONG)]
    assert not AuthToken.objects.filter(user=user).exists()
    ok = token_login(user.username, otp=fresh_code(user))
    assert ok.status_code == 200
    token = ok.json()["token"]
    me = Client(HTTP_AUTHORIZATION=f"Token {token}").get(reverse("api:me"))
    assert me.status_code == 200


def test_a_recovery_code_works_once_for_a_token(world: World) -> None:
    user = world.users["stafettholder"]
    codes = give_authenticator(user)
    assert token_login(user.username, otp=codes[1]).status_code == 200
    assert codes[1].replace("-", "") not in recovery_tokens(user)


def test_required_without_an_authenticator_is_refused_until_it_is_set_up(world: World) -> None:
    municipality_update(
        by=world.users["admin"],
        municipality=world.municipality,
        level0_deadline_days=14,
        require_second_factor=True,
    )
    user = world.users["participant"]
    assert otp_errors(token_login(user.username)) == [str(MSG_ENROL_FIRST)]
    give_authenticator(user)
    assert token_login(user.username, otp=fresh_code(user)).status_code == 200


def test_a_wrong_password_says_nothing_about_the_second_factor(world: World) -> None:
    user = world.users["stafettholder"]
    give_authenticator(user)
    response = Client().post(
        reverse("api:token"),
        {"username": user.username, "password": "feil-passord", "otp": "123456"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "otp" not in response.json()["errors"]
