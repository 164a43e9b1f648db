"""Server time of one page, its queries, and the time of the bare SQL it needs (the floor).

A page is requested through the whole Django stack in this process (no network). The floor is
the same statements, captured from one request and replayed straight on the database cursor,
inside a transaction that is rolled back (the page writes audit rows; the replay must not).
`ratio` is the page's median over the floor's: what Django, Python and templates add.
"""

import secrets
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.test import Client


@dataclass(frozen=True)
class Measured:
    name: str
    runs: int
    median_ms: float
    p95_ms: float
    queries: int
    floor_ms: float
    status: int

    @property
    def ratio(self) -> float:
        return self.median_ms / self.floor_ms if self.floor_ms else 0.0


class _Rollback(Exception):
    pass


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def capture(action: Callable[[], Any]) -> tuple[Any, list[tuple[str, Any, bool]]]:
    """Run `action`, keeping every statement it sent (Django's own query log is reset when a
    request starts, so a wrapper does the counting)."""
    statements: list[tuple[str, Any, bool]] = []

    def keep(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append((sql, params, many))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        result = action()
    return result, statements


def _fresh_hashes(sql: str, params: Any) -> Any:
    """An audit row's hash is unique: the replayed insert gets new (random) hex values."""
    # The audit append inserts inside a WITH (laget/audit/services.py), so look for the insert
    # anywhere in the statement.
    if "audit_auditevent" not in sql or "INSERT INTO" not in sql.upper():
        return params

    def fresh(value: Any) -> Any:
        if isinstance(value, str) and len(value) == 64:
            return secrets.token_hex(32)
        if isinstance(value, list):  # bulk inserts on PostgreSQL pass arrays (UNNEST)
            return [fresh(v) for v in value]
        return value

    return [fresh(p) for p in params]


def floor_ms(statements: list[tuple[str, Any, bool]], runs: int) -> float:
    """Median time of replaying the statements on the cursor, rolled back each time."""
    statements = [(sql, _fresh_hashes(sql, params), many) for sql, params, many in statements]
    times = []
    for _ in range(runs):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                started = time.perf_counter()
                for sql, params, many in statements:
                    if many:
                        cursor.executemany(sql, params)
                    else:
                        cursor.execute(sql, params)
                        if cursor.description is not None:
                            cursor.fetchall()
                times.append((time.perf_counter() - started) * 1000)
                raise _Rollback
        except _Rollback:
            pass
    return statistics.median(times)


def measure(name: str, client: Client, url: str, runs: int, warmup: int = 3) -> Measured:
    for _ in range(warmup):
        client.get(url)
    response, statements = capture(lambda: client.get(url))
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return Measured(
        name=name,
        runs=runs,
        median_ms=statistics.median(times),
        p95_ms=percentile(times, 0.95),
        queries=len(statements),
        floor_ms=floor_ms(statements, max(5, runs // 2)),
        status=response.status_code,
    )
