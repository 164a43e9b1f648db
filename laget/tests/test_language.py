"""Bokmål by default, whatever the browser says; English when the user picks it."""

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_browser_in_english_still_gets_bokmal() -> None:
    response = Client().get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nb"
    assert "Logg inn" in response.content.decode()


def test_language_switch_gives_english_for_the_next_pages(
    client_for: Callable[[str], Client],
) -> None:
    client = client_for("stafettholder")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    response = client.get(reverse("cases:my_cases"))
    assert response["Content-Language"] == "en"
    assert "My cases" in response.content.decode()


def test_unknown_language_cookie_falls_back_to_bokmal() -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get(reverse("login"))["Content-Language"] == "nb"


def test_a_request_in_english_leaves_no_language_behind(
    client_for: Callable[[str], Client],
) -> None:
    from django.utils import translation

    client = client_for("stafettholder")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.get(reverse("cases:my_cases"))
    assert translation.get_language() == settings.LANGUAGE_CODE
