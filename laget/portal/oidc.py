"""OpenID Connect login for the family portal (ID-porten in production), on mozilla-django-oidc.

The library runs the authorization code flow with state, nonce and PKCE. Here: the provider's
endpoints come from settings or from the issuer's discovery document; the ID token's issuer,
audience and (when asked for) level of assurance are checked (laget/lib/oidc.py, shared with
the staff's sign-in); and the national identity number in the `pid` claim
(settings.LAGET_OIDC_PID_CLAIM) is matched to a guardian or to the child from the age limit. A person Laget knows nothing about gets no user and no session.
"""

import logging
from typing import Any

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import HttpRequest
from mozilla_django_oidc.utils import import_from_settings

from laget.accounts.models import User
from laget.lib.oidc import CheckedIdTokenBackend, discovery
from laget.people.national_id import parse_national_id
from laget.portal.services import portal_user_for_pid

logger = logging.getLogger(__name__)

# Settings that, left empty, are read from the issuer's discovery document.
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "LAGET_OIDC_END_SESSION_ENDPOINT": "end_session_endpoint",
}
# Set on the request when the provider vouched for a person Laget has no case for.
UNKNOWN_PERSON = "laget_portal_unknown_person"


def oidc_setting(attr: str, *default: Any) -> Any:
    """A setting for mozilla-django-oidc; empty endpoints are taken from discovery."""
    value = import_from_settings(attr, *default)
    if attr in DISCOVERED and not value and settings.LAGET_OIDC_ISSUER:
        document = discovery(settings.LAGET_OIDC_ISSUER, timeout=settings.OIDC_TIMEOUT)
        value = document.get(DISCOVERED[attr], "")
    return value


def is_configured() -> bool:
    return bool(
        settings.OIDC_RP_CLIENT_ID
        and (settings.LAGET_OIDC_ISSUER or settings.OIDC_OP_AUTHORIZATION_ENDPOINT)
    )


def pid_from(claims: dict[str, Any]) -> str:
    """The national identity number the provider vouches for, checked like any other."""
    raw = claims.get(settings.LAGET_OIDC_PID_CLAIM)
    if not isinstance(raw, str):
        raise SuspiciousOperation("the ID token has no national identity number")
    try:
        return parse_national_id(raw).value
    except ValidationError:
        raise SuspiciousOperation("the ID token's national identity number is not valid") from None


class PortalOIDCBackend(CheckedIdTokenBackend):
    """Turns the provider's answer into the portal user of a guardian or of the child."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Django builds every backend for every login, the staff's password logins too; the
        # provider's endpoints (perhaps a discovery request) are read only for an OIDC login.
        self.UserModel = get_user_model()

    def _load_settings(self) -> None:
        get = self.get_settings
        self.OIDC_OP_TOKEN_ENDPOINT = get("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = get("OIDC_OP_USER_ENDPOINT")
        self.OIDC_OP_JWKS_ENDPOINT = get("OIDC_OP_JWKS_ENDPOINT", None)
        self.OIDC_RP_CLIENT_ID = get("OIDC_RP_CLIENT_ID")
        self.OIDC_RP_CLIENT_SECRET = get("OIDC_RP_CLIENT_SECRET")
        self.OIDC_RP_SIGN_ALGO = get("OIDC_RP_SIGN_ALGO", "RS256")
        self.OIDC_RP_IDP_SIGN_KEY = get("OIDC_RP_IDP_SIGN_KEY", None)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only the callback view passes a nonce; password logins pass username and password.
        if request is None or "nonce" not in kwargs:
            return None
        try:
            self._load_settings()
            user: User | None = super().authenticate(request, **kwargs)
        except requests.RequestException as error:
            # The provider refused the code or could not be reached: a failed login, not a crash.
            logger.warning("OpenID login failed at the provider: %s", type(error).__name__)
            return None
        return user

    def expected_issuer(self) -> str:
        return str(settings.LAGET_OIDC_ISSUER)

    def required_acr_values(self) -> list[str]:
        return list(settings.LAGET_OIDC_ACR_VALUES.split())

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        # The signed ID token carries the pid at ID-porten; ask userinfo only when it does not.
        claims = payload
        if settings.LAGET_OIDC_PID_CLAIM not in claims:
            claims = self.get_userinfo(access_token, id_token, payload)
        user = portal_user_for_pid(pid_from(claims))
        if user is None:
            setattr(self.request, UNKNOWN_PERSON, True)
        return user

    def get_user(self, user_id: int) -> User | None:
        # Django's own rule: an inactive user's session ends.
        user = ModelBackend().get_user(user_id)
        return user if isinstance(user, User) else None
