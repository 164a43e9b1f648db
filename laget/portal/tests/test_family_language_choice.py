"""Each family member chooses the family side's language; it is remembered on their user and
comes back at their next login; staff pages stay in bokmål or English; Arabic is right to
left."""

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from laget.accounts.models import User
from laget.people.language import member_language
from laget.portal.tests.test_pages import case_url
from laget.testing.family import Family

pytestmark = pytest.mark.django_db

PORTAL_BACKEND = "laget.portal.oidc.PortalOIDCBackend"


def choose(client: Client, code: str, next_url: str = "") -> str:
    response = client.post(reverse("portal:language"), {"language": code, "next": next_url})
    assert response.status_code == 302
    return str(response["Location"])


def html_tag(client: Client, url: str) -> str:
    body = client.get(url).content.decode()
    return body[body.index("<html") : body.index(">", body.index("<html")) + 1]


def test_a_member_chooses_a_language_and_it_is_remembered(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    client = client_as("own_guardian")
    assert choose(client, "ar", case_url(family)) == case_url(family)
    assert User.objects.get(pk=family.users["own_guardian"].pk).language == "ar"
    assert html_tag(client, case_url(family)) == '<html lang="ar" dir="rtl">'
    response = client.get(case_url(family))
    assert response["Content-Language"] == "ar"


def test_the_choice_comes_back_at_the_next_login_on_another_device(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    choose(client_as("own_guardian"), "pl")
    # A new browser (no cookie), and a new login, which reads the user afresh.
    other_device = Client()
    other_device.force_login(
        User.objects.get(pk=family.users["own_guardian"].pk), backend=PORTAL_BACKEND
    )
    assert html_tag(other_device, case_url(family)) == '<html lang="pl" dir="ltr">'


def test_each_member_has_their_own_language(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    choose(client_as("own_guardian"), "so")
    teen = client_as("child_over")
    assert html_tag(teen, reverse("portal:home")) == '<html lang="nb" dir="ltr">'
    choose(teen, "uk")
    assert html_tag(teen, reverse("portal:home")) == '<html lang="uk" dir="ltr">'
    assert User.objects.get(pk=family.users["own_guardian"].pk).language == "so"


def test_an_unknown_language_is_bokmal_and_a_foreign_address_is_not_followed(
    family: Family, client_as: Callable[[str], Client]
) -> None:
    client = client_as("own_guardian")
    assert choose(client, "xx", "https://example.invalid/") == reverse("portal:home")
    assert html_tag(client, reverse("portal:home")) == '<html lang="nb" dir="ltr">'


def test_the_login_page_has_the_switch_for_anyone(client: Client) -> None:
    choose(client, "ti", reverse("portal:login"))
    assert html_tag(client, reverse("portal:login")) == '<html lang="ti" dir="ltr">'
    body = client.get(reverse("portal:login")).content.decode()
    for code in ("nb", "nn", "en", "se", "ar", "so", "pl", "uk", "ti", "lt"):
        assert f'<option value="{code}" lang="{code}"' in body


def test_staff_pages_stay_in_bokmal_or_english(client_for: Callable[[str], Client]) -> None:
    client = client_for("stafettholder")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    assert client.get(reverse("cases:my_cases"))["Content-Language"] == "nb"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get(reverse("cases:my_cases"))["Content-Language"] == "en"


def test_member_language_is_their_choice_then_what_staff_recorded_then_bokmal(
    family: Family,
) -> None:
    user = User.objects.get(pk=family.users["own_guardian"].pk)
    guardian = user.guardianships.get(subject=family.case.subject)
    assert member_language(guardian) == "nb"
    guardian.language = "se"
    assert member_language(guardian) == "se"
    user.language = "lt"
    guardian.user = user
    assert member_language(guardian) == "lt"
    user.language = "zz"
    guardian.language = ""
    assert member_language(guardian) == "nb"
