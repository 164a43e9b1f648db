"""Counting a request's queries the way they scale."""

from django.test.utils import CaptureQueriesContext

AUDIT_INSERT = 'INSERT INTO "audit_auditevent"'


def statements(ctx: CaptureQueriesContext) -> int:
    """The number of statements the code issued. A bulk insert of audit rows counts once:
    PostgreSQL takes it in one statement, SQLite splits it into batches of 999 parameters."""
    count = 0
    previous_was_audit_insert = False
    for query in ctx.captured_queries:
        is_audit_insert = query["sql"].startswith(AUDIT_INSERT)
        if not (is_audit_insert and previous_was_audit_insert):
            count += 1
        previous_was_audit_insert = is_audit_insert
    return count
