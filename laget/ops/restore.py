"""`restore_into`: a backup restored into an empty database, after its checksum is checked."""

import subprocess
from pathlib import Path
from typing import Any

from laget.ops.backup import sha256_of
from laget.ops.postgres import (
    OpsError,
    Settings,
    connect,
    conninfo,
    find_tool,
    require_postgresql,
    server_major,
    tool_env,
)

CHECKSUM_MISMATCH = (
    "The dump's checksum does not match its manifest: the file is damaged or not the one the "
    "backup wrote. Nothing was restored."
)
TARGET_NOT_EMPTY = (
    "The target database {name} has tables already; restore only into a new, empty database "
    "(createdb -O <owner> <name>). Nothing was restored."
)
RESTORE_FAILED = "pg_restore failed (exit {code}), nothing was restored: {stderr}"


def target_table_count(db: Settings) -> int:
    with connect(db, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_tables"
            " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()
    assert row is not None
    return int(row[0])


def restore_into(
    *, dump: Path, manifest: dict[str, Any], target: Settings, privileges: bool = True
) -> None:
    """Restore `dump` into the empty database `target`, in one transaction: all or nothing."""
    require_postgresql(target, "Restore")
    if sha256_of(dump) != manifest["dump"]["sha256"]:
        raise OpsError(CHECKSUM_MISMATCH)
    with connect(target, autocommit=True) as conn:
        major = server_major(conn)
    if target_table_count(target):
        raise OpsError(TARGET_NOT_EMPTY.format(name=target["NAME"]))
    pg_restore = find_tool("pg_restore", max(major, int(manifest["pg_dump_major"])))
    # Objects are owned by whoever restores; GRANTs in the dump name roles that must exist.
    args = [
        str(pg_restore),
        "--no-owner",
        "--exit-on-error",
        "--single-transaction",
        "--no-password",
        f"--dbname={conninfo(target)}",
    ]
    if not privileges:
        args.append("--no-privileges")
    # An argument list, no shell; the tool is the one find_tool found.
    result = subprocess.run(  # noqa: S603
        [*args, str(dump)], capture_output=True, env=tool_env(target), check=False
    )
    if result.returncode != 0:
        stderr = result.stderr.decode(errors="replace").strip()
        raise OpsError(RESTORE_FAILED.format(code=result.returncode, stderr=stderr))
