"""The access log's retention: the one way audit rows are deleted.

Rows older than LAGET_AUDIT_RETENTION_MONTHS are removed as a prefix of the log (by id), in one
transaction: the log is checked whole first (a log that does not verify is never pruned: that
would destroy the evidence of what broke it), the prune writes its own row to the log, a
boundary (AuditPrune) records the last removed row and, for each chain, its last removed row's
id and hash (where the chain goes on from) under an HMAC with the audit key, and only then are
the rows up to it deleted. The database allows a delete of exactly the
rows a boundary covers (migration 0007); `chain_verify` starts from the newest boundary.

Production's application role has no DELETE on the log (laget/ops/grants.py): run
`manage.py audit_prune` as the database owner, like `migrate` (docs/RETENTION.md).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from laget.audit.chain import chain_verify, prune_hash
from laget.audit.checkpoints import lock_checkpoints
from laget.audit.models import AuditAction, AuditEvent, AuditPrune, Via
from laget.audit.periods import months_before
from laget.audit.services import Actor, audit_record

CHAIN_BROKEN = "The audit chain does not verify ({summary}); nothing was pruned."


class AuditPruneRefused(Exception):
    pass


@dataclass(frozen=True)
class PruneResult:
    before: datetime.datetime
    rows: int
    through_id: int | None


def prune_cutoff(now: datetime.datetime | None = None) -> datetime.datetime | None:
    """Rows written before this moment are past retention; None: the log is kept for ever."""
    months = settings.LAGET_AUDIT_RETENTION_MONTHS
    if not months:
        return None
    return months_before(now or timezone.now(), months)


def _through(before: datetime.datetime) -> int | None:
    """The last row of the prefix written before `before`: every row up to it is older."""
    first_young = (
        AuditEvent.objects.filter(at__gte=before).order_by("id").values_list("id", flat=True)
    ).first()
    old = AuditEvent.objects.filter(at__lt=before)
    if first_young is not None:
        old = old.filter(id__lt=first_young)
    return old.order_by("-id").values_list("id", flat=True).first()


def _chain_ends(through: int) -> list[list[object]]:
    """Each chain's newest row up to `through` (for databases without DISTINCT ON)."""
    ends: dict[str, list[object]] = {}
    rows = AuditEvent.objects.filter(id__lte=through).order_by("id")
    for chain, row_id, row_hash, key_id in rows.values_list("chain", "id", "hash", "key_id"):
        ends[chain] = [chain, row_id, row_hash, key_id]
    return [ends[chain] for chain in sorted(ends)]


@transaction.atomic
def audit_prune(*, before: datetime.datetime, dry_run: bool = False) -> PruneResult:
    lock_checkpoints()
    through = _through(before)
    if through is None:
        return PruneResult(before, 0, None)
    rows = AuditEvent.objects.filter(id__lte=through).count()
    if dry_run:
        return PruneResult(before, rows, through)
    check = chain_verify()
    if not check.ok:
        raise AuditPruneRefused(CHAIN_BROKEN.format(summary=check.summary()))
    # The prune is in the log itself, after the rows it keeps.
    audit_record(
        actor=Actor(None, via=Via.SYSTEM),
        action=AuditAction.DELETE,
        object_type="audit_prune",
        object_id=through,
    )
    last_hash, last_key = AuditEvent.objects.filter(id=through).values_list("hash", "key_id").get()
    # Each chain's last removed row (the one it goes on from).
    heads = (
        [
            list(head)
            for head in AuditEvent.objects.filter(id__lte=through)
            .order_by("chain", "-id")
            .distinct("chain")
            .values_list("chain", "id", "hash", "key_id")
        ]
        if connection.vendor == "postgresql"
        else _chain_ends(through)
    )
    key_id, key = settings.LAGET_AUDIT_KEYS[0]
    boundary = AuditPrune(
        at=timezone.now(),
        before=before,
        through_id=through,
        through_hash=last_hash,
        through_key_id=last_key,
        rows=rows,
        heads=heads,
        key_id=key_id,
    )
    boundary.hash = prune_hash(boundary, key)
    boundary.save()
    # The only delete of audit rows: raw, since the model and its querysets refuse, and
    # allowed by the database for these rows only because the boundary now covers them.
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {AuditEvent._meta.db_table} WHERE id <= %s",  # noqa: S608
            [through],
        )
        deleted = cursor.rowcount
    if deleted != rows:
        raise AuditPruneRefused(f"Expected to prune {rows} rows, found {deleted}.")
    return PruneResult(before, rows, through)
