"""The counterpart's HTTP server: the register's endpoints the client uses, a token service, and
a control door for tests (stdlib only; it runs beside Laget, not inside it).

- POST /token: the JWT-bearer grant (RFC 7523). The assertion must be signed with the key of the
  configured certificate and name the configured client (iss), audience (aud) and scope, live at
  most 120 s, and carry a jti not seen before; otherwise 400 with the OAuth error
  (invalid_request, unsupported_grant_type, invalid_grant, invalid_scope).
- {base}/v1/personer/{id}, {base}/v1/personer/bulkoppslag, {base}/v1/hendelser/feed,
  {base}/v1/hendelser/siste/sekvensnummer: as the OpenAPI file describes them, for a bearer
  token this service issued (401 without one, 403 without the register's scope).
- /_control/health, /_control/stats (GET); /_control/fail, /_control/advance, /_control/reset
  (POST, JSON): answer the next N register (or token) calls with 429 or 503 (with Retry-After
  in ms) or not at all for a while (status 0, stall_ms), make
  the next scripted change (a new feed event), start again.
"""

import json
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from laget.folkeregister.auth import GRANT_TYPE
from laget.folkeregister.counterpart.documents import (
    UnknownPart,
    bulk_answer,
    feed_page,
    person_document,
)
from laget.folkeregister.counterpart.extra import world_with
from laget.folkeregister.counterpart.population import CHANGES, World

BASE_PATH = "/folkeregisteret/offentlig-med-hjemmel/api"
TOKEN_PATH = "/token"
SCOPE = "folkeregister:deling/offentligmedhjemmel"
MAX_ASSERTION_SECONDS = 120
BULK_MAX = 1000
ALGORITHMS = ["RS256", "RS384", "RS512"]


@dataclass
class Options:
    certificate_pem: bytes
    client_id: str
    audience: str
    applied: int | None = None
    token_seconds: int = 120
    page_size: int = 1000
    # An extra population document (counterpart/extra.py), e.g. the demo's story families.
    extra: dict[str, Any] | None = None


def public_key(pem: bytes) -> Any:
    """The key of a PEM certificate, or a PEM public key as it is."""
    if b"CERTIFICATE" in pem:
        return x509.load_pem_x509_certificate(pem).public_key()
    return serialization.load_pem_public_key(pem)


@dataclass
class State:
    options: Options
    world: World = field(init=False)
    applied: int = field(init=False)
    tokens: dict[str, tuple[float, str]] = field(default_factory=dict)
    seen_jti: set[str] = field(default_factory=set)
    # The next answers to give instead, per target ("api", "token"): (status, retry_after_ms),
    # or (0, milliseconds) for no answer at all within that time.
    failures: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        wanted = self.options.applied
        self.applied = len(CHANGES) if wanted is None else max(0, min(wanted, len(CHANGES)))
        self.world = world_with(self.applied, self.options.extra)
        self.tokens.clear()
        self.failures = {"api": [], "token": []}
        self.stats = {"token_grants": 0, "token_refusals": 0, "api_requests": 0}

    def advance(self, steps: int) -> int:
        """Make the next `steps` scripted changes; the feed's latest sequence number."""
        self.applied = max(0, min(self.applied + steps, len(CHANGES)))
        self.world = world_with(self.applied, self.options.extra)
        return len(self.world.events)


class OAuthError(Exception):
    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


def grant(state: State, form: dict[str, list[str]]) -> dict[str, Any]:
    """Check the grant; the token answer, or OAuthError."""
    options = state.options
    if form.get("grant_type", [""])[0] != GRANT_TYPE:
        raise OAuthError("unsupported_grant_type", "only the JWT-bearer grant is offered")
    assertion = form.get("assertion", [""])[0]
    if not assertion:
        raise OAuthError("invalid_request", "the assertion is missing")
    try:
        claims = jwt.decode(
            assertion,
            public_key(options.certificate_pem),
            algorithms=ALGORITHMS,
            audience=options.audience,
            issuer=options.client_id,
            options={"require": ["iss", "aud", "exp", "iat", "jti"]},
            leeway=10,
        )
    except jwt.InvalidTokenError as error:
        raise OAuthError("invalid_grant", f"the assertion is not accepted: {error}") from None
    if int(claims["exp"]) - int(claims["iat"]) > MAX_ASSERTION_SECONDS:
        raise OAuthError("invalid_grant", "the assertion lives longer than 120 seconds")
    scopes = str(claims.get("scope", "")).split()
    if not scopes or any(s != SCOPE for s in scopes):
        raise OAuthError("invalid_scope", "the client may not have that scope")
    with state.lock:
        if claims["jti"] in state.seen_jti:
            raise OAuthError("invalid_grant", "the assertion has been used before")
        state.seen_jti.add(str(claims["jti"]))
        token = secrets.token_urlsafe(32)
        state.tokens[token] = (time.time() + options.token_seconds, " ".join(scopes))
        state.stats["token_grants"] += 1
    return {
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": options.token_seconds,
        "scope": " ".join(scopes),
    }


