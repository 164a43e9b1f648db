"""Which database a query goes to: the primary, or for reports a streaming replica.

Reports, dashboards and the registry's read pages may read from a PostgreSQL hot standby (the
`replica` database alias, LAGET_REPLICA_URL); everything else reads from the primary, and every
write goes to the primary. Django's routers decide per model, so the choice comes from the
request: a view wrapped in ``@reads_from_replica()`` reads from the replica, if it is usable.

Usable means: configured, answering, still a standby, and no further behind the primary than
LAGET_REPLICA_MAX_LAG_SECONDS. Otherwise the reads go to the primary, so a report may be slower
but never shows figures older than the limit. The check costs two small queries and is
remembered for LAGET_REPLICA_CHECK_SECONDS per process, so it costs nothing per query.

Always on the primary, whatever the view says: reads inside a transaction on the primary (a
service reading what it is about to write, the audit chain's head), and the apps whose state
must be current (the audit log, sessions and sign-in, the task queue).
"""

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Model

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
# Apps read from the primary even on a report page: their rows must be current.
PRIMARY_ONLY_APPS = frozenset(
    {
        "audit",
        "accounts",
        "sessions",
        "axes",
        "knox",
        "otp_totp",
        "otp_static",
        "django_tasks_database",
    }
)

_replica_wanted: ContextVar[bool] = ContextVar("laget_replica_wanted", default=False)


@contextmanager
def reads_from_replica() -> Iterator[None]:
    """Reads inside go to the replica when it is usable; a decorator for report views too."""
    token = _replica_wanted.set(True)
    try:
        yield
    finally:
        _replica_wanted.reset(token)


@dataclass(frozen=True)
class ReplicaState:
    usable: bool
    # Why not, in a few words without personal data ("down (OperationalError)"); "" if usable.
    reason: str
    checked_at: float


_state: ReplicaState | None = None
_state_lock = threading.Lock()


def replica_configured() -> bool:
    return bool(settings.LAGET_REPLICA_READS) and REPLICA in connections.settings


def replica_state(*, fresh: bool = False) -> ReplicaState:
    """Whether reports may read from the replica now, checked at most every few seconds."""
    global _state
    now = time.monotonic()
    state = _state
    if (
        not fresh
        and state is not None
        and now - state.checked_at < settings.LAGET_REPLICA_CHECK_SECONDS
    ):
        return state
    with _state_lock:
        if not fresh and _state is not state and _state is not None:
            return _state  # another thread checked while this one waited
        reason = _why_not_usable()
        new = ReplicaState(usable=not reason, reason=reason, checked_at=time.monotonic())
        if reason and (
            state is None or state.usable or state.reason.split()[0] != reason.split()[0]
        ):
            # One line when the replica stops being used (no query text, no personal data).
            logger.warning("Reports read from the primary: replica %s", reason)
        _state = new
    return new


def replica_state_forget() -> None:
    """Check again at the next report (after the replica was stopped or started, in tests)."""
    global _state
    _state = None


def _why_not_usable() -> str:
    limit = settings.LAGET_REPLICA_MAX_LAG_SECONDS
    # A primary that does not answer fails the request as it would without a replica.
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (primary_lsn,) = cursor.fetchone()
    try:
        with connections[REPLICA].cursor() as cursor:
            # Caught up: replayed all the primary had written a moment ago. Behind: as old as
            # the last transaction it replayed (while replay is stuck, that time only grows).
            cursor.execute(
                "SELECT pg_is_in_recovery(),"
                " coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, false),"
                " extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())",
                [primary_lsn],
            )
            in_recovery, caught_up, behind = cursor.fetchone()
    except DatabaseError as error:
        # Closed, so that the next check connects afresh once the replica is back.
        connections[REPLICA].close()
        return f"down ({type(error).__name__})"
    if not in_recovery:
        return "not a standby (promoted or misconfigured)"
    if caught_up:
        return ""
    if behind is None or float(behind) > limit:
        lag = "unknown" if behind is None else f"{float(behind):.1f} s"
        return f"lagging (lag {lag} > {limit} s)"
    return ""


class ReplicaRouter:
    """Reads in ``reads_from_replica()`` to the replica when usable; all writes to the primary."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        if not _replica_wanted.get() or model._meta.app_label in PRIMARY_ONLY_APPS:
            return None
        instance = hints.get("instance")
        if instance is not None and instance._state.db not in (None, PRIMARY, REPLICA):
            return None  # another database altogether (the transfer tests' peer)
        if not replica_configured() or connections[PRIMARY].in_atomic_block:
            return None
        return REPLICA if replica_state().usable else PRIMARY

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        instance = hints.get("instance")
        if instance is not None and instance._state.db == REPLICA:
            return PRIMARY  # read on a report page, written on the primary
        return None

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA}:
            return True  # the same data
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # The standby replays the primary's schema; nothing is ever migrated on it.
        return False if db == REPLICA else None
