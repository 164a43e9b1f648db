"""Staff sign-in through the municipality's identity provider (Entra ID, ID-porten, HelseID) by
OpenID Connect, on mozilla-django-oidc, with a client of its own (LAGET_STAFF_OIDC_*), apart
from the family portal's (OIDC_*, laget/portal/oidc.py).

The library runs the authorization code flow with state, nonce and PKCE and checks the ID
token's signature. Here: the ID token's issuer, audience and level of assurance (acr) are
checked (laget/lib/oidc.py), and the configured claim (LAGET_STAFF_OIDC_CLAIM) is matched to
an existing, active staff user (LAGET_STAFF_OIDC_USER_FIELD). Nobody is created: a person the
provider vouches for but who is no staff user in Laget gets no user and no session.
"""

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils.translation import gettext as _
from mozilla_django_oidc.utils import import_from_settings

from laget.accounts.models import User
from laget.lib.oidc import CheckedIdTokenBackend, discovery
from laget.orgs.models import Membership

logger = logging.getLogger(__name__)

BACKEND = "laget.signin.oidc.StaffOIDCBackend"

# mozilla-django-oidc's setting → the staff client's own.
OWN = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "LAGET_STAFF_OIDC_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT": "LAGET_STAFF_OIDC_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT": "LAGET_STAFF_OIDC_USERINFO_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT": "LAGET_STAFF_OIDC_JWKS_ENDPOINT",
    "OIDC_RP_CLIENT_ID": "LAGET_STAFF_OIDC_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET": "LAGET_STAFF_OIDC_CLIENT_SECRET",
    "OIDC_RP_SCOPES": "LAGET_STAFF_OIDC_SCOPES",
    "OIDC_RP_SIGN_ALGO": "LAGET_STAFF_OIDC_SIGN_ALGO",
    "OIDC_TOKEN_USE_BASIC_AUTH": "LAGET_STAFF_OIDC_TOKEN_BASIC_AUTH",
}
# Not configurable for staff: where the provider answers, and what the library keeps.
FIXED: dict[str, Any] = {
    "OIDC_AUTHENTICATION_CALLBACK_URL": "login_oidc_callback",
    "OIDC_USE_NONCE": True,
    "OIDC_USE_PKCE": True,
    "OIDC_STORE_ACCESS_TOKEN": False,
    "OIDC_STORE_ID_TOKEN": False,
    "OIDC_CREATE_USER": False,
    "OIDC_RP_IDP_SIGN_KEY": None,
}
# Endpoints left empty are read from the issuer's discovery document.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
USER_FIELDS = {"username": "username", "email": "email__iexact"}


class NotStaff(Exception):
    """The provider vouched for a person who is no active staff user in Laget."""


def staff_setting(attr: str, *default: Any) -> Any:
    """A setting for mozilla-django-oidc, read from the staff client's configuration."""
    if attr in FIXED:
        return FIXED[attr]
    if attr not in OWN:
        return import_from_settings(attr, *default)
    value = getattr(settings, OWN[attr])
    if attr in DISCOVERED and not value and settings.LAGET_STAFF_OIDC_ISSUER:
        document = discovery(settings.LAGET_STAFF_OIDC_ISSUER, timeout=settings.OIDC_TIMEOUT)
        value = document.get(DISCOVERED[attr], "")
    return value


def is_configured() -> bool:
    return bool(
        settings.LAGET_STAFF_OIDC_CLIENT_ID
        and (settings.LAGET_STAFF_OIDC_ISSUER or settings.LAGET_STAFF_OIDC_AUTHORIZATION_ENDPOINT)
    )


def provider_name() -> str:
    return settings.LAGET_STAFF_OIDC_NAME or _("kommunens innlogging")


def acr_values() -> list[str]:
    return settings.LAGET_STAFF_OIDC_ACR_VALUES.split()


def staff_user_for(value: str) -> User | None:
    """The one active user with an effective staff membership whose configured field holds
    the claim's value; None for anyone else (a family member of the portal included)."""
    lookup = USER_FIELDS[settings.LAGET_STAFF_OIDC_USER_FIELD]
    users = list(
        User.objects.filter(**{lookup: value}, is_active=True).filter(
            Exists(Membership.objects.effective().filter(user=OuterRef("pk")))
        )[:2]
    )
    return users[0] if len(users) == 1 else None


class StaffOIDCBackend(CheckedIdTokenBackend):
    """Signs a staff user in from the provider's answer. Listed in AUTHENTICATION_BACKENDS so
    that its sessions find their user; it signs no one in through auth.authenticate() (the
    portal's callback and password logins call that): only the staff callback calls sign_in."""

    get_settings = staticmethod(staff_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Django builds every backend for every login; endpoints are read only when used.
        self.UserModel = get_user_model()

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> None:
        return None

    def sign_in(self, request: HttpRequest, *, nonce: str, code_verifier: str | None) -> User:
        """Exchange the callback's code for tokens, check them, find the staff user. Raises
        NotStaff, SuspiciousOperation (a token that fails a check) or requests' errors."""
        get = self.get_settings
        self.OIDC_OP_TOKEN_ENDPOINT = get("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = get("OIDC_OP_USER_ENDPOINT")
        self.OIDC_OP_JWKS_ENDPOINT = get("OIDC_OP_JWKS_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = get("OIDC_RP_CLIENT_ID")
        self.OIDC_RP_CLIENT_SECRET = get("OIDC_RP_CLIENT_SECRET")
        self.OIDC_RP_SIGN_ALGO = get("OIDC_RP_SIGN_ALGO")
        self.OIDC_RP_IDP_SIGN_KEY = get("OIDC_RP_IDP_SIGN_KEY")
        user: User | None = super().authenticate(request, nonce=nonce, code_verifier=code_verifier)
        if user is None:
            # The library returns nothing when the token exchange gave no usable token.
            raise SuspiciousOperation("the provider's answer could not be used")
        return user

    def expected_issuer(self) -> str:
        return str(settings.LAGET_STAFF_OIDC_ISSUER)

    def required_acr_values(self) -> list[str]:
        return acr_values()

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        claim = settings.LAGET_STAFF_OIDC_CLAIM
        claims = payload
        if claim not in claims:
            claims = self.get_userinfo(access_token, id_token, payload)
            if claims.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("the userinfo answer is about someone else")
        value = claims.get(claim)
        if not isinstance(value, str) or not value.strip():
            raise SuspiciousOperation("the provider sent no value for the configured claim")
        if claim == "email" and claims.get("email_verified") is False:
            raise NotStaff("the provider has not verified the e-mail address")
        user = staff_user_for(value.strip())
        if user is None:
            raise NotStaff("no active staff user has that value")
        return user

    def get_user(self, user_id: int) -> User | None:
        # Django's own rule: an inactive user's session ends.
        user = ModelBackend().get_user(user_id)
        return user if isinstance(user, User) else None
