"""The counterpart as a real process on a free loopback port, and clients that talk to it.

The counterpart is started once per test session (per xdist worker) and put back to its start
(world, tokens, failures, counters) before each test. Clients never sleep: their back-off
waits are written down (`Recorder.sleeps`), and every request and answer is kept for the
contract checks."""

import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.conf import settings

from laget.folkeregister.auth import Signer
from laget.folkeregister.client import RegisterClient, RegisterConfig
from laget.folkeregister.counterpart.keys import make_key_pair
from laget.folkeregister.counterpart.server import BASE_PATH, TOKEN_PATH
from laget.testing.faults import wait_for

CLIENT_ID = "laget-test"


@dataclass
class Counterpart:
    origin: str
    audience: str
    key_pem: bytes
    certificate_pem: bytes
    control: httpx.Client

    @property
    def base_url(self) -> str:
        return self.origin + BASE_PATH

    @property
    def token_url(self) -> str:
        return self.origin + TOKEN_PATH

    def post(self, action: str, **data: Any) -> dict[str, Any]:
        answer = self.control.post(f"/_control/{action}", json=data)
        answer.raise_for_status()
        return dict(answer.json())

    def fail(self, status: int, count: int, retry_after_ms: int = 0, target: str = "api") -> None:
        """The next `count` requests to the register (or the token service) get `status`."""
        self.post("fail", status=status, count=count, retry_after_ms=retry_after_ms, target=target)

    def stats(self) -> dict[str, int]:
        return dict(self.control.get("/_control/stats").json())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answers(control: httpx.Client) -> bool:
    try:
        return control.get("/_control/health").status_code == 200
    except httpx.TransportError:
        return False


@pytest.fixture(scope="session")
def counterpart_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Counterpart]:
    folder = tmp_path_factory.mktemp("folkeregister")
    key_pem, certificate_pem = make_key_pair()
    (folder / "certificate.pem").write_bytes(certificate_pem)
    port = _free_port()
    origin = f"http://127.0.0.1:{port}"
    audience = f"{origin}/"
    log = (folder / "counterpart.log").open("wb")
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "laget.folkeregister.counterpart", "--port", str(port)),
            *("--certificate", str(folder / "certificate.pem"), "--client-id", CLIENT_ID),
            *("--audience", audience),
        ],
        cwd=Path(settings.BASE_DIR),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    control = httpx.Client(base_url=origin, timeout=10)
    try:
        wait_for(
            lambda: process.poll() is not None or _answers(control), "the counterpart to answer"
        )
        if process.poll() is not None:
            raise RuntimeError((folder / "counterpart.log").read_text())
        yield Counterpart(origin, audience, key_pem, certificate_pem, control)
    finally:
        control.close()
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def counterpart(counterpart_process: Counterpart) -> Counterpart:
    counterpart_process.post("reset")
    return counterpart_process


@dataclass
class Recorder:
    """What a client did: its waits and its exchanges with the register and the token service."""

    sleeps: list[float] = field(default_factory=list)
    exchanges: list[tuple[httpx.Request, httpx.Response]] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def response(self, response: httpx.Response) -> None:
        response.read()
        self.exchanges.append((response.request, response))

    def register_exchanges(self) -> list[tuple[httpx.Request, httpx.Response]]:
        return [(q, a) for q, a in self.exchanges if BASE_PATH in q.url.path]

    def token_exchanges(self) -> list[tuple[httpx.Request, httpx.Response]]:
        return [(q, a) for q, a in self.exchanges if q.url.path == TOKEN_PATH]


class Clock:
    """Wall time the test moves by hand (the token's expiry is read from it)."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


MakeClient = Callable[..., RegisterClient]


@pytest.fixture
def make_client(counterpart: Counterpart, recorder: Recorder) -> Iterator[MakeClient]:
    made: list[RegisterClient] = []

    def make(
        *, key_pem: bytes | None = None, clock: Callable[[], float] | None = None, **config: Any
    ) -> RegisterClient:
        values: dict[str, Any] = {
            "base_url": counterpart.base_url,
            "token_url": counterpart.token_url,
            "client_id": CLIENT_ID,
            "audience": counterpart.audience,
            "scope": "folkeregister:deling/offentligmedhjemmel",
            "key_path": "(in memory)",
            "max_attempts": 4,
            "backoff_base": 0.5,
            "backoff_cap": 8.0,
            **config,
        }
        client = RegisterClient(
            RegisterConfig(**values),
            signer=Signer(key_pem or counterpart.key_pem, counterpart.certificate_pem),
            sleep=recorder.sleep,
            jitter=lambda: 1.0,
            event_hooks={"response": [recorder.response]},
            **({"clock": clock} if clock else {}),
        )
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def register_settings(counterpart: Counterpart, settings: Any, tmp_path: Path) -> Counterpart:
    """Laget's settings pointed at the counterpart, as the demo does: the key in a file, the
    synthetic test numbers allowed, and back-off waits of nothing (retries are counted by the
    counterpart, never waited for)."""
    key = tmp_path / "client-key.pem"
    key.write_bytes(counterpart.key_pem)
    certificate = tmp_path / "client-cert.pem"
    certificate.write_bytes(counterpart.certificate_pem)
    settings.LAGET_FOLKEREGISTER_URL = counterpart.base_url
    settings.LAGET_FOLKEREGISTER_TOKEN_URL = counterpart.token_url
    settings.LAGET_FOLKEREGISTER_CLIENT_ID = CLIENT_ID
    settings.LAGET_FOLKEREGISTER_AUDIENCE = counterpart.audience
    settings.LAGET_FOLKEREGISTER_KEY_PATH = str(key)
    settings.LAGET_FOLKEREGISTER_CERTIFICATE_PATH = str(certificate)
    settings.LAGET_FOLKEREGISTER_BACKOFF_MS = 0
    settings.LAGET_SYNTHETIC_IDS = True
    return counterpart
