"""A staff user's authenticator (TOTP, django-otp) and recovery codes: setting up, checking a
code, removing. Wrong codes are limited by django-otp's throttle on each device: after n
failures in a row the next try is refused for 2^(n-1) seconds, whatever session it comes from.
"""

import enum
from base64 import b32encode
from dataclasses import dataclass

import segno
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from laget.accounts.models import User

RECOVERY_CODES = 10
# django-otp's default; recovery codes are 8 characters, so the length tells them apart.
TOTP_DIGITS = 6
TOTP_NAME = "Autentiseringsapp"
# Where laget/signin/second_factor.py keeps what it read about a user for the request.
FACTS_CACHE = "_laget_second_factor"
RECOVERY_NAME = "Gjenopprettingskoder"


class Verdict(enum.StrEnum):
    TOTP = "totp"  # the authenticator's code
    RECOVERY = "recovery"  # a recovery code, now used up
    WRONG = "wrong"
    WAIT = "wait"  # too many wrong codes just now: the device refuses to check for a while


def forget(user: User) -> None:
    """After an authenticator was added or removed: the rule reads the database again."""
    if hasattr(user, FACTS_CACHE):
        delattr(user, FACTS_CACHE)


def normalised(code: str) -> str:
    """Codes as people type them: spaces and hyphens left out, any case."""
    return "".join(code.split()).replace("-", "").lower()


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def check_code(*, user: User, code: str) -> Verdict:
    """A six-digit code is checked against the authenticator, anything else against the
    recovery codes (a recovery code that fits is deleted). Rows are locked while checked, so
    two requests cannot use one code twice."""
    code = normalised(code)
    if not code:
        return Verdict.WRONG
    is_totp = code.isdigit() and len(code) == TOTP_DIGITS
    model: type[TOTPDevice] | type[StaticDevice] = TOTPDevice if is_totp else StaticDevice
    devices = model.objects.filter(user=user, confirmed=True).select_for_update()
    for device in devices:
        if not device.verify_is_allowed()[0]:
            return Verdict.WAIT
        if device.verify_token(code):
            return Verdict.TOTP if is_totp else Verdict.RECOVERY
    return Verdict.WRONG


def authenticator_to_confirm(user: User) -> TOTPDevice:
    """The authenticator being set up: the same secret until it is confirmed, so a page
    reloaded after the app scanned it still fits."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as an inline SVG QR code: drawn here, no outside request, no
    inline style (the CSP forbids it)."""
    qr = segno.make(device.config_url, error="m")
    return str(qr.svg_inline(scale=4, dark="#000", light="#fff", omitsize=False))


@transaction.atomic
def authenticator_confirm(*, user: User, code: str) -> list[str] | None:
    """Confirm the authenticator being set up with a code from it; it replaces any earlier
    one, and a new set of recovery codes replaces the old. Returns the recovery codes (shown
    once, never again), or None when the code does not fit."""
    device = (
        TOTPDevice.objects.filter(user=user, confirmed=False)
        .select_for_update()
        .order_by("-pk")
        .first()
    )
    if device is None or not device.verify_token(normalised(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=c) for c in codes)
    forget(user)
    return [f"{c[:4]}-{c[4:]}" for c in codes]


@transaction.atomic
def second_factor_remove(*, user: User) -> None:
    """The authenticator and the recovery codes go; the caller has checked a code first."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    forget(user)


@dataclass(frozen=True)
class Enrolment:
    secret: str
    qr: str


def enrolment(user: User) -> Enrolment:
    device = authenticator_to_confirm(user)
    return Enrolment(secret=secret_text(device), qr=qr_svg(device))
