"""The population register's client (Folkeregisteret, rights package "offentlig med hjemmel").

Four calls, as ../shared/schemas/folkeregisteret/offentlig-med-hjemmel-openapi.json describes
them: a person by national id or D-number, a set of persons (bulk lookup), the change feed from
a sequence number, and the feed's latest sequence number. The caller names the parts of a
person it needs (data minimisation); there is no default.

Every call has time limits. 429, 5xx, timeouts and lost connections are tried again after an
exponential back-off with a cap, never sooner than the register's Retry-After (milliseconds, as
the API describes it); when the attempts are spent, or the register asks for a longer wait than
the cap, `RegisterUnavailable`. Other 4xx are not retried: `PersonNotFound` for 404,
`RegisterRefused` for the rest. A 401 drops the kept token and tries once with a new one.

The log gets the kind of call, the status, the attempt and the time taken; never an identifier,
a name, an address or a URL (a person's URL holds the identifier).
"""

import datetime
import email.utils
import logging
import random
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from laget.folkeregister.auth import Signer, TokenSource
from laget.folkeregister.errors import (
    PersonNotFound,
    RegisterDataError,
    RegisterRefused,
    RegisterUnavailable,
)
from laget.folkeregister.facts import PARTS, FeedEvent, RegisterPerson
from laget.folkeregister.reading import feed_from_answer, person_from_document

logger = logging.getLogger(__name__)

# The register's bulk lookup takes at most this many identifiers a call (to be confirmed
# against the register's documentation; the OpenAPI file names no limit).
BULK_MAX = 1000
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RegisterConfig:
    base_url: str
    token_url: str
    client_id: str
    audience: str
    scope: str
    key_path: str
    certificate_path: str = ""
    key_id: str = ""
    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    max_attempts: int = 4
    backoff_base: float = 0.5
    backoff_cap: float = 8.0

    @classmethod
    def from_settings(cls) -> "RegisterConfig":
        config = cls(
            base_url=settings.LAGET_FOLKEREGISTER_URL,
            token_url=settings.LAGET_FOLKEREGISTER_TOKEN_URL,
            client_id=settings.LAGET_FOLKEREGISTER_CLIENT_ID,
            audience=settings.LAGET_FOLKEREGISTER_AUDIENCE,
            scope=settings.LAGET_FOLKEREGISTER_SCOPE,
            key_path=settings.LAGET_FOLKEREGISTER_KEY_PATH,
            certificate_path=settings.LAGET_FOLKEREGISTER_CERTIFICATE_PATH,
            key_id=settings.LAGET_FOLKEREGISTER_KEY_ID,
            connect_timeout=settings.LAGET_FOLKEREGISTER_CONNECT_TIMEOUT,
            read_timeout=settings.LAGET_FOLKEREGISTER_READ_TIMEOUT,
            max_attempts=settings.LAGET_FOLKEREGISTER_MAX_ATTEMPTS,
            backoff_base=settings.LAGET_FOLKEREGISTER_BACKOFF_MS / 1000,
            backoff_cap=settings.LAGET_FOLKEREGISTER_BACKOFF_CAP_MS / 1000,
        )
        missing = [
            name
            for name, value in [
                ("LAGET_FOLKEREGISTER_URL", config.base_url),
                ("LAGET_FOLKEREGISTER_TOKEN_URL", config.token_url),
                ("LAGET_FOLKEREGISTER_CLIENT_ID", config.client_id),
                ("LAGET_FOLKEREGISTER_AUDIENCE", config.audience),
                ("LAGET_FOLKEREGISTER_KEY_PATH", config.key_path),
            ]
            if not value
        ]
        if missing:
            raise ImproperlyConfigured(
                "the population register needs " + ", ".join(missing) + " (docs/FOLKEREGISTERET.md)"
            )
        return config


def retry_after_seconds(raw: str | None, now: float) -> float | None:
    """Retry-After as the register's API describes it (milliseconds), or an HTTP date."""
    if not raw:
        return None
    raw = raw.strip()
    if raw.isdigit():
        return int(raw) / 1000
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return max(0.0, when.timestamp() - now)


def _identifier(value: str) -> str:
    value = "".join(str(value).split())
    if len(value) != 11 or not value.isdigit():
        # No value in the message: it would reach a log.
        raise ValueError("a national id or D-number has 11 digits")
    return value


def _parts(parts: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(parts))
    if not chosen:
        raise ValueError("name the parts of the person you need (data minimisation)")
    unknown = [p for p in chosen if p not in PARTS]
    if unknown:
        raise ValueError(f"unknown register parts: {', '.join(unknown)}")
    return chosen


