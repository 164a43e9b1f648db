"""The application's database role, granted as production grants it (`manage.py grant_app_role`,
docs/PRODUCTION.md section 2), reads and writes rows but can only INSERT and SELECT audit rows:
no UPDATE, DELETE or TRUNCATE, and it cannot switch off the audit trigger. PostgreSQL only, as
the suite runs; the role is created for the test and dropped after."""

import secrets
import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import errors, sql

from laget.audit.models import AuditChainHead, AuditCheckpoint, AuditEvent
from laget.ops.grants import ROLE_TOO_STRONG
from laget.ops.postgres import Settings, connect

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="database roles are PostgreSQL's"
)
TABLE = AuditEvent._meta.db_table
INSERT = (
    f"INSERT INTO {TABLE} (at, actor_name, actor_unit, action, via, object_type, case_ids,"
    " chain, prev_hash, hash, key_id) VALUES (now(), 'system', '', 'read', 'system', 'case',"
    " '[]', ':', %s, %s, 'test') RETURNING id"
)
CHECKPOINTS = AuditCheckpoint._meta.db_table
HEADS = AuditChainHead._meta.db_table
REFUSED = {
    "UPDATE": f"UPDATE {TABLE} SET actor_name = 'Noen andre'",
    "DELETE": f"DELETE FROM {TABLE}",
    "TRUNCATE": f"TRUNCATE {TABLE}",
    "DISABLE TRIGGER": f"ALTER TABLE {TABLE} DISABLE TRIGGER audit_auditevent_immutable",
}


@pytest.fixture
def app_role(db: None) -> Iterator[Settings]:
    """A login role set up as production's laget_app: created by the administrator, allowed
    to connect, then granted by the owner with the same command production runs."""
    owner: Settings = connection.settings_dict
    role = f"laget_app_test_{uuid.uuid4().hex[:10]}"
    password = secrets.token_urlsafe(24)
    who = sql.Identifier(role)
    with connect(owner, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(who, password))
        # The suite's own role (CREATEROLE, not a superuser) must be a member to DROP OWNED
        # BY it at the end.
        admin.execute(sql.SQL("GRANT {} TO CURRENT_USER").format(who))
        admin.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(owner["NAME"]), who)
        )
        admin.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(who))
    try:
        call_command("grant_app_role", role)
        yield {**owner, "USER": role, "PASSWORD": password}
    finally:
        with connect(owner, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP OWNED BY {}").format(who))
            admin.execute(sql.SQL("DROP ROLE {}").format(who))


def refused(conn: psycopg.Connection[Any], statement: str) -> bool:
    try:
        conn.execute(statement)
    except errors.InsufficientPrivilege:
        return True
    finally:
        conn.rollback()
    return False


def test_the_app_role_can_insert_and_select_audit_rows_only(app_role: Settings) -> None:
    with connect(app_role) as app:
        app.execute(f"SELECT count(*) FROM {TABLE}").fetchone()
        row = app.execute(INSERT, ["a" * 64, "b" * 64]).fetchone()
        assert row is not None
        app.rollback()  # nothing is left behind for the other tests
        assert {what: refused(app, statement) for what, statement in REFUSED.items()} == {
            "UPDATE": True,
            "DELETE": True,
            "TRUNCATE": True,
            "DISABLE TRIGGER": True,
        }


def test_the_app_role_appends_checkpoints_and_moves_heads_but_changes_no_checkpoint(
    app_role: Settings,
) -> None:
    with connect(app_role) as app:
        app.execute(
            f"INSERT INTO {CHECKPOINTS} (at, heads, prev_hash, hash, key_id)"
            " VALUES (now(), '[]', %s, %s, 'test')",
            ["c" * 64, "d" * 64],
        )
        app.execute(
            f"INSERT INTO {HEADS} (chain, row_id, hash, dirty) VALUES (':', 1, %s, true)"
            " ON CONFLICT (chain) DO UPDATE SET dirty = true",
            ["e" * 64],
        )
        app.rollback()
        assert {
            what: refused(
                app, statement.replace(TABLE, CHECKPOINTS).replace("actor_name", "key_id")
            )
            for what, statement in REFUSED.items()
            if what != "DISABLE TRIGGER"
        } == {"UPDATE": True, "DELETE": True, "TRUNCATE": True}


def test_the_app_role_reads_and_writes_other_tables_but_truncates_none(app_role: Settings) -> None:
    with connect(app_role) as app:
        app.execute("UPDATE cases_entry SET text = text WHERE false")
        app.execute("DELETE FROM cases_entry WHERE false")
        app.rollback()
        assert refused(app, "TRUNCATE cases_entry")


def test_granting_a_role_that_owns_the_tables_is_refused(db: None) -> None:
    owner = str(connection.settings_dict["USER"])
    with pytest.raises(CommandError) as failed:
        call_command("grant_app_role", owner)
    assert str(failed.value) == ROLE_TOO_STRONG.format(role=owner, table=TABLE)


def test_the_app_roles_sessions_give_up_on_a_held_lock_and_a_stuck_transaction(
    app_role: Settings,
) -> None:
    """A write waiting for a row another request holds fails after LOCK_TIMEOUT (a clean "try
    again") instead of hanging until the web server's time-out; a transaction left idle is
    ended by PostgreSQL."""
    with connect(app_role) as app:
        lock = app.execute("SHOW lock_timeout").fetchone()
        idle = app.execute("SHOW idle_in_transaction_session_timeout").fetchone()
    assert lock is not None and lock[0] == "10s"
    assert idle is not None and idle[0] == "5min"
