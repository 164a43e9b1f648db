"""What an intruder with the database's rights does to audit rows, for the tests: raw SQL with
the PostgreSQL trigger switched off (only the table's owner can), inside the test's transaction,
which is rolled back afterwards."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from laget.audit.models import AuditCheckpoint, AuditEvent

TABLE = AuditEvent._meta.db_table
TRIGGER = "audit_auditevent_immutable"
CHECKPOINTS = AuditCheckpoint._meta.db_table
CHECKPOINT_TRIGGER = "audit_auditcheckpoint_immutable"


@contextmanager
def trigger_disabled() -> Iterator[None]:
    """Let raw SQL through, as an intruder with the table owner's rights could. Inside a
    test's transaction the switch is rolled back with it; in a committing test it is undone."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # ALTER TABLE refuses while deferred foreign-key checks on the table are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {TRIGGER}")
            cursor.execute(f"ALTER TABLE {CHECKPOINTS} DISABLE TRIGGER {CHECKPOINT_TRIGGER}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER {TRIGGER}")
                cursor.execute(f"ALTER TABLE {CHECKPOINTS} ENABLE TRIGGER {CHECKPOINT_TRIGGER}")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    else:
        yield


def raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def longest_chain() -> list[AuditEvent]:
    """The rows of the chain with the most rows, in order."""
    chains: dict[str, list[AuditEvent]] = {}
    for event in AuditEvent.objects.order_by("id"):
        chains.setdefault(event.chain, []).append(event)
    return max(chains.values(), key=len)


def newest() -> AuditEvent:
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    return event
