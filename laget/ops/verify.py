"""Checking a restored database against its backup's manifest: the same tables with the same
number of rows, and an audit log whose chains verify and whose newest checkpoint is the backup's."""

import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.db import connections
from django.db.utils import load_backend

from laget.audit.chain import chain_verify
from laget.audit.models import AuditEvent
from laget.ops.backup import audit_head, table_counts
from laget.ops.postgres import Settings, connect, database_settings, require_postgresql


@contextmanager
def database_alias(db: Settings) -> Iterator[str]:
    """A Django connection alias for `db` while the block runs, so that the ORM (and the audit
    module's own chain check) can read it with `.using(alias)`; closed and removed afterwards.

    The connection is registered for this thread only, not in the settings: no other code
    (migrate, the test runner's flush) sees a database it was not configured with."""
    alias = f"ops_{uuid.uuid4().hex[:12]}"
    wrapper = load_backend(db["ENGINE"]).DatabaseWrapper(db, alias)
    connections[alias] = wrapper
    try:
        yield alias
    finally:
        wrapper.close()
        del connections[alias]


def verify_restore(target_url: str, manifest: dict[str, Any]) -> list[str]:
    """What is wrong with the database at `target_url` as a restore of `manifest`'s backup;
    an empty list when nothing is."""
    return verify_database(database_settings(url=target_url), manifest)


def verify_database(db: Settings, manifest: dict[str, Any]) -> list[str]:
    require_postgresql(db, "Verifying a restore")
    problems = []
    with connect(db) as conn:
        counts = table_counts(conn)
    expected: dict[str, int] = manifest["tables"]
    for name in sorted(expected.keys() | counts.keys()):
        if name not in counts:
            problems.append(f"table {name} is missing")
        elif name not in expected:
            problems.append(f"table {name} is not in the backup")
        elif counts[name] != expected[name]:
            problems.append(f"table {name} has {counts[name]} rows, the backup {expected[name]}")
    if AuditEvent._meta.db_table not in counts:
        return problems
    with database_alias(db) as alias:
        check = chain_verify(using=alias)
    with connect(db) as conn:
        head = audit_head(conn)
    if not check.ok:
        problems.append(
            f"the audit chain is broken at {check.broken_kind} {check.broken_at}: {check.problem}"
        )
    if head != manifest["audit_head"]:
        problems.append(
            f"the newest audit checkpoint is {_describe(head)}, the backup's "
            f"{_describe(manifest['audit_head'])}"
        )
    return problems


def _describe(head: Mapping[str, Any] | None) -> str:
    if head is None:
        return "no checkpoint"
    return f"checkpoint {head['id']} ({head['hash'][:12]}…)"
