"""Every backup ends with an audit anchor: the chain's head in the log and the anchor folder,
next to the head the manifest holds, so that `verify_audit` can check the live chain against
both. A chain that does not verify fails the backup command (after the backup is written)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from laget.audit.anchors import anchors_read
from laget.audit.models import AuditEvent
from laget.audit.tests.tamper import TABLE, raw, trigger_disabled
from laget.ops.backup import manifest_path
from laget.testing.world import build_world

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL"),
    # Committed data: pg_dump reads the database from another connection.
    pytest.mark.django_db(transaction=True),
]


def test_a_backup_anchors_the_audit_chain(tmp_path: Path) -> None:
    build_world()
    folder = tmp_path / "anchors"
    dump = tmp_path / "laget.dump"
    with override_settings(LAGET_AUDIT_ANCHOR_DIR=str(folder)):
        out = StringIO()
        call_command("backup", output=str(dump), stdout=out)
    manifest = json.loads(manifest_path(dump).read_text())
    [anchor] = anchors_read(folder)
    assert (anchor.id, anchor.hash, anchor.source) == (
        manifest["audit_head"]["id"],
        manifest["audit_head"]["hash"],
        "backup",
    )
    assert f"Audit anchor: checkpoint {anchor.id}" in out.getvalue()
    verified = StringIO()
    call_command(
        "verify_audit",
        "--anchor-dir",
        str(folder),
        "--manifest",
        str(manifest_path(dump)),
        stdout=verified,
    )
    assert "2 anchors matched" in verified.getvalue()


def test_a_backup_of_a_broken_chain_is_written_but_fails(tmp_path: Path) -> None:
    build_world()
    victim = AuditEvent.objects.order_by("id")[3]
    with trigger_disabled():
        raw(f"UPDATE {TABLE} SET object_type = %s WHERE id = %s", ["entry", victim.pk])
    dump = tmp_path / "laget.dump"
    with pytest.raises(CommandError, match=f"The backup is written, but: .* row {victim.pk}"):
        call_command("backup", output=str(dump), stdout=StringIO())
    assert dump.exists() and manifest_path(dump).exists()
