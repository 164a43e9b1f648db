"""The application's database role (docs/PRODUCTION.md, section 2): after every migrate, the
owner grants it what the running application needs and takes back what it must never have on
the audit log. `manage.py grant_app_role laget_app` runs these statements; the PostgreSQL test
of the role runs the same ones, so the documentation and the test cannot drift apart."""

from typing import Any

import psycopg
from psycopg import sql

from laget.audit.models import AuditCheckpoint, AuditEvent, AuditPrune
from laget.ops.postgres import OpsError

ROLE_TOO_STRONG = (
    "The role {role} is a superuser or owns {table}: its rights cannot be limited. The "
    "application must connect as a role of its own that owns nothing (docs/PRODUCTION.md)."
)
NO_SUCH_ROLE = "There is no database role {role}; create it first (docs/PRODUCTION.md)."

# A write that waits this long for a row another request holds gives up (a clean "try again",
# laget/api/unavailable.py) instead of waiting for the web server's time-out; a transaction
# left idle this long (a stuck worker) is ended by PostgreSQL and its locks released. The
# second is generous: a job may call another service (the population register) between two
# statements of one transaction.
LOCK_TIMEOUT = "10s"
IDLE_IN_TRANSACTION_TIMEOUT = "5min"


def app_role_statements(role: str) -> list[sql.Composed]:
    who = sql.Identifier(role)
    audit = sql.Identifier("public", AuditEvent._meta.db_table)
    boundaries = sql.Identifier("public", AuditPrune._meta.db_table)
    checkpoints = sql.Identifier("public", AuditCheckpoint._meta.db_table)
    return [
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(
            who
        ),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(who),
        # Undoes a careless GRANT ALL: the application never empties or alters a table.
        sql.SQL(
            "REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM {}"
        ).format(who),
        # The audit log: INSERT and SELECT only.
        sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(audit, who),
        # The prune boundaries of the audit log (laget/audit/prune.py): written by the owner
        # when it prunes, read by every chain check, never changed.
        sql.SQL("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(boundaries, who),
        # The checkpoints over the chains (laget/audit/checkpoints.py): INSERT and SELECT only.
        sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(checkpoints, who),
        # Every session of the role, through PgBouncer too (its server connections log in as
        # the role).
        sql.SQL("ALTER ROLE {} SET lock_timeout = {}").format(who, sql.Literal(LOCK_TIMEOUT)),
        sql.SQL("ALTER ROLE {} SET idle_in_transaction_session_timeout = {}").format(
            who, sql.Literal(IDLE_IN_TRANSACTION_TIMEOUT)
        ),
    ]


def app_role_grant(conn: psycopg.Connection[Any], role: str) -> None:
    """Grant `role` the application's rights in `conn`'s database, in one transaction."""
    table = AuditEvent._meta.db_table
    row = conn.execute(
        "SELECT r.rolsuper, pg_has_role(r.oid, t.tableowner, 'USAGE')"
        " FROM pg_roles r, pg_tables t"
        " WHERE r.rolname = %s AND t.schemaname = 'public' AND t.tablename = %s",
        [role, table],
    ).fetchone()
    if row is None:
        raise OpsError(NO_SUCH_ROLE.format(role=role))
    if any(row):
        raise OpsError(ROLE_TOO_STRONG.format(role=role, table=table))
    with conn.transaction():
        for statement in app_role_statements(role):
            conn.execute(statement)
