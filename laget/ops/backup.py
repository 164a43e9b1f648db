"""`backup_create`: a pg_dump of the database and a manifest of what it holds.

The manifest's row counts and audit chain head are read in the very snapshot pg_dump dumps
(exported with pg_export_snapshot), so they describe the dump exactly even while the
application keeps writing. A restore is checked against them.
"""

import hashlib
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import psycopg
from django.utils import timezone
from psycopg import sql

from laget.audit.models import AuditCheckpoint
from laget.ops.postgres import (
    POSTGRESQL,
    OpsError,
    Settings,
    connect,
    conninfo,
    find_tool,
    server_major,
    tool_env,
    tool_version,
)

MANIFEST_FORMAT = 1
SQLITE_REFUSED = (
    "The database is SQLite: there is nothing for pg_dump to do. Copy the database file while "
    "Laget is stopped, or use sqlite3's .backup command (sqlite3 var/laget.sqlite3 "
    "\".backup 'copy.sqlite3'\")."
)
OUTPUT_EXISTS = "{path} exists already; a backup never overwrites a file."
DUMP_FAILED = "pg_dump failed (exit {code}): {stderr}"


def manifest_path(dump: Path) -> Path:
    return dump.with_name(dump.name + ".manifest.json")


def sha256_of(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def table_counts(conn: psycopg.Connection[Any]) -> dict[str, int]:
    """Rows in every table of the public schema."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
    ]
    counts = {}
    for name in names:
        query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier("public", name))
        row = conn.execute(query).fetchone()
        assert row is not None
        counts[name] = int(row[0])
    return counts


def audit_head(conn: psycopg.Connection[Any]) -> dict[str, Any] | None:
    """The newest checkpoint over the audit chains (laget/audit/checkpoints.py), as an anchor
    names it: its id and hash (None before the first)."""
    query = sql.SQL("SELECT id, hash FROM {} ORDER BY id DESC LIMIT 1").format(
        sql.Identifier("public", AuditCheckpoint._meta.db_table)
    )
    row = conn.execute(query).fetchone()
    return None if row is None else {"id": int(row[0]), "hash": str(row[1]), "kind": "checkpoint"}


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def backup_create(*, db: Settings, output: Path) -> dict[str, Any]:
    """Dump `db` to `output` (custom format, mode 0600) and write the manifest beside it."""
    if db["ENGINE"] == "django.db.backends.sqlite3":
        raise OpsError(SQLITE_REFUSED)
    if db["ENGINE"] != POSTGRESQL:
        raise OpsError(f"Backups work on PostgreSQL only; this database is {db['ENGINE']}.")
    for path in (output, manifest_path(output)):
        if path.exists():
            raise OpsError(OUTPUT_EXISTS.format(path=path))
    # Written under another name first, so that a failed dump never looks like a backup.
    partial = output.with_name(output.name + ".partial")
    with connect(db) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        row = conn.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        snapshot, server_version = row.fetchone() or ("", "")
        major = server_major(conn)
        counts = table_counts(conn)
        head = audit_head(conn)
        pg_dump = find_tool("pg_dump", major)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                # An argument list, no shell; the tool is the one find_tool found.
                result = subprocess.run(  # noqa: S603
                    [
                        str(pg_dump),
                        "--format=custom",
                        f"--snapshot={snapshot}",
                        "--no-password",
                        f"--dbname={conninfo(db)}",
                    ],
                    stdout=f,
                    stderr=subprocess.PIPE,
                    env=tool_env(db),
                    check=False,
                )
            if result.returncode != 0:
                stderr = result.stderr.decode(errors="replace").strip()
                raise OpsError(DUMP_FAILED.format(code=result.returncode, stderr=stderr))
            os.replace(partial, output)
        finally:
            partial.unlink(missing_ok=True)
    dumped_by = tool_version(pg_dump)
    manifest = {
        "format": MANIFEST_FORMAT,
        "created": timezone.now().isoformat(),
        "database": db["NAME"],
        "server_version": server_version,
        "server_major": major,
        "pg_dump": dumped_by[1] if dumped_by else str(pg_dump),
        "pg_dump_major": dumped_by[0] if dumped_by else major,
        "dump": {"file": output.name, "bytes": output.stat().st_size, "sha256": sha256_of(output)},
        "tables": counts,
        "audit_head": head,
    }
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    _write_private(manifest_path(output), text.encode())
    return manifest


def manifest_load(path: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads(path.read_text())
    except FileNotFoundError as e:
        raise OpsError(f"No manifest at {path}; restore needs the one the backup wrote.") from e
    if manifest.get("format") != MANIFEST_FORMAT:
        raise OpsError(f"{path} is not a Laget backup manifest (format {MANIFEST_FORMAT}).")
    return manifest
