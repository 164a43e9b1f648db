"""Backup and restore: a dump of a database with real data restores into a fresh database
with the same rows and the same audit chain, and a damaged dump or a used target is refused.

These run only on PostgreSQL (as `./dev test` and CI do): pg_dump is the backup."""

import json
import re
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from psycopg import sql

from laget.audit.models import AuditChainHead, AuditCheckpoint, AuditEvent
from laget.audit.services import audit_chain_broken_at
from laget.cases.models import Entry
from laget.ops.backup import SQLITE_REFUSED, backup_create, manifest_path
from laget.ops.postgres import OpsError, Settings, connect, database_settings
from laget.ops.restore import CHECKSUM_MISMATCH, TARGET_NOT_EMPTY
from laget.ops.verify import database_alias, verify_restore
from laget.testing.world import build_world

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore need PostgreSQL"
)
# Committed data: pg_dump reads the database from another connection.
committed = pytest.mark.django_db(transaction=True)


def url_for(db: Settings) -> str:
    user = quote(str(db["USER"]), safe="")
    password = quote(str(db["PASSWORD"]), safe="")
    return f"postgres://{user}:{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def empty_database() -> Iterator[Settings]:
    """A new, empty database on the test server, dropped afterwards."""
    db = database_settings(name=f"laget_restore_{uuid.uuid4().hex[:12]}")
    with connect(connection.settings_dict, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
    try:
        yield db
    finally:
        with connect(connection.settings_dict, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(db["NAME"])
                )
            )


def backup(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    dump = tmp_path / "laget.dump"
    call_command("backup", output=str(dump))
    return dump, json.loads(manifest_path(dump).read_text())


@on_postgresql
@committed
def test_restore_has_the_same_rows_and_audit_chain(
    tmp_path: Path, empty_database: Settings
) -> None:
    world = build_world()
    dump, manifest = backup(tmp_path)
    last = AuditCheckpoint.objects.order_by("-id").first()
    assert last is not None
    assert manifest["audit_head"] == {"id": last.pk, "hash": last.hash, "kind": "checkpoint"}
    # The checkpoint, taken just before the dump, names the head of every chain.
    heads = {chain: row_id for chain, row_id, _hash in last.heads}
    assert heads == dict(AuditChainHead.objects.values_list("chain", "row_id"))
    tables = manifest["tables"]
    assert isinstance(tables, dict)
    assert tables["audit_auditevent"] == AuditEvent.objects.count()
    assert tables["cases_entry"] == Entry.objects.count()

    target_url = url_for(empty_database)
    call_command("restore", input=str(dump), database_url=target_url)

    assert verify_restore(target_url, manifest) == []
    with database_alias(empty_database) as alias:
        assert AuditEvent.objects.using(alias).count() == AuditEvent.objects.count()
        restored_last = AuditCheckpoint.objects.using(alias).order_by("-id").first()
        assert restored_last is not None
        assert (restored_last.pk, restored_last.hash) == (last.pk, last.hash)
        assert audit_chain_broken_at(using=alias) is None
        entry = Entry.objects.using(alias).get(pk=world.entry.pk)
        assert (entry.case_id, entry.text) == (world.case.pk, "Lo høyt i sandkassa i dag.")


@on_postgresql
@committed
def test_backup_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    build_world()
    dump, _ = backup(tmp_path)
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    assert stat.S_IMODE(manifest_path(dump).stat().st_mode) == 0o600
    with pytest.raises(CommandError, match="never overwrites"):
        call_command("backup", output=str(dump))


@on_postgresql
@committed
def test_verify_notices_rows_the_backup_does_not_have(
    tmp_path: Path, empty_database: Settings
) -> None:
    world = build_world()
    dump, manifest = backup(tmp_path)
    call_command("restore", input=str(dump), database=empty_database["NAME"])
    # A row written into the restore that does not follow from the chain before it.
    with database_alias(empty_database) as alias:
        AuditEvent.objects.using(alias).create(
            at=timezone.now(),
            actor_name="system",
            action="read",
            via="system",
            case_id=world.case.pk,
            object_type="case",
            prev_hash="e" * 64,
            hash="f" * 64,
        )
        AuditCheckpoint.objects.using(alias).create(
            at=timezone.now(), heads=[], prev_hash="a" * 64, hash="b" * 64, key_id="test"
        )

    problems = verify_restore(url_for(empty_database), manifest)

    assert any(p.startswith("table audit_auditevent has") for p in problems)
    assert any(p.startswith("the audit chain is broken at row") for p in problems)
    assert any(p.startswith("the newest audit checkpoint is checkpoint") for p in problems)


@on_postgresql
@committed
def test_restore_refuses_a_damaged_dump(tmp_path: Path, empty_database: Settings) -> None:
    build_world()
    dump, _ = backup(tmp_path)
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0x01
    dump.write_bytes(bytes(data))

    with pytest.raises(CommandError, match=re.escape(CHECKSUM_MISMATCH)):
        call_command("restore", input=str(dump), database=empty_database["NAME"])

    with connect(empty_database) as conn:
        assert conn.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        ).fetchone() == (0,)


@on_postgresql
@committed
def test_restore_refuses_a_database_with_tables(tmp_path: Path, empty_database: Settings) -> None:
    build_world()
    dump, _ = backup(tmp_path)
    with connect(empty_database, autocommit=True) as conn:
        conn.execute("CREATE TABLE notes (body text)")
        conn.execute("INSERT INTO notes VALUES ('kept')")

    message = TARGET_NOT_EMPTY.format(name=empty_database["NAME"])
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("restore", input=str(dump), database_url=url_for(empty_database))

    with connect(empty_database) as conn:
        assert conn.execute("SELECT body FROM notes").fetchall() == [("kept",)]


def test_backup_refuses_sqlite_and_says_what_to_do_instead(tmp_path: Path) -> None:
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")}
    with pytest.raises(OpsError, match=re.escape(SQLITE_REFUSED)):
        backup_create(db=sqlite, output=tmp_path / "laget.dump")
    assert "sqlite3's .backup" in SQLITE_REFUSED
    assert not (tmp_path / "laget.dump").exists()
