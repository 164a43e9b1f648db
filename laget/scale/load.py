"""The load profile: an app server and locust, each in its own process, on loopback.

`run_profile` signs the people in (laget/scale/people.py), starts the server
(laget/scale/servers.py), runs locust headless with laget/scale/locustfile.py for the given
time, and reads what happened: requests, errors and latency from locust's CSV; the writes that
reached the database (entries and measure evaluations, counted before and after); and the CPU
time the app server's processes, PostgreSQL's processes and locust used (laget/scale/cpu.py),
per request. Then it stops everything and ends the sessions and tokens.
"""

import csv
import os
import re
import resource
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection

from laget.cases.models import Entry, MeasureEvaluation
from laget.scale.cpu import parent_of, tree_seconds
from laget.scale.people import SignedIn, Sizes, sign_in, sign_out
from laget.scale.servers import Server, stop

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
EXCEPTION = re.compile(r"[\w.]+(Error|Exception)\b")  # a traceback's last line


@dataclass(frozen=True)
class PageStat:
    name: str
    requests: int
    errors: int
    p50_ms: float
    p99_ms: float


@dataclass(frozen=True)
class LoadResult:
    server: str
    people: dict[str, int]
    seconds: int
    think_seconds: float
    boot_cpu_s: float | None  # the server's start: master and workers importing the app
    requests: int
    per_second: float
    errors: int
    latency_p50_ms: float
    latency_p99_ms: float
    writes: int  # entries and evaluations saved, counted in the database
    # CPU milliseconds per request; None where the processes could not be read.
    app_cpu_ms: float | None
    pg_cpu_ms: float | None
    locust_cpu_ms: float | None
    pages: list[PageStat] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def postmaster_pid() -> int | None:
    """PostgreSQL's postmaster, when it runs on this machine (its backends are its children)."""
    if connection.vendor != "postgresql":
        return None
    host = str(connection.settings_dict.get("HOST") or "")
    if host not in ("", "localhost", "127.0.0.1", "::1") and not host.startswith("/"):
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return parent_of(int(cursor.fetchone()[0]))


def settled_cpu(pid: int, seconds: float = 60) -> float | None:
    """The tree's CPU seconds once it stops growing: the workers have imported the app."""
    deadline, last = time.monotonic() + seconds, tree_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(1)  # polling a process's start-up, not a test's timing
        now = tree_seconds(pid)
        if now is None or last is None or now - last < 0.05:
            return now
        last = now
    return last


