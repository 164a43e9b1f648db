"""Authenticator codes computed the way an app on the phone does, and signing in by password."""

import time

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from laget.accounts.models import User
from laget.signin.devices import authenticator_confirm, authenticator_to_confirm
from laget.signin.second_factor import PASSED
from laget.testing.world import PASSWORD


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the app shows now (or that many time steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def fresh_code(user: User) -> str:
    """A code the user's confirmed authenticator takes now: each time step's code works once
    (django-otp keeps the last one used), so the record of it is cleared first."""
    TOTPDevice.objects.filter(user=user, confirmed=True).update(
        last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None
    )
    return code_for(TOTPDevice.objects.get(user=user, confirmed=True))


def give_authenticator(user: User) -> list[str]:
    """Set up an authenticator for the user, as the setup page does; returns the recovery
    codes."""
    device = authenticator_to_confirm(user)
    codes = authenticator_confirm(user=user, code=code_for(device))
    assert codes is not None
    return codes


def recovery_tokens(user: User) -> set[str]:
    return set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def password_login(client: Client, user: User, next_url: str = "") -> object:
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def signed_in(user: User) -> Client:
    """A client whose session gave the password and the code."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[PASSED] = "totp"
    session.save()
    return client
