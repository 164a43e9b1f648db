"""The second factor in the browser: setting up an authenticator, signing in with its code or a
recovery code, wrong codes limited, and the municipality's requirement."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from laget.orgs.models import Membership
from laget.orgs.services import municipality_update
from laget.signin.forms import MSG_TOO_MANY, MSG_WRONG_CODE
from laget.signin.second_factor import MSG_OTP_WAIT, PASSED
from laget.signin.tests.helpers import (
    code_for,
    fresh_code,
    give_authenticator,
    password_login,
    recovery_tokens,
    signed_in,
)
from laget.testing.world import World

pytestmark = pytest.mark.django_db

SESSION_USER = "_auth_user_id"
HOME = reverse("cases:my_cases")


def require(world: World) -> None:
    municipality_update(
        by=world.users["admin"],
        municipality=world.municipality,
        level0_deadline_days=world.municipality.level0_deadline_days,
        require_second_factor=True,
    )


def is_let_in(client: Client) -> bool:
    """The session reaches a staff page and the API as its user."""
    page = client.get(HOME)
    me = client.get(reverse("api:me"))
    assert (page.status_code == 200) == (me.status_code == 200), (page, me)
    return page.status_code == 200


# Setting up an authenticator


def test_setup_page_shows_the_secret_and_an_inline_qr_code(world: World) -> None:
    client = Client()
    client.force_login(world.users["stafettholder"])
    page = client.get(reverse("second_factor"))
    assert page.status_code == 200
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=world.users["stafettholder"])
    assert not device.confirmed
    secret = page.context["enrolment"].secret.replace(" ", "")
    assert secret and secret in html.replace(" ", "")
    # The QR code is drawn in the page: SVG, no image fetched from anywhere, no inline style.
    qr = re.search(r'<div class="qr"[^>]*>(.*?)</div>', html, re.S)
    assert qr and qr.group(1).startswith("<svg")
    assert "src=" not in qr.group(1) and "style=" not in qr.group(1)
    # Reloading shows the same secret, so an app that scanned it still fits.
    again = client.get(reverse("second_factor"))
    assert again.context["enrolment"].secret == page.context["enrolment"].secret


def test_confirming_with_a_code_shows_ten_recovery_codes_once(world: World) -> None:
    user = world.users["stafettholder"]
    client = Client()
    client.force_login(user)
    client.get(reverse("second_factor"))
    device = TOTPDevice.objects.get(user=user)
    done = client.post(reverse("second_factor"), {"code": code_for(device)})
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert {c.replace("-", "") for c in codes} == recovery_tokens(user)
    device.refresh_from_db()
    assert device.confirmed
    # Afterwards the page says the authenticator is on, and shows no code again.
    page = client.get(reverse("second_factor")).content.decode()
    assert "Tofaktorinnlogging er slått på" in page
    assert not any(c in page for c in codes)


def test_a_wrong_code_does_not_confirm(world: World) -> None:
    user = world.users["stafettholder"]
    client = Client()
    client.force_login(user)
    client.get(reverse("second_factor"))
    device = TOTPDevice.objects.get(user=user)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    page = client.post(reverse("second_factor"), {"code": wrong})
    assert page.status_code == 200
    assert str(MSG_WRONG_CODE) in page.context["form"].errors["code"]
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=user).exists()


# Signing in with the second factor


def test_without_an_authenticator_the_password_is_enough(world: World) -> None:
    client = Client()
    response = password_login(client, world.users["stafettholder"])
    assert response["Location"] == HOME
    assert is_let_in(client)


def test_with_an_authenticator_the_password_alone_reaches_nothing(world: World) -> None:
    user = world.users["stafettholder"]
    give_authenticator(user)
    client = Client()
    response = password_login(client, user, next_url=reverse("cases:case_detail", args=[1]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login_code"))
    assert "next=" in response["Location"]
    # Staff pages send it to the login, which sends it on to the code; the API answers 401.
    page = client.get(HOME)
    assert page["Location"].startswith(reverse("login"))
    assert client.get(page["Location"])["Location"].startswith(reverse("login_code"))
    assert client.get(reverse("api:me")).status_code in (401, 403)
    assert client.get(reverse("second_factor"))["Location"].startswith(reverse("login_code"))
    assert not is_let_in(client)


def test_the_code_signs_in_and_goes_on_to_next(world: World) -> None:
    user = world.users["stafettholder"]
    give_authenticator(user)
    client = Client()
    case_url = reverse("cases:case_detail", args=[world.case.pk])
    password_login(client, user, next_url=case_url)
    before = client.session.session_key
    response = client.post(reverse("login_code"), {"code": fresh_code(user), "next": case_url})
    assert response.status_code == 302
    assert response["Location"] == case_url
    assert client.session[PASSED] == "totp"
    # A new session key for the signed-in session.
    assert client.session.session_key != before
    assert is_let_in(client)


def test_a_recovery_code_signs_in_once(world: World) -> None:
    user = world.users["stafettholder"]
    codes = give_authenticator(user)
    first = Client()
    password_login(first, user)
    assert first.post(reverse("login_code"), {"code": codes[0].upper()})["Location"] == HOME
    assert first.session[PASSED] == "recovery"
    assert is_let_in(first)
    assert codes[0].replace("-", "") not in recovery_tokens(user)
    assert len(recovery_tokens(user)) == 9
    # The same code again: refused.
    StaticDevice.objects.filter(user=user).update(throttling_failure_count=0)
    second = Client()
    password_login(second, user)
    again = second.post(reverse("login_code"), {"code": codes[0]})
    assert again.status_code == 200
    assert str(MSG_WRONG_CODE) in again.context["form"].errors["code"]
    assert not is_let_in(second)


def test_after_a_wrong_code_even_the_right_one_waits(world: World) -> None:
    """django-otp's throttle: after n wrong codes in a row the device checks nothing for
    2^(n-1) seconds, whichever session asks."""
    user = world.users["stafettholder"]
    give_authenticator(user)
    client = Client()
    password_login(client, user)
    right = fresh_code(user)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    assert client.post(reverse("login_code"), {"code": wrong}).status_code == 200
    refused = client.post(reverse("login_code"), {"code": right})
    assert refused.status_code == 200
    assert str(MSG_OTP_WAIT) in refused.context["form"].errors["code"]
    other = Client()
    password_login(other, user)
    assert other.post(reverse("login_code"), {"code": right}).status_code == 200
    assert not is_let_in(client) and not is_let_in(other)
    # Once the wait is over, the right code works.
    TOTPDevice.objects.filter(user=user).update(
        throttling_failure_timestamp=timezone.now() - timedelta(hours=1)
    )
    assert client.post(reverse("login_code"), {"code": right})["Location"] == HOME


def test_five_wrong_codes_end_the_session(world: World) -> None:
    user = world.users["stafettholder"]
    give_authenticator(user)
    client = Client()
    password_login(client, user)
    wrong = f"{(int(fresh_code(user)) + 1) % 1_000_000:06d}"
    for _ in range(4):
        # Past the throttle's wait each time, so that each try counts.
        TOTPDevice.objects.filter(user=user).update(
            throttling_failure_timestamp=timezone.now() - timedelta(days=1)
        )
        assert client.post(reverse("login_code"), {"code": wrong}).status_code == 200
    TOTPDevice.objects.filter(user=user).update(
        throttling_failure_timestamp=timezone.now() - timedelta(days=1)
    )
    last = client.post(reverse("login_code"), {"code": wrong}, follow=True)
    assert last.redirect_chain[-1][0] == reverse("login")
    assert str(MSG_TOO_MANY) in last.content.decode()
    assert SESSION_USER not in client.session
    assert TOTPDevice.objects.get(user=user).throttling_failure_count == 5


def test_the_code_page_without_a_password_first_goes_to_the_login(world: World) -> None:
    assert Client().get(reverse("login_code"))["Location"] == reverse("login")
    signed_in = Client()
    signed_in.force_login(world.users["stafettholder"])
    assert signed_in.get(reverse("login_code"))["Location"] == HOME


# The municipality's requirement


def test_required_by_the_municipality_forces_setup_before_anything_else(world: World) -> None:
    require(world)
    user = world.users["participant"]
    client = Client()
    response = password_login(client, user)
    assert response["Location"].startswith(reverse("second_factor"))
    assert not is_let_in(client)
    assert client.get(reverse("login_code"))["Location"].startswith(reverse("second_factor"))
    setup = client.get(response["Location"])
    assert setup.status_code == 200
    assert "Kommunen din krever" in setup.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(response["Location"], {"code": code_for(device)})
    assert done.status_code == 200 and len(done.context["codes"]) == 10
    assert done.context["onward"] == HOME
    assert is_let_in(client)
    # The next sign-in asks for the code.
    later = Client()
    assert password_login(later, user)["Location"].startswith(reverse("login_code"))


def test_the_requirement_reaches_a_session_that_is_open_already(world: World) -> None:
    client = Client()
    password_login(client, world.users["participant"])
    assert is_let_in(client)
    require(world)
    assert not is_let_in(client)


def test_the_requirement_is_only_for_the_municipalitys_effective_staff(world: World) -> None:
    require(world)
    user = world.users["participant"]
    Membership.objects.filter(user=user).update(is_active=False)
    client = Client()
    assert password_login(client, user)["Location"] == HOME


@override_settings(LAGET_REQUIRE_SECOND_FACTOR=True)
def test_the_global_setting_requires_it_of_everyone(world: World) -> None:
    client = Client()
    assert password_login(client, world.users["coordinator"])["Location"].startswith(
        reverse("second_factor")
    )


def test_a_session_signed_in_by_the_identity_provider_is_not_asked(world: World) -> None:
    require(world)
    user = world.users["stafettholder"]
    give_authenticator(user)
    client = Client()
    client.force_login(user, backend="laget.signin.oidc.StaffOIDCBackend")
    assert is_let_in(client)


def test_the_admin_requires_it_on_the_municipality_settings_page(
    world: World, client_for: object
) -> None:
    client = client_for("admin")  # type: ignore[operator]
    url = reverse("orgs:municipality_settings", kwargs={"municipality_id": world.municipality.pk})
    form = client.get(url)
    assert "require_second_factor" in form.context["form"].fields
    response = client.post(url, {"level0_deadline_days": "14", "require_second_factor": "on"})
    assert response.status_code == 302
    world.municipality.refresh_from_db()
    assert world.municipality.require_second_factor
    # The admin's own password session now owes the setup too.
    assert not is_let_in(client)


# Removing the authenticator


def test_removing_takes_a_current_code(world: World) -> None:
    user = world.users["stafettholder"]
    give_authenticator(user)
    client = signed_in(user)
    assert "Tofaktorinnlogging er slått på" in client.get(reverse("second_factor")).content.decode()
    refused = client.post(reverse("second_factor_remove"), {"code": "000000"})
    assert refused.status_code == 200
    assert refused.context["form"].errors["code"]
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0)
    done = client.post(reverse("second_factor_remove"), {"code": fresh_code(user)})
    assert done["Location"] == reverse("second_factor")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    # A new one can be set up at once.
    assert client.get(reverse("second_factor")).context["enrolment"].secret
    assert password_login(Client(), user)["Location"] == HOME


def test_removing_without_an_authenticator_goes_to_the_setup(world: World) -> None:
    client = Client()
    client.force_login(world.users["stafettholder"])
    response = client.post(reverse("second_factor_remove"), {"code": "123456"})
    assert response["Location"] == reverse("second_factor")


def test_operations_remove_a_lost_authenticator_and_end_the_sessions(world: World) -> None:
    user = world.users["stafettholder"]
    give_authenticator(user)
    client = signed_in(user)
    out = StringIO()
    call_command("second_factor_reset", user.username, stdout=out)
    assert "Removed" in out.getvalue() and user.username not in out.getvalue()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert not is_let_in(client)
    assert password_login(Client(), user)["Location"] == HOME