def _writes() -> int:
    return Entry.objects.count() + MeasureEvaluation.objects.count()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _difference(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


@dataclass(frozen=True)
class _Run:
    """One run as measured: CPU seconds during it (None where unreadable), writes, stats."""

    boot_cpu: float | None
    app_cpu: float | None
    pg_cpu: float | None
    locust_cpu: float
    writes: int
    pages: list[PageStat]
    failures: list[str]


def run_profile(
    server: Server,
    *,
    seconds: int,
    think: float = 10.0,
    sizes: Sizes = Sizes(),  # noqa: B008 - frozen
    spawn_seconds: float = 20.0,
    signed: SignedIn | None = None,
) -> LoadResult:
    """`signed`: people signed in already (sign_in), instead of the ones `sizes` asks for."""
    signed = signed or sign_in(sizes)
    if not signed.users:
        raise RuntimeError("Nobody to sign in: generate data first (manage.py scale_generate).")
    try:
        run = _run(server, signed, seconds, think, spawn_seconds)
    finally:
        sign_out(signed)
    total = next(p for p in run.pages if p.name == "Aggregated")

    def per_request(cpu: float | None) -> float | None:
        return None if cpu is None or not total.requests else cpu * 1000 / total.requests

    return LoadResult(
        server=server.label,
        people={
            "staff": len(signed.staff),
            "coordinators": len(signed.coordinators),
            "family": len(signed.family),
            "api": len(signed.api),
        },
        seconds=seconds,
        think_seconds=think,
        boot_cpu_s=run.boot_cpu,
        requests=total.requests,
        per_second=total.requests / seconds,
        errors=total.errors,
        latency_p50_ms=total.p50_ms,
        latency_p99_ms=total.p99_ms,
        writes=run.writes,
        app_cpu_ms=per_request(run.app_cpu),
        pg_cpu_ms=per_request(run.pg_cpu),
        locust_cpu_ms=per_request(run.locust_cpu),
        pages=[p for p in run.pages if p.name != "Aggregated"],
        failures=run.failures,
    )


def _run(server: Server, signed: SignedIn, seconds: int, think: float, spawn: float) -> _Run:
    postmaster = postmaster_pid() or -1
    with tempfile.TemporaryDirectory(prefix="laget-load-") as tmp:
        work = Path(tmp)
        signed.write(work / "people.json")
        port = free_port()
        app = server.start(port, work / "server.log")
        try:
            writes = _writes()
            connection.close()  # not held open (nor counted) while the server works
            boot_cpu = settled_cpu(app.pid)  # every worker started: not counted per request
            app_cpu, pg_cpu = tree_seconds(app.pid), tree_seconds(postmaster)
            locust_cpu = _children_cpu()
            _locust(work, port, signed.users, seconds, think, spawn)
            locust_cpu = _children_cpu() - locust_cpu
            app_cpu = _difference(app_cpu, tree_seconds(app.pid))
            pg_cpu = _difference(pg_cpu, tree_seconds(postmaster))
        finally:
            stop(app)
        pages, failures = _read_stats(work / "stats")
        failures += _server_errors(work / "server.log")
    return _Run(boot_cpu, app_cpu, pg_cpu, locust_cpu, _writes() - writes, pages, failures)


def _locust(work: Path, port: int, users: int, seconds: int, think: float, spawn: float) -> None:
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
        "--host", f"http://127.0.0.1:{port}", "--users", str(users),
        "--spawn-rate", f"{max(users / spawn, 1):.1f}", "--run-time", f"{seconds}s",
        "--stop-timeout", "30", "--csv", str(work / "stats"), "--only-summary",
        "--loglevel", "WARNING",
    ]  # fmt: skip
    env = {
        **os.environ,
        "LAGET_LOAD_PEOPLE": str(work / "people.json"),
        "LAGET_LOAD_THINK": str(think),
    }
    log = work / "locust.log"
    with log.open("wb") as out:
        # Exit status 1 only says that some request failed: the CSV counts those.
        done = subprocess.run(  # noqa: S603 - our own command line
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=seconds + 120,
            check=False,
        )
    if done.returncode not in (0, 1) or not (work / "stats_stats.csv").exists():
        raise RuntimeError(f"locust failed ({done.returncode}):\n{log.read_text()[-3000:]}")


def _read_stats(prefix: Path) -> tuple[list[PageStat], list[str]]:
    pages = []
    with Path(f"{prefix}_stats.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            pages.append(
                PageStat(
                    name=row["Name"],
                    requests=int(row["Request Count"]),
                    errors=int(row["Failure Count"]),
                    p50_ms=_number(row["50%"]),
                    p99_ms=_number(row["99%"]),
                )
            )
    with Path(f"{prefix}_failures.csv").open(encoding="utf-8") as f:
        failures = [
            f"{row['Occurrences']} × {row['Method']} {row['Name']}: {row['Error']}"
            for row in csv.DictReader(f)
        ]
    return pages, failures


def _server_errors(log: Path, most: int = 5) -> list[str]:
    """The different exceptions the server logged (the last line of each traceback)."""
    found: list[str] = []
    for line in log.read_text(errors="replace").splitlines():
        if EXCEPTION.match(line) and f"server: {line[:300]}" not in found:
            found.append(f"server: {line[:300]}")
    return found[-most:]


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:  # "N/A" when a name had no requests
        return 0.0
