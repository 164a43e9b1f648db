"""Throughput under concurrent load: gunicorn serving the app, wrk hammering it from a second
process on loopback, both on this machine.

wrk (Debian's package) opens `connections` keep-alive connections and walks the given paths in
turn with the user's session cookie; every answer that is not 2xx/3xx, and every socket error,
counts as an error.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
LUA = """
paths = {%s}
i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


@dataclass(frozen=True)
class LoadResult:
    workers: int
    connections: int
    seconds: int
    requests: int
    per_second: float
    errors: int
    latency_p50_ms: float
    latency_p99_ms: float


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(workers: int, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "LAGET_DEBUG": "0",
        "LAGET_ALLOWED_HOSTS": "127.0.0.1",
        "LAGET_SECURE_COOKIES": "0",
        "LAGET_SSL_REDIRECT": "0",
        "LAGET_HSTS_SECONDS": "0",
    }
    command = [
        sys.executable, "-m", "gunicorn", "laget.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--worker-class", "sync", "--timeout", "60", "--log-level", "warning",
        "--access-logfile", "/dev/null",
    ]  # fmt: skip
    config = BASE_DIR / "deploy" / "gunicorn.conf.py"
    if config.exists():
        command[3:3] = ["--config", str(config)]
    server = subprocess.Popen(command, cwd=BASE_DIR, env=env)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/logg-inn/", timeout=2):
                return server
        except OSError:
            time.sleep(0.5)  # waiting for a server process to listen, not for a test's timing
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def run_wrk(
    port: int, cookie: str, paths: list[str], seconds: int, connections: int
) -> tuple[int, float, int, float, float]:
    script = LUA % ", ".join(f'"{p}"' for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    try:
        out = subprocess.run(  # noqa: S603
            [
                shutil.which("wrk") or "/usr/bin/wrk",
                "-t",
                "2",
                "-c",
                str(connections),
                "-d",
                f"{seconds}s",
                "--latency",
                "--timeout",
                "10s",
                "-H",
                f"Cookie: {cookie}",
                "-s",
                f.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        Path(f.name).unlink()
    return parse_wrk(out)


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse_wrk(out: str) -> tuple[int, float, int, float, float]:
    """(requests, per second, errors, p50 ms, p99 ms) from wrk's report."""
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = 0
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(g) for g in m.groups())
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    return (
        requests,
        per_second,
        errors,
        _ms(*p50.groups()) if p50 else 0.0,
        _ms(*p99.groups()) if p99 else 0.0,
    )


def load(
    cookie: str, paths: list[str], *, workers: int, seconds: int, connections: int
) -> LoadResult:
    port = free_port()
    server = start_server(workers, port)
    try:
        requests, per_second, errors, p50, p99 = run_wrk(port, cookie, paths, seconds, connections)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return LoadResult(workers, connections, seconds, requests, per_second, errors, p50, p99)
