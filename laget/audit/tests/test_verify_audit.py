"""The chain has a key the database does not hold, anchors outside the database, and a check of
the live chain (`verify_audit`) that finds an edited row, a chain rewritten with plain hashes,
a removed row in the middle and removed newest rows (issue 12, reproduction 6)."""

import hashlib
import importlib
import json
import logging
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings

from laget.audit import chain
from laget.audit.anchors import FILE_NAME, anchors_read
from laget.audit.chain import (
    ANCHORED_CHECKPOINT_MISSING,
    CHECKPOINTED_ROW_MISSING,
    HASH_MISMATCH,
    LEGACY_CHAIN,
    LINK_BROKEN,
    NEWEST_REMOVED,
    OLDER_KEY,
    UNKNOWN_KEY,
    chain_verify,
    keyed_hash,
    link,
)
from laget.audit.checkpoints import audit_checkpoint
from laget.audit.models import AuditAction, AuditChainHead, AuditCheckpoint, AuditEvent, Via
from laget.audit.services import GENESIS, Actor, audit_record
from laget.audit.tests.tamper import (
    CHECKPOINTS,
    TABLE,
    longest_chain,
    raw,
    trigger_disabled,
)
from laget.testing.world import World

pytestmark = pytest.mark.django_db

REHASH = importlib.import_module("laget.audit.migrations.0005_rehash_with_key")
CURRENT = settings.LAGET_AUDIT_KEYS[0][0]
OLD_KEY = ("k1", b"k1-old-audit-key-0123456789abcdef0123456789")
NEW_KEY = ("k2", b"k2-new-audit-key-0123456789abcdef0123456789")


def verify(*args: str) -> str:
    out = StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue().strip()


def verify_fails(*args: str) -> str:
    with pytest.raises(CommandError) as failed:
        call_command("verify_audit", *args, stdout=StringIO())
    message = str(failed.value)
    assert "\n" not in message
    return message


def anchor(folder: Path) -> str:
    out = StringIO()
    call_command("audit_anchor", "--anchor-dir", str(folder), stdout=out)
    return out.getvalue().strip()


def system_read() -> AuditEvent:
    return audit_record(
        actor=Actor(user=None, via=Via.SYSTEM), action=AuditAction.READ, object_type="case"
    )


def rows() -> list[AuditEvent]:
    return list(AuditEvent.objects.order_by("id"))