class RegisterClient:
    """One client per process (or per job); it keeps its connection pool and token."""

    def __init__(
        self,
        config: RegisterConfig,
        *,
        signer: Signer | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        jitter: Callable[[], float] = random.random,
        event_hooks: Mapping[str, list[Callable[..., Any]]] | None = None,
    ) -> None:
        self.config = config
        self.sleep = sleep
        self.clock = clock
        self.jitter = jitter
        self.http = httpx.Client(
            timeout=httpx.Timeout(
                config.read_timeout, connect=config.connect_timeout, pool=config.connect_timeout
            ),
            follow_redirects=False,
            event_hooks=dict(event_hooks or {}),
        )
        self.tokens = TokenSource(
            token_url=config.token_url,
            client_id=config.client_id,
            audience=config.audience,
            scope=config.scope,
            signer=signer
            or Signer.from_files(config.key_path, config.certificate_path, config.key_id),
            http=self.http,
            clock=clock,
        )

    @classmethod
    def from_settings(cls, **kwargs: Any) -> "RegisterClient":
        return cls(RegisterConfig.from_settings(), **kwargs)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> "RegisterClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the calls ------------------------------------------------------------------------------

    def person(self, identifier: str, *, parts: Iterable[str]) -> RegisterPerson:
        """A person by national id or D-number (a replaced D-number finds the person too: the
        answer's `id` is then the national id in use)."""
        chosen = _parts(parts)
        answer = self._call(
            "person",
            "GET",
            f"/v1/personer/{_identifier(identifier)}",
            params={"part": chosen},
            not_found=True,
        )
        return self._read("person", lambda: person_from_document(answer.json(), asked=chosen))

    def persons(
        self, identifiers: Iterable[str], *, parts: Iterable[str]
    ) -> dict[str, RegisterPerson | None]:
        """Several persons, in calls of at most BULK_MAX; None for an identifier the register
        does not know."""
        chosen = _parts(parts)
        wanted = list(dict.fromkeys(_identifier(i) for i in identifiers))
        found: dict[str, RegisterPerson | None] = dict.fromkeys(wanted)
        for start in range(0, len(wanted), BULK_MAX):
            batch = wanted[start : start + BULK_MAX]
            answer = self._call(
                "persons",
                "POST",
                "/v1/personer/bulkoppslag",
                params={"part": chosen},
                json={"foedselsEllerDNummer": batch},
            )
            body = self._read("persons", answer.json)
            entries = body.get("oppslag") if isinstance(body, dict) else None
            if not isinstance(entries, list):
                raise RegisterDataError("the bulk answer has no list of lookups")
            for entry in entries:
                asked_for = str(entry.get("foedselsEllerDNummer", ""))
                document = entry.get("folkeregisterperson")
                if asked_for in found and document:
                    found[asked_for] = self._person(document, chosen)
        return found

    def feed(self, from_sequence: int) -> list[FeedEvent]:
        """The feed's events from `from_sequence` (inclusive), one page (the register sends up
        to 1000); an empty list when nothing is newer."""
        answer = self._call("feed", "GET", "/v1/hendelser/feed", params={"seq": int(from_sequence)})
        body = self._read("feed", answer.json)
        if not isinstance(body, list):
            raise RegisterDataError("the feed is not a list")
        return self._read("feed", lambda: feed_from_answer(body))

    def latest_sequence(self) -> int:
        answer = self._call("latest_sequence", "GET", "/v1/hendelser/siste/sekvensnummer")
        text = answer.text.strip().strip('"')
        if not text.isdigit():
            raise RegisterDataError("the latest sequence number is not a number")
        return int(text)

    # --- the transport --------------------------------------------------------------------------

    def _person(self, document: Any, asked: list[str]) -> RegisterPerson:
        return self._read("persons", lambda: person_from_document(document, asked=asked))

    def _read(self, kind: str, read: Callable[[], Any]) -> Any:
        try:
            return read()
        except ValueError as error:  # json's errors and RegisterDataError
            logger.error("folkeregister %s: unreadable answer (%s)", kind, type(error).__name__)
            if isinstance(error, RegisterDataError):
                raise
            raise RegisterDataError("the register's answer is not JSON") from None

    def _delay(self, attempt: int, retry_after: float | None) -> float | None:
        """Seconds to wait before attempt `attempt + 1`, or None to give up."""
        if attempt >= self.config.max_attempts:
            return None
        backoff = min(self.config.backoff_cap, self.config.backoff_base * 2 ** (attempt - 1))
        backoff *= 0.5 + 0.5 * self.jitter()  # spread the retries of parallel workers
        if retry_after is not None:
            if retry_after > self.config.backoff_cap:
                return None  # the register asks for more patience than a call may take
            return max(backoff, retry_after)
        return backoff

    def _call(
        self,
        kind: str,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        not_found: bool = False,
    ) -> httpx.Response:
        url = self.config.base_url.rstrip("/") + path
        attempt = 0
        renewed = False
        while True:
            attempt += 1
            started = time.monotonic()
            retry_after: float | None = None
            try:
                token = self.tokens.token()
                answer = self.http.request(
                    method,
                    url,
                    params=params,
                    json=json,
                    headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
                )
            except httpx.HTTPStatusError as error:  # the token service: 429 or 5xx
                status = f"token service {error.response.status_code}"
                retry_after = retry_after_seconds(
                    error.response.headers.get("Retry-After"), self.clock()
                )
            except httpx.TransportError as error:  # timeouts, refused or lost connections
                status = type(error).__name__
            else:
                ms = (time.monotonic() - started) * 1000
                logger.info(
                    "folkeregister %s: %s in %.0f ms (attempt %d)",
                    kind,
                    answer.status_code,
                    ms,
                    attempt,
                )
                if answer.status_code == 200:
                    return answer
                if answer.status_code == 404 and not_found:
                    raise PersonNotFound("the register knows no person by that identifier")
                if answer.status_code == 401 and not renewed:
                    self.tokens.forget()
                    renewed = True
                    attempt -= 1  # a new token is not a retry
                    continue
                if answer.status_code not in RETRY_STATUSES:
                    raise RegisterRefused(kind, answer.status_code)
                status = str(answer.status_code)
                retry_after = retry_after_seconds(answer.headers.get("Retry-After"), self.clock())
            delay = self._delay(attempt, retry_after)
            if delay is None:
                logger.warning(
                    "folkeregister %s: %s, giving up after %d attempts", kind, status, attempt
                )
                raise RegisterUnavailable(kind, status)
            logger.warning(
                "folkeregister %s: %s (attempt %d), next try in %.2f s",
                kind,
                status,
                attempt,
                delay,
            )
            self.sleep(delay)
