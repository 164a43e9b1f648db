"""Access tokens for the register: the OAuth 2.0 JWT-bearer grant (RFC 7523), as Maskinporten
issues them for the real register.

Laget signs a short assertion (issuer = its client id, audience = the token service, the scope
asked for, a unique jti, two minutes at most) with the municipality's key, and the token service
answers with an access token for the scope. The certificate, when configured, goes along in the
assertion's x5c header (Maskinporten's way for an enterprise certificate); a key registered at
the token service is named with kid instead. The token is kept until shortly before it expires,
then a new one is fetched. PyJWT signs; httpx posts.
"""

import base64
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import jwt
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from laget.folkeregister.errors import RegisterRefused

GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer"
# Maskinporten accepts an assertion that lives at most 120 s; shorter is fine.
ASSERTION_SECONDS = 110
# A token is renewed this long before it expires, so that no call carries one that runs out
# on the way.
RENEW_BEFORE_SECONDS = 30


class TokenRefused(RegisterRefused):
    """The token service refused the grant (a bad signature, audience, scope or client). Not
    retried: the configuration is wrong, and trying again changes nothing."""

    def __init__(self, error: str, status: int) -> None:
        super().__init__("the token grant", status, error)
        self.error = error


@dataclass(frozen=True)
class Signer:
    """The municipality's private key and, optionally, its certificate (x5c) or a key id."""

    key_pem: bytes
    certificate_pem: bytes | None = None
    key_id: str | None = None
    algorithm: str = "RS256"

    @classmethod
    def from_files(cls, key_path: str, certificate_path: str = "", key_id: str = "") -> "Signer":
        return cls(
            key_pem=Path(key_path).read_bytes(),
            certificate_pem=Path(certificate_path).read_bytes() if certificate_path else None,
            key_id=key_id or None,
        )

    def headers(self) -> dict[str, object]:
        headers: dict[str, object] = {}
        if self.certificate_pem:
            der = x509.load_pem_x509_certificate(self.certificate_pem).public_bytes(
                serialization.Encoding.DER
            )
            headers["x5c"] = [base64.b64encode(der).decode()]
        if self.key_id:
            headers["kid"] = self.key_id
        return headers


class TokenSource:
    """Hands out a valid access token, fetching a new one only when the kept one runs out."""

    def __init__(
        self,
        *,
        token_url: str,
        client_id: str,
        audience: str,
        scope: str,
        signer: Signer,
        http: httpx.Client,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """`clock` tells when the kept token runs out (tests move it by hand)."""
        self.token_url = token_url
        self.client_id = client_id
        self.audience = audience
        self.scope = scope
        self.signer = signer
        self.http = http
        self.clock = clock
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock = threading.Lock()

    def assertion(self) -> str:
        # Real time, whatever clock the cache reads: the token service checks iat and exp.
        now = int(time.time())
        claims = {
            "iss": self.client_id,
            "aud": self.audience,
            "scope": self.scope,
            "iat": now,
            "exp": now + ASSERTION_SECONDS,
            "jti": str(uuid.uuid4()),
        }
        return jwt.encode(
            claims,
            self.signer.key_pem,
            algorithm=self.signer.algorithm,
            headers=self.signer.headers(),
        )

    def token(self) -> str:
        with self._lock:
            if self._token is None or self.clock() >= self._expires_at - RENEW_BEFORE_SECONDS:
                self._fetch()
            assert self._token is not None
            return self._token

    def forget(self) -> None:
        """Drop the kept token (the register said 401: it no longer takes it)."""
        with self._lock:
            self._token = None

    def _fetch(self) -> None:
        # Connection errors and timeouts propagate as httpx errors; the client retries them.
        answer = self.http.post(
            self.token_url,
            data={"grant_type": GRANT_TYPE, "assertion": self.assertion()},
            headers={"Accept": "application/json"},
        )
        if answer.status_code == 429 or answer.status_code >= 500:
            answer.raise_for_status()
        try:
            body = answer.json()
        except ValueError:
            body = {}
        if answer.status_code != 200 or not isinstance(body, dict) or "access_token" not in body:
            error = body.get("error", "unreadable answer") if isinstance(body, dict) else "?"
            raise TokenRefused(str(error), answer.status_code)
        self._token = str(body["access_token"])
        self._expires_at = self.clock() + float(body.get("expires_in", 0))
