"""Does this sign-in need a second factor, and has this session given it: one rule for every door.

The sign-in pages (laget/signin/views), the middleware that keeps a session which owes its
second factor away from every page and from the API (laget/signin/middleware.py) and the API's
token login (laget/api/views/auth.py) all ask here.

A password sign-in needs a code when the user has an authenticator (a confirmed TOTP device),
and must set one up first when the user has none but one is required: everywhere
(LAGET_REQUIRE_SECOND_FACTOR) or by a municipality the user is effective staff of
(Municipality.require_second_factor). A sign-in through an identity provider (OpenID Connect)
is not asked: the provider's level of assurance (acr) covers it.
"""

import enum
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.db.models import Exists, OuterRef
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_stubs_ext import StrOrPromise
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from laget.accounts.models import User
from laget.orgs.models import Membership
from laget.signin.devices import FACTS_CACHE, Verdict, check_code

MSG_OTP_MISSING = _("Skriv inn koden fra autentiseringsappen (eller en gjenopprettingskode).")
MSG_OTP_WRONG = _("Koden stemmer ikke.")
MSG_OTP_WAIT = _("For mange feil koder på rad. Vent litt før du prøver igjen.")
MSG_ENROL_FIRST = _(
    "Kommunen din krever tofaktorinnlogging. Sett opp en autentiseringsapp ved å logge inn i "
    "nettleseren først."
)

# How this session gave its second factor ("totp" or "recovery"); absent: it has not.
PASSED = "laget_second_factor"


class Step(enum.StrEnum):
    """What a password sign-in still owes."""

    CODE = "code"  # the user has an authenticator: its code (or a recovery code)
    ENROL = "enrol"  # required, but no authenticator yet: set one up first


def _facts(user: User) -> tuple[bool, bool]:
    """(has an authenticator, a municipality of theirs requires one). One query; kept on the
    user object for the rest of the request."""
    cached: tuple[bool, bool] | None = getattr(user, FACTS_CACHE, None)
    if cached is None:
        row = (
            User.objects.filter(pk=user.pk)
            .annotate(
                has_device=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
                required=Exists(
                    Membership.objects.effective().filter(
                        user=OuterRef("pk"), municipality__require_second_factor=True
                    )
                ),
            )
            .values_list("has_device", "required")
            .first()
        )
        cached = row or (False, False)
        setattr(user, FACTS_CACHE, cached)
    return cached


def is_required(user: User) -> bool:
    """A password sign-in of this user must give a second factor, device or not."""
    return settings.LAGET_REQUIRE_SECOND_FACTOR or _facts(user)[1]


def required_step(user: User) -> Step | None:
    """What a password sign-in of this user needs beyond the password (None: nothing)."""
    if _facts(user)[0]:
        return Step.CODE
    if is_required(user):
        return Step.ENROL
    return None


@cache
def _is_provider_backend(path: str) -> bool:
    try:
        backend = import_string(path)
    except ImportError:
        return False
    return isinstance(backend, type) and issubclass(backend, OIDCAuthenticationBackend)


def signed_in_by_provider(session: SessionBase) -> bool:
    """The session's user was signed in by an identity provider (staff or family portal)."""
    path = session.get(BACKEND_SESSION_KEY)
    return isinstance(path, str) and _is_provider_backend(path)


def session_step(session: SessionBase, user: Any) -> Step | None:
    """What this session still owes before it counts as signed in (None: nothing)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if session.get(PASSED) or signed_in_by_provider(session):
        return None
    return required_step(user)


def mark_passed(session: SessionBase, how: str) -> None:
    """The session has given its second factor: a new session key for the new privilege."""
    session.cycle_key()
    session[PASSED] = how


def token_login_refusal(user: User, otp: str) -> StrOrPromise | None:
    """Why a token login (the API) of this user, whose password was right, is refused; None
    when it is not. The same rule as the browser's: a code when the user has an authenticator;
    setting one up (in the browser) first when it is required and there is none."""
    step = required_step(user)
    if step is None:
        return None
    if step is Step.ENROL:
        return MSG_ENROL_FIRST
    if not otp.strip():
        return MSG_OTP_MISSING
    verdict = check_code(user=user, code=otp)
    if verdict is Verdict.WAIT:
        return MSG_OTP_WAIT
    return MSG_OTP_WRONG if verdict is Verdict.WRONG else None
