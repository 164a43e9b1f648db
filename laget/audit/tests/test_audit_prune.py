"""The access log's retention: the oldest rows are pruned as a prefix, the chain still verifies
from the recorded boundary, and the database lets no other row go."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.utils import timezone

from laget.audit.chain import (
    CHECKPOINTED_ROW_MISSING,
    PRUNE_FORGED,
    ROW,
    Anchor,
    chain_verify,
)
from laget.audit.checkpoints import audit_checkpoint
from laget.audit.models import AuditEvent, AuditImmutableError, AuditPrune, Via
from laget.audit.prune import AuditPruneRefused, audit_prune
from laget.audit.services import Actor, audit_record
from laget.audit.tests.tamper import raw, trigger_disabled

pytestmark = pytest.mark.django_db
# The intruder's tools switch the trigger off on PostgreSQL only (tamper.py).
needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="tampering needs the PostgreSQL trigger switch"
)

NOW = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)
OLD = datetime.datetime(2019, 3, 1, 9, tzinfo=datetime.UTC)
CUTOFF = datetime.datetime(2021, 6, 1, tzinfo=datetime.UTC)
TABLE = AuditEvent._meta.db_table


def write(monkeypatch: pytest.MonkeyPatch, when: datetime.datetime, n: int) -> list[AuditEvent]:
    rows = []
    with monkeypatch.context() as m:
        m.setattr(timezone, "now", lambda: when)
        for i in range(n):
            rows.append(
                audit_record(
                    actor=Actor(None, via=Via.SYSTEM),
                    action="read",
                    object_type="case",
                    object_id=i + 1,
                    case_id=i + 1,
                )
            )
    return rows


@pytest.fixture
def log(monkeypatch: pytest.MonkeyPatch) -> tuple[list[AuditEvent], list[AuditEvent]]:
    old = write(monkeypatch, OLD, 4)
    young = write(monkeypatch, NOW - datetime.timedelta(days=3), 3)
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return old, young


def test_the_old_prefix_goes_and_the_chain_verifies_from_the_boundary(
    log: tuple[list[AuditEvent], list[AuditEvent]],
) -> None:
    old, young = log
    result = audit_prune(before=CUTOFF)
    assert (result.rows, result.through_id) == (4, old[-1].pk)
    assert not AuditEvent.objects.filter(pk__in=[e.pk for e in old]).exists()
    assert AuditEvent.objects.filter(pk__in=[e.pk for e in young]).count() == 3
    boundary = AuditPrune.objects.get()
    assert (boundary.through_id, boundary.through_hash) == (old[-1].pk, old[-1].hash)
    # The prune is itself in the log, after what it kept.
    assert AuditEvent.objects.order_by("-id").first().object_type == "audit_prune"  # type: ignore[union-attr]
    check = chain_verify()
    assert check.ok, check.summary()
    assert check.rows == 4  # the three kept and the prune's own row


def test_a_dry_run_counts_and_deletes_nothing(
    log: tuple[list[AuditEvent], list[AuditEvent]],
) -> None:
    result = audit_prune(before=CUTOFF, dry_run=True)
    assert result.rows == 4
    assert AuditEvent.objects.count() == 7 and not AuditPrune.objects.exists()


def test_the_database_refuses_to_delete_a_row_after_the_boundary(
    log: tuple[list[AuditEvent], list[AuditEvent]],
) -> None:
    _old, young = log
    audit_prune(before=CUTOFF)
    with pytest.raises(DatabaseError), transaction.atomic():
        raw(f"DELETE FROM {TABLE} WHERE id = %s", [young[0].pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        raw(f"UPDATE {TABLE} SET actor_name = 'x' WHERE id = %s", [young[0].pk])
    assert AuditEvent.objects.filter(pk=young[0].pk).exists()


def test_a_boundary_is_never_changed_or_deleted(
    log: tuple[list[AuditEvent], list[AuditEvent]],
) -> None:
    audit_prune(before=CUTOFF)
    boundary = AuditPrune.objects.get()
    with pytest.raises(AuditImmutableError):
        boundary.save()
    with pytest.raises(AuditImmutableError):
        AuditPrune.objects.all().delete()
    for sql in (
        "UPDATE audit_auditprune SET through_id = through_id + 1",
        "DELETE FROM audit_auditprune",
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            raw(sql, [])


def test_old_rows_removed_with_a_forged_boundary_break_the_chain(
    log: tuple[list[AuditEvent], list[AuditEvent]],
) -> None:
    """An intruder without the key writes a boundary so that the database lets rows go."""
    old, _young = log
    AuditPrune.objects.create(
        at=NOW,
        before=NOW,
        through_id=old[1].pk,
        through_hash=old[1].hash,
        through_key_id=old[1].key_id,
        rows=2,
        hash="f" * 64,
        key_id=old[1].key_id,
    )
    raw(f"DELETE FROM {TABLE} WHERE id <= %s", [old[1].pk])
    check = chain_verify()
    assert check.broken_at == old[1].pk
    assert check.problem == PRUNE_FORGED.format(id=old[1].pk)


@needs_postgresql
def test_rows_removed_after_a_prune_without_one_are_found(
    log: tuple[list[AuditEvent], list[AuditEvent]],
) -> None:
    _old, young = log
    audit_prune(before=CUTOFF)
    checkpoint = audit_checkpoint()
    assert checkpoint is not None
    with trigger_disabled():
        raw(f"DELETE FROM {TABLE} WHERE id = %s", [young[0].pk])
    check = chain_verify()
    assert check.broken_at == young[0].pk
    assert check.problem == CHECKPOINTED_ROW_MISSING.format(checkpoint=checkpoint.pk)


def test_each_chain_goes_on_from_its_own_last_pruned_row(
    log: tuple[list[AuditEvent], list[AuditEvent]],
) -> None:
    old, young = log
    audit_prune(before=CUTOFF)
    boundary = AuditPrune.objects.get()
    # Four old rows in four chains (one per case); the young rows go on from three of them.
    assert [chain for chain, *_rest in boundary.heads] == sorted(e.chain for e in old)
    assert {e.chain: e.prev_hash for e in young} == {
        chain: row_hash for chain, _id, row_hash, _key in boundary.heads if chain != old[3].chain
    }


def test_anchors_of_pruned_rows_are_passed_over(
    log: tuple[list[AuditEvent], list[AuditEvent]],
) -> None:
    old, young = log
    anchors = [
        Anchor(old[0].pk, old[0].hash, "2019", kind=ROW),
        Anchor(young[1].pk, young[1].hash, "2026", kind=ROW),
    ]
    audit_prune(before=CUTOFF)
    check = chain_verify(anchors=anchors)
    assert check.ok and check.anchors_matched == 1


@needs_postgresql
def test_a_chain_that_does_not_verify_is_not_pruned(
    log: tuple[list[AuditEvent], list[AuditEvent]],
) -> None:
    _old, young = log
    with trigger_disabled():
        raw(f"UPDATE {TABLE} SET actor_name = 'x' WHERE id = %s", [young[0].pk])
    with pytest.raises(AuditPruneRefused):
        audit_prune(before=CUTOFF)
    assert AuditEvent.objects.count() == 7 and not AuditPrune.objects.exists()


def test_the_command_prunes_after_the_setting(
    log: tuple[list[AuditEvent], list[AuditEvent]],
) -> None:
    out = io.StringIO()
    with override_settings(LAGET_AUDIT_RETENTION_MONTHS=0):
        call_command("audit_prune", stdout=out)
    assert "kept for ever" in out.getvalue()
    with override_settings(LAGET_AUDIT_RETENTION_MONTHS=60):
        call_command("audit_prune", "--dry-run", stdout=out)
        assert "Would prune 4 audit rows" in out.getvalue()
        call_command("audit_prune", stdout=out)
    assert "Pruned 4 audit rows" in out.getvalue()
    assert chain_verify().ok
