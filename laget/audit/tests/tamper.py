"""What an intruder with the database's rights does to audit rows, for the tests: raw SQL with
the PostgreSQL trigger switched off (only the table's owner can), inside the test's transaction,
which is rolled back afterwards."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

from laget.audit.models import AuditEvent

TABLE = AuditEvent._meta.db_table
TRIGGER = "audit_auditevent_immutable"


@contextmanager
def trigger_disabled() -> Iterator[None]:
    """Let raw SQL through, as an intruder with the table owner's rights could. Inside a
    test's transaction the switch is rolled back with it; in a committing test it is undone."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # ALTER TABLE refuses while deferred foreign-key checks on the table are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {TRIGGER}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER {TRIGGER}")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    else:
        yield


def raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def newest() -> AuditEvent:
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    return event
