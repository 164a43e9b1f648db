"""What Laget's OpenID Connect logins share, the family portal's and the staff's: the provider's
discovery document, the signing key of a provider that names none, and the checks of an ID
token beyond mozilla-django-oidc's own (signature, nonce, expiry): issuer, audience and level
of assurance (acr)."""

import threading
import time
from typing import Any

import jwt
import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

DISCOVERY_SECONDS = 3600
_discovered: dict[str, tuple[float, dict[str, Any]]] = {}
_lock = threading.Lock()


def discovery(issuer: str, *, timeout: int) -> dict[str, Any]:
    """The issuer's OpenID configuration, fetched once an hour."""
    issuer = issuer.rstrip("/")
    with _lock:
        cached = _discovered.get(issuer)
        if cached and time.monotonic() - cached[0] < DISCOVERY_SECONDS:
            return cached[1]
    response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=timeout)
    response.raise_for_status()
    document: dict[str, Any] = response.json()
    if str(document.get("issuer", "")).rstrip("/") != issuer:
        raise ImproperlyConfigured("the OpenID provider's discovery names another issuer")
    with _lock:
        _discovered[issuer] = (time.monotonic(), document)
    return document


def single_signing_key(jwks_endpoint: str, token: str, *, timeout: int) -> jwt.PyJWK:
    """A provider with a single signing key may leave the key id out; then that key it is."""
    header = jwt.get_unverified_header(token)
    response = requests.get(jwks_endpoint, timeout=timeout)
    response.raise_for_status()
    keys = [
        k
        for k in response.json().get("keys", [])
        if k.get("use", "sig") == "sig" and k.get("alg", header.get("alg")) == header.get("alg")
    ]
    if len(keys) != 1:
        raise SuspiciousOperation("cannot tell which key signed the ID token")
    return jwt.PyJWK(keys[0])


def check_id_token(
    payload: dict[str, Any], *, issuer: str, client_id: str, acr_values: list[str]
) -> None:
    """The token comes from the configured issuer, is meant for this client, and vouches for
    one of the required levels of assurance (when any are required)."""
    issuer = issuer.rstrip("/")
    if issuer and str(payload.get("iss", "")).rstrip("/") != issuer:
        raise SuspiciousOperation("the ID token comes from another issuer")
    audience = payload.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if client_id not in audiences:
        raise SuspiciousOperation("the ID token is meant for another client")
    if acr_values and payload.get("acr") not in acr_values:
        raise SuspiciousOperation("the login's level of assurance is too low")


class CheckedIdTokenBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with the checks above: a key without a key id, and the
    ID token's issuer, audience and acr. Subclasses say which issuer and levels they want."""

    def expected_issuer(self) -> str:
        raise NotImplementedError

    def required_acr_values(self) -> list[str]:
        raise NotImplementedError

    def retrieve_matching_jwk(self, token: str) -> Any:
        if "kid" in jwt.get_unverified_header(token):
            return super().retrieve_matching_jwk(token)
        return single_signing_key(self.OIDC_OP_JWKS_ENDPOINT, token, timeout=settings.OIDC_TIMEOUT)

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        check_id_token(
            payload,
            issuer=self.expected_issuer(),
            client_id=self.OIDC_RP_CLIENT_ID,
            acr_values=self.required_acr_values(),
        )
        return payload
