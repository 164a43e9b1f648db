"""Audit appends from concurrent writers: how many per second with 1, 4 and 16 writers, each a
process of its own writing about its own case as its own person, in the chains of today and
with every append first taking one lock for the whole log (as before chains were split, when
every write in the country passed one lock).

Each append is what every write action does at its end: a transaction with an entry-sized
domain row written and the audit row appended. Rows stay in the database: run on a throwaway
one (`./dev pg-manage audit_benchmark_writers`, `./dev bench`)."""

import multiprocessing
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, connections, transaction

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import Actor, audit_record

# The lock every append took before chains were split (laget/audit/services.py, issue 12).
WHOLE_LOG_LOCK = 7_311_042
DESIGNS = ("chains", "one lock")


@dataclass(frozen=True)
class WriterRun:
    design: str
    writers: int
    seconds: float
    appends: int

    @property
    def per_second(self) -> float:
        return self.appends / self.seconds if self.seconds else 0.0


def _writer(
    user_id: int, case_id: int, whole_log_lock: bool, seconds: float, start: float, out: Any
) -> None:
    connections.close_all()  # a connection of its own, not the parent's
    user = User.objects.get(pk=user_id)
    actor = Actor(user=user)
    count = 0
    while time.time() < start:
        time.sleep(0.001)
    deadline = start + seconds
    while time.time() < deadline:
        with transaction.atomic():
            if whole_log_lock:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [WHOLE_LOG_LOCK])
            audit_record(
                actor=actor, action=AuditAction.CREATE, object_type="entry", case_id=case_id
            )
        count += 1
    connections.close_all()
    out.put(count)


def writers_run(design: str, writers: int, users: Sequence[User], seconds: float) -> WriterRun:
    """`writers` processes append for `seconds`, writer i as users[i] about case 10⁹ + i."""
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    connections.close_all()
    start = time.time() + 1.0  # every process started and connected before the clock runs
    processes = [
        context.Process(
            target=_writer,
            args=(users[i].pk, 1_000_000_000 + i, design == "one lock", seconds, start, out),
        )
        for i in range(writers)
    ]
    for process in processes:
        process.start()
    appends = sum(out.get(timeout=seconds + 120) for _ in processes)
    for process in processes:
        process.join()
    return WriterRun(design, writers, seconds, appends)


def benchmark_users(count: int) -> list[User]:
    users = []
    for i in range(count):
        user, _ = User.objects.get_or_create(
            username=f"maaler-skriver-{i}", defaults={"first_name": "Skriver", "last_name": str(i)}
        )
        users.append(user)
    return users


def render(runs: Sequence[WriterRun], *, command: str, machine: str, today: str) -> str:
    by = {(r.design, r.writers): r for r in runs}
    counts = sorted({r.writers for r in runs})
    lines = [
        "<!-- audit-writers:start -->",
        "",
        f"    {command}",
        "",
        f"Measured {today} on this machine ({machine}). Each writer is a process of its own that "
        "appends audit rows about its own case as its own person, one transaction per append, "
        f"for {runs[0].seconds:g} s; appends per second, all writers together.",
        "",
        "| Writers | " + " | ".join(f"{d}" for d in DESIGNS) + " |",
        "|---|" + "---|" * len(DESIGNS),
    ]
    for n in counts:
        cells = [f"{by[(d, n)].per_second:,.0f}/s" if (d, n) in by else "–" for d in DESIGNS]
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    lines += ["", "<!-- audit-writers:end -->"]
    return "\n".join(lines)