def _error(status: int, message: str) -> dict[str, Any]:
    return {
        "httpStatus": status,
        "alvorlighetsgrad": "FEIL",
        "feilkode": f"FREG-{status}",
        "feilmelding": message,
    }


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "CounterpartServer"

    def setup(self) -> None:
        super().setup()
        # Headers and body are two writes: without this, Nagle's algorithm and the client's
        # delayed ACK hold each answer back some 40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: the tests read answers, not a log

    # --- answering ------------------------------------------------------------------------------

    def _send(
        self,
        status: int,
        body: Any = None,
        *,
        content_type: str = "application/json;charset=UTF-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        if body is None:
            data = b""
        elif isinstance(body, str):
            data = body.encode()
        else:
            data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        if data:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    # --- routing --------------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._route("GET")

    def do_POST(self) -> None:
        self._route("POST")

    def _route(self, method: str) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query, keep_blank_values=True)
        body = self._body() if method == "POST" else b""
        state = self.server.state
        if url.path.startswith("/_control/"):
            self._control(method, url.path.removeprefix("/_control/"), body)
        elif url.path == TOKEN_PATH and method == "POST":
            if self._failed("token"):
                return
            try:
                answer = grant(state, parse_qs(body.decode(errors="replace")))
            except OAuthError as error:
                with state.lock:
                    state.stats["token_refusals"] += 1
                self._send(400, {"error": error.error, "error_description": error.description})
            else:
                self._send(200, answer)
        elif url.path.startswith(BASE_PATH + "/v1/"):
            self._api(method, url.path.removeprefix(BASE_PATH), query, body)
        else:
            self._send(404, _error(404, "ukjent adresse"))

    def _control(self, method: str, action: str, body: bytes) -> None:
        state = self.server.state
        data = json.loads(body or b"{}") if method == "POST" else {}
        with state.lock:
            if method == "GET" and action == "health":
                self._send(200, {"ok": True})
            elif method == "GET" and action == "stats":
                self._send(200, {**state.stats, "latest_sequence": len(state.world.events)})
            elif method == "POST" and action == "fail":
                target = state.failures[str(data.get("target", "api"))]
                status = int(data.get("status", 503))
                wait = int(data.get("stall_ms" if status == 0 else "retry_after_ms", 0))
                pending = (status, wait)
                target.extend([pending] * int(data.get("count", 1)))
                self._send(200, {"pending": len(target)})
            elif method == "POST" and action == "advance":
                self._send(200, {"latest_sequence": state.advance(int(data.get("steps", 1)))})
            elif method == "POST" and action == "reset":
                state.reset()
                self._send(200, {"latest_sequence": len(state.world.events)})
            else:
                self._send(404, {"error": "unknown control"})

    def _failed(self, target: str) -> bool:
        """Answer with the next failure asked for on `target`, if there is one."""
        state = self.server.state
        with state.lock:
            pending = state.failures[target]
            failure = pending.pop(0) if pending else None
        if failure is None:
            return False
        status, retry_after_ms = failure
        if status == 0:
            # A register that hangs: the client's read time limit must end the wait.
            time.sleep(retry_after_ms / 1000)
            self.close_connection = True
            return True
        headers = {"Retry-After": str(retry_after_ms)} if retry_after_ms else {}
        self._send(status, None, headers=headers)
        return True

    def _authorised(self) -> bool:
        state = self.server.state
        header = self.headers.get("Authorization", "")
        token = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
        with state.lock:
            kept = state.tokens.get(token)
        if kept is None or kept[0] < time.time():
            self._send(401, _error(401, "Autentisering feiler."))
            return False
        if SCOPE not in kept[1].split():
            self._send(403, _error(403, "Ugyldig tilgang."))
            return False
        return True

    def _api(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> None:
        state = self.server.state
        with state.lock:
            state.stats["api_requests"] += 1
            world = state.world
        if self._failed("api"):
            return
        if not self._authorised():
            return
        parts = query.get("part", [])
        try:
            if method == "GET" and path == "/v1/hendelser/siste/sekvensnummer":
                self._send(200, str(len(world.events)), content_type="text/plain;charset=UTF-8")
            elif method == "GET" and path == "/v1/hendelser/feed":
                raw = query.get("seq", [""])[0]
                if not raw.isdigit():
                    self._send(400)
                    return
                self._send(200, feed_page(world, int(raw), state.options.page_size))
            elif method == "POST" and path == "/v1/personer/bulkoppslag":
                wanted = self._bulk_ids(body)
                if wanted is None:
                    self._send(400)
                    return
                self._send(200, bulk_answer(world, wanted, parts))
            elif method == "GET" and path.startswith("/v1/personer/"):
                identifier = path.removeprefix("/v1/personer/")
                if len(identifier) != 11 or not identifier.isdigit():
                    self._send(400)
                    return
                person = world.find(identifier)
                if person is None:
                    self._send(404)
                    return
                self._send(200, person_document(world, person, parts))
            else:
                self._send(404, _error(404, "ukjent adresse"))
        except UnknownPart:
            self._send(400)

    def _bulk_ids(self, body: bytes) -> list[str] | None:
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            return None
        try:
            data = json.loads(body)
        except ValueError:
            return None
        ids = data.get("foedselsEllerDNummer") if isinstance(data, dict) else None
        if not isinstance(ids, list) or not ids or len(ids) > BULK_MAX:
            return None
        if not all(isinstance(i, str) and len(i) == 11 and i.isdigit() for i in ids):
            return None
        return ids


class CounterpartServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], state: State) -> None:
        super().__init__(address, Handler)
        self.state = state
