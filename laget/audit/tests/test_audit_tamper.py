"""Audit rows cannot be changed or deleted below Model.save()/delete(): not through the base
manager's update, `_raw_delete` or an upsert (issue 12, reproduction 6), nor through Django's
internals below the queryset, which the database's trigger refuses, on PostgreSQL (the suite)
and on SQLite (the demo; in a subprocess with a database file of its own)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from laget.audit.tests.attacks import ATTACKS, EXPECTED, SCRIPT, attempt
from laget.testing.world import World

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_is_refused_and_the_row_is_unchanged(world: World, name: str) -> None:
    assert attempt(name) == EXPECTED[name]


def test_on_sqlite_every_attack_is_refused_and_the_chain_holds(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        LAGET_AUDIT_KEYS="demo:sqlite-test-audit-key-0123456789abcdef",
        DJANGO_SETTINGS_MODULE="laget.settings",
        LAGET_DEBUG="1",  # as the demo runs
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {
        "attacks": EXPECTED,
        "chain_ok": True,
        # SQLite drops a table's triggers when a migration rebuilds the table; every migrate
        # puts them back.
        # The pruning boundaries (laget/audit/prune.py) are as immutable as the rows.
        "triggers_after_rebuild": [
            "audit_auditcheckpoint_no_delete",
            "audit_auditcheckpoint_no_update",
            "audit_auditevent_no_delete",
            "audit_auditevent_no_update",
            "audit_auditprune_no_delete",
            "audit_auditprune_no_update",
        ],
    }
