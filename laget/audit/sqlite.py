"""The triggers with which SQLite refuses UPDATE and DELETE of audit rows (PostgreSQL has its
own, migration 0002). Used by migration 0005 and, because SQLite loses a table's triggers when
Django rebuilds the table in a migration, again after every migrate (apps.py)."""

from typing import Any

from django.db import connections

TABLE = "audit_auditevent"
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_{verb.lower()} BEFORE {verb} ON {TABLE} "
    "BEGIN SELECT RAISE(ABORT, 'audit records cannot be changed or deleted'); END"
    for verb in ("UPDATE", "DELETE")
]
DROP_SQLITE_TRIGGERS = [
    f"DROP TRIGGER IF EXISTS audit_auditevent_no_{verb}" for verb in ("update", "delete")
]


def ensure_sqlite_triggers(using: str = "default", **kwargs: Any) -> None:
    """post_migrate: put the triggers back if a migration rebuilt the table."""
    connection = connections[using]
    if connection.vendor != "sqlite" or TABLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        for statement in SQLITE_TRIGGERS:
            cursor.execute(statement)
