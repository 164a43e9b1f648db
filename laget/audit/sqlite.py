"""The triggers with which SQLite refuses UPDATE and DELETE of audit rows, but for the delete
of rows a pruning boundary covers, and of boundaries and checkpoints (PostgreSQL has its own,
migrations 0002, 0007 and 0008). Used by migration 0005 and, because SQLite loses a table's triggers when
Django rebuilds the table in a migration, again after every migrate (apps.py)."""

from typing import Any

from django.db import connections

TABLE = "audit_auditevent"
PRUNE_TABLE = "audit_auditprune"
REFUSE = "BEGIN SELECT RAISE(ABORT, 'audit records cannot be changed or deleted'); END"
# A row may be deleted only once a pruning boundary covers it (laget/audit/prune.py, 0007).
PRUNED = "WHEN OLD.id > (SELECT coalesce(max(through_id), 0) FROM audit_auditprune) "
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_update BEFORE UPDATE ON {TABLE} {REFUSE}",
    f"CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_delete BEFORE DELETE ON {TABLE} "
    f"{PRUNED}{REFUSE}",
]
DROP_SQLITE_TRIGGERS = [
    f"DROP TRIGGER IF EXISTS audit_auditevent_no_{verb}" for verb in ("update", "delete")
]
# The boundaries themselves are never changed or deleted.
SQLITE_PRUNE_TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS audit_auditprune_no_{verb.lower()} BEFORE {verb} "
    f"ON {PRUNE_TABLE} {REFUSE}"
    for verb in ("UPDATE", "DELETE")
]
DROP_SQLITE_PRUNE_TRIGGERS = [
    f"DROP TRIGGER IF EXISTS audit_auditprune_no_{verb}" for verb in ("update", "delete")
]
# Nor are the checkpoints (laget/audit/checkpoints.py).
CHECKPOINT_TABLE = "audit_auditcheckpoint"
SQLITE_CHECKPOINT_TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS audit_auditcheckpoint_no_{verb.lower()} BEFORE {verb} "
    f"ON {CHECKPOINT_TABLE} {REFUSE}"
    for verb in ("UPDATE", "DELETE")
]
DROP_SQLITE_CHECKPOINT_TRIGGERS = [
    f"DROP TRIGGER IF EXISTS audit_auditcheckpoint_no_{verb}" for verb in ("update", "delete")
]


def ensure_sqlite_triggers(using: str = "default", **kwargs: Any) -> None:
    """post_migrate: put the triggers back if a migration rebuilt the table."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        if TABLE in tables:
            for statement in SQLITE_TRIGGERS:
                cursor.execute(statement)
        if PRUNE_TABLE in tables:
            for statement in SQLITE_PRUNE_TRIGGERS:
                cursor.execute(statement)
        if CHECKPOINT_TABLE in tables:
            for statement in SQLITE_CHECKPOINT_TRIGGERS:
                cursor.execute(statement)