def plain_sha256(prev_hash: str, event: AuditEvent) -> str:
    """The old, keyless hash: what anyone with the database can compute."""
    payload = json.dumps(
        [prev_hash, event.at.isoformat()] + [getattr(event, f) for f in chain.FIELDS[1:]],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


# --- the live chain -------------------------------------------------------------------------


def test_an_intact_chain_verifies_in_one_line_without_personal_data(world: World) -> None:
    checkpoint = audit_checkpoint()
    assert checkpoint is not None
    result = verify()
    count = AuditEvent.objects.count()
    chains = AuditEvent.objects.values("chain").distinct().count()
    assert chains >= 2
    assert result.startswith(
        f"Audit chain OK: {count} rows in {chains} chains checked, 1 checkpoints (up to "
        f"checkpoint {checkpoint.pk}), 0 anchors matched."
    )
    assert "\n" not in result
    names = AuditEvent.objects.values_list("actor_name", flat=True)
    assert not any(name in result for name in names)


def test_rows_are_hashed_with_the_current_key_not_plain_sha256(world: World) -> None:
    event = system_read()
    assert event.key_id == CURRENT
    assert event.hash != plain_sha256(event.prev_hash, event)


def test_an_edited_row_is_found(world: World) -> None:
    victim = rows()[len(rows()) // 2]
    with trigger_disabled():
        raw(f"UPDATE {TABLE} SET actor_name = %s WHERE id = %s", ["Noen andre", victim.pk])
    assert verify_fails() == f"Audit chain BROKEN at row {victim.pk}: {HASH_MISMATCH}."


def plain_chain(events: list[AuditEvent]) -> list[AuditEvent]:
    prev = GENESIS
    for event in events:
        event.prev_hash, event.hash = prev, plain_sha256(prev, event)
        prev = event.hash
    return events


def rewrite_keyless(events: list[AuditEvent], *, prev: str, key_id: str | None = None) -> None:
    """Recompute the plain SHA-256 chain over `events`, as an intruder without the key can.
    With `key_id` "" the rows become the one keyless chain of before the key (chain "")."""
    ids = [e.pk for e in events]
    raw(f"UPDATE {TABLE} SET prev_hash = 'x' || id, hash = 'y' || id WHERE id = ANY(%s)", [ids])
    for event in events:
        forged = plain_sha256(prev, event)
        chain_of = LEGACY_CHAIN if key_id == "" else event.chain
        raw(
            f"UPDATE {TABLE} SET actor_name = %s, prev_hash = %s, hash = %s, key_id = %s,"
            " chain = %s WHERE id = %s",
            [
                event.actor_name,
                prev,
                forged,
                event.key_id if key_id is None else key_id,
                chain_of,
                event.pk,
            ],
        )
        prev = forged


def as_one_legacy_chain() -> None:
    """Make the log what it was before chains were split: every row in the chain "", keyed."""
    key_id, key = settings.LAGET_AUDIT_KEYS[0]
    prev = GENESIS
    with trigger_disabled():
        raw(f"UPDATE {TABLE} SET prev_hash = 'x' || id, hash = 'y' || id, chain = ''", [])
        for event in rows():
            values = [getattr(event, f) for f in chain.FIELDS]
            row_hash = keyed_hash(prev, key_id, LEGACY_CHAIN, values, key)
            raw(
                f"UPDATE {TABLE} SET prev_hash = %s, hash = %s WHERE id = %s",
                [prev, row_hash, event.pk],
            )
            prev = row_hash
    AuditChainHead.objects.all().delete()
    assert chain_verify().ok


def test_a_chain_rewritten_with_recomputed_plain_hashes_is_found(world: World) -> None:
    """The intruder changes a row and recomputes every hash after it: enough before the key."""
    events = longest_chain()
    at = len(events) // 2
    events[at].actor_name = "Noen andre"
    with trigger_disabled():
        rewrite_keyless(events[at:], prev=events[at - 1].hash)
    assert verify_fails() == f"Audit chain BROKEN at row {events[at].pk}: {HASH_MISMATCH}."


def test_a_whole_chain_rewritten_as_keyless_rows_is_found(world: World) -> None:
    events = rows()
    with trigger_disabled():
        rewrite_keyless(events, prev=GENESIS, key_id="")
    assert verify_fails() == f"Audit chain BROKEN at row {events[0].pk}: {UNKNOWN_KEY}."


def test_a_removed_middle_row_is_found(world: World) -> None:
    events = longest_chain()
    victim, following = events[len(events) // 2], events[len(events) // 2 + 1]
    with trigger_disabled():
        raw(f"DELETE FROM {TABLE} WHERE id = %s", [victim.pk])
    assert verify_fails() == f"Audit chain BROKEN at row {following.pk}: {LINK_BROKEN}."


def remove_newest(row: AuditEvent) -> None:
    """Remove `row` (its chain's newest) and put the chain's head back on the row before it,
    as an intruder who wants the application to go on appending unnoticed would."""
    before = AuditEvent.objects.filter(chain=row.chain, id__lt=row.pk).order_by("-id").first()
    with trigger_disabled():
        raw(f"DELETE FROM {TABLE} WHERE id = %s", [row.pk])
    head = AuditChainHead.objects.filter(chain=row.chain)
    if before is None:
        head.delete()
    else:
        head.update(row_id=before.pk, hash=before.hash)


def test_removed_newest_rows_are_found_against_a_checkpoint(world: World) -> None:
    """Once a checkpoint names a chain's head, removing it is found, even with new rows
    appended after the removal (the links then look whole again)."""
    system_read()
    named = system_read()
    checkpoint = audit_checkpoint()
    assert checkpoint is not None and [":", named.pk, named.hash] in checkpoint.heads
    remove_newest(named)
    system_read()
    expected = CHECKPOINTED_ROW_MISSING.format(checkpoint=checkpoint.pk)
    assert verify_fails() == f"Audit chain BROKEN at row {named.pk}: {expected}."


def test_removed_newest_rows_and_checkpoints_are_found_against_the_last_anchor(
    world: World, tmp_path: Path
) -> None:
    system_read()
    named = system_read()
    anchor(tmp_path)
    [anchored] = anchors_read(tmp_path)
    remove_newest(named)
    with trigger_disabled():
        raw(f"DELETE FROM {CHECKPOINTS} WHERE id >= %s", [anchored.id])
    newest_checkpoint = AuditCheckpoint.objects.order_by("-id").values_list("id", flat=True)
    head = newest_checkpoint.first() or 0

    # Without the anchor the shorter log looks whole; with it, it does not.
    assert verify().startswith("Audit chain OK")
    message = verify_fails("--anchor-dir", str(tmp_path))
    expected = NEWEST_REMOVED.format(head=head, at=anchored.at, id=anchored.id)
    assert message == f"Audit chain BROKEN at checkpoint {anchored.id}: {expected}."


def test_a_checkpoint_removed_from_the_middle_is_found(world: World, tmp_path: Path) -> None:
    system_read()
    first = audit_checkpoint()
    system_read()
    second = audit_checkpoint()
    anchor(tmp_path)
    assert first is not None and second is not None
    with trigger_disabled():
        raw(f"DELETE FROM {CHECKPOINTS} WHERE id = %s", [first.pk])
    assert verify_fails().startswith(f"Audit chain BROKEN at checkpoint {second.pk}: it does not")
    with trigger_disabled():
        raw(f"DELETE FROM {CHECKPOINTS} WHERE id >= %s", [first.pk])
        # Without the checkpoints the rows are whole again, but the anchor names one.
    message = verify_fails("--anchor-dir", str(tmp_path))
    [anchored] = anchors_read(tmp_path)
    assert ANCHORED_CHECKPOINT_MISSING.format(at=anchored.at) not in message
    assert "the newest checkpoints were removed" in message


def test_a_backup_manifest_is_an_anchor_too(world: World, tmp_path: Path) -> None:
    system_read()
    checkpoint = audit_checkpoint()
    assert checkpoint is not None
    manifest = tmp_path / "laget.dump.manifest.json"
    manifest.write_text(
        json.dumps(
            {
                "created": "2026-01-01T02:30:00+00:00",
                "audit_head": {"id": checkpoint.pk, "hash": checkpoint.hash, "kind": "checkpoint"},
            }
        )
    )
    assert "1 anchors matched" in verify("--manifest", str(manifest))
    with trigger_disabled():
        raw(f"DELETE FROM {CHECKPOINTS} WHERE id = %s", [checkpoint.pk])
    assert "the newest checkpoints were removed" in verify_fails("--manifest", str(manifest))


def test_an_old_anchor_of_a_row_is_still_checked(world: World, tmp_path: Path) -> None:
    """Anchors written before chains were split name a row."""
    head = system_read()
    (tmp_path / FILE_NAME).write_text(
        json.dumps({"id": head.pk, "hash": head.hash, "at": "2026-01-01T02:30:00+00:00"}) + "\n"
    )
    assert "1 anchors matched" in verify("--anchor-dir", str(tmp_path))
    with trigger_disabled():
        raw(f"DELETE FROM {TABLE} WHERE id = %s", [head.pk])
    assert "the newest rows were removed" in verify_fails("--anchor-dir", str(tmp_path))


def test_a_broken_chain_is_logged_as_an_error(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    victim = rows()[1]
    with trigger_disabled():
        raw(f"UPDATE {TABLE} SET object_type = %s WHERE id = %s", ["entry", victim.pk])
    with caplog.at_level(logging.ERROR, logger="laget.audit"):
        verify_fails()
    assert [r.getMessage() for r in caplog.records] == [
        f"Audit chain BROKEN at row {victim.pk}: {HASH_MISMATCH}."
    ]


# --- keys and their rotation ----------------------------------------------------------------


def test_after_rotation_old_rows_verify_with_the_old_key() -> None:
    with override_settings(LAGET_AUDIT_KEYS=(OLD_KEY,)):
        before = system_read()
    with override_settings(LAGET_AUDIT_KEYS=(NEW_KEY, OLD_KEY)):
        after = system_read()
    assert (before.key_id, after.key_id) == ("k1", "k2")
    assert after.prev_hash == before.hash
    # Rows the suite's set-up wrote have the test's key: it stays in the keyring, oldest.
    test_key = settings.LAGET_AUDIT_KEYS[-1]
    with override_settings(LAGET_AUDIT_KEYS=(NEW_KEY, OLD_KEY, test_key)):
        assert chain_verify().ok
    with override_settings(LAGET_AUDIT_KEYS=(NEW_KEY, test_key)):
        check = chain_verify()
        assert (check.broken_at, check.problem) == (before.pk, UNKNOWN_KEY)


def test_a_retired_key_cannot_append_after_a_newer_one() -> None:
    with override_settings(LAGET_AUDIT_KEYS=(NEW_KEY, OLD_KEY)):
        start = system_read()
        forged = AuditEvent(
            at=start.at,
            actor_name="system",
            action=AuditAction.READ,
            via=Via.SYSTEM,
            object_type="case",
            case_ids=[],
            chain=start.chain,
        )
        with override_settings(LAGET_AUDIT_KEYS=(OLD_KEY,)):
            link(forged, start.hash)
        forged.save()
    with override_settings(LAGET_AUDIT_KEYS=(NEW_KEY, OLD_KEY, settings.LAGET_AUDIT_KEYS[-1])):
        check = chain_verify()
        assert (check.broken_at, check.problem) == (forged.pk, OLDER_KEY)


def migrate_0005(direction: str) -> None:
    """Run migration 0005's function with the models as a real migrate gives it (plain
    managers), in the test's transaction."""
    state = MigrationExecutor(connection).loader.project_state(("audit", "0004_keyed_chain"))
    with connection.schema_editor() as editor:
        getattr(REHASH, direction)(state.apps, editor)


def test_rows_from_before_the_key_are_rehashed_by_the_migration(world: World) -> None:
    """Production data written before this change: plain SHA-256 rows with no key id."""
    events = rows()
    with trigger_disabled():
        rewrite_keyless(events, prev=GENESIS, key_id="")
    assert not chain_verify().ok
    migrate_0005("rehash")
    assert chain_verify().ok
    assert set(AuditEvent.objects.values_list("key_id", flat=True)) == {CURRENT}
    assert [(e.pk, e.actor_name) for e in rows()] == [(e.pk, e.actor_name) for e in events]


def test_migrating_back_and_forth_keeps_a_verifiable_chain(world: World) -> None:
    as_one_legacy_chain()
    keyed = [e.hash for e in rows()]
    migrate_0005("unkey")
    assert [e.hash for e in rows()] == [e.hash for e in plain_chain(rows())]
    migrate_0005("rehash")
    assert chain_verify().ok
    assert [e.hash for e in rows()] == keyed


def test_the_migration_does_not_rehash_a_chain_that_was_already_broken(world: World) -> None:
    events = rows()
    with trigger_disabled():
        rewrite_keyless(events, prev=GENESIS, key_id="")
        raw(f"UPDATE {TABLE} SET actor_name = %s WHERE id = %s", ["Noen andre", events[3].pk])
    with pytest.raises(RuntimeError, match=f"does not verify as it was \\(row {events[3].pk}\\)"):
        migrate_0005("rehash")


# --- anchors -----------------------------------------------------------------------------------


def test_an_anchor_goes_to_the_log_and_the_anchor_file(
    world: World, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    system_read()
    with caplog.at_level(logging.INFO, logger="laget.audit.anchor"):
        result = anchor(tmp_path)
    head = AuditCheckpoint.objects.get()
    assert result.startswith(f"Anchored checkpoint {head.pk} ({head.hash[:12]}…)")
    [record] = caplog.records
    assert record.name == "laget.audit.anchor"
    assert record.getMessage().startswith(f"audit anchor checkpoint={head.pk} hash={head.hash} at=")
    [saved] = anchors_read(tmp_path)
    assert (saved.id, saved.hash, saved.source, saved.kind) == (
        head.pk,
        head.hash,
        "timer",
        "checkpoint",
    )
    assert (tmp_path / FILE_NAME).stat().st_mode & 0o777 == 0o640


def test_the_next_anchor_names_a_new_checkpoint_only_when_a_chain_moved(
    world: World, tmp_path: Path
) -> None:
    anchor(tmp_path)
    anchor(tmp_path)
    system_read()
    newest_row = system_read()
    anchor(tmp_path)
    first, again, moved = anchors_read(tmp_path)
    assert first.id == again.id < moved.id
    assert AuditCheckpoint.objects.get(pk=moved.id).heads == [[":", newest_row.pk, newest_row.hash]]


def test_no_anchor_is_written_for_a_chain_that_does_not_verify(
    world: World, tmp_path: Path
) -> None:
    anchor(tmp_path)
    edited = system_read()
    with trigger_disabled():
        raw(f"UPDATE {TABLE} SET object_type = %s WHERE id = %s", ["entry", edited.pk])
    with pytest.raises(CommandError, match=f"BROKEN at row {edited.pk}"):
        anchor(tmp_path)
    assert len(anchors_read(tmp_path)) == 1


def test_a_damaged_anchor_file_is_an_error_not_a_pass(world: World, tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text("not json\n")
    with pytest.raises(CommandError, match="line 1: not an audit anchor"):
        verify("--anchor-dir", str(tmp_path))
