"""Checkpoints: the heads of the audit chains that moved, chained and HMAC'd under the audit key.

`audit_checkpoint()` runs every few minutes (`manage.py audit_checkpoint`, deploy/systemd/
laget-audit-checkpoint.timer), before every anchor and before every backup. It takes the heads
marked dirty by appends, skipping any head an append holds at that moment (it is taken next
time), so that no append ever waits for it; it then writes one AuditCheckpoint linked to the one
before it. Checkpoints take turns among themselves (an advisory lock on PostgreSQL), never with
appends. What a checkpoint names must stay in the log: the check (laget/audit/chain.py) finds
the newest rows of a chain removed once a checkpoint has named them, and the anchor outside the
database (laget/audit/anchors.py) names the newest checkpoint.
"""

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from laget.audit.chain import GENESIS, checkpoint_hash
from laget.audit.models import AuditChainHead, AuditCheckpoint

# Arbitrary constant key for the PostgreSQL advisory lock that serialises checkpoints and prunes.
CHECKPOINT_LOCK_KEY = 7_311_043


def lock_checkpoints() -> None:
    """Inside a transaction: wait until no other checkpoint or prune is being written."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHECKPOINT_LOCK_KEY])


@transaction.atomic
def audit_checkpoint() -> AuditCheckpoint | None:
    """Write a checkpoint of the heads that moved since the last one; None when none moved
    and there is a checkpoint already (the first is written even over an empty log, so that
    an anchor always has a checkpoint to name)."""
    lock_checkpoints()
    moved = AuditChainHead.objects.filter(dirty=True).order_by("chain")
    if connection.features.has_select_for_update_skip_locked:
        moved = moved.select_for_update(skip_locked=True)
    heads = [list(head) for head in moved.values_list("chain", "row_id", "hash")]
    last = AuditCheckpoint.objects.order_by("-id").values_list("hash", flat=True).first()
    if not heads and last is not None:
        return None
    AuditChainHead.objects.filter(chain__in=[chain for chain, _id, _hash in heads]).update(
        dirty=False
    )
    key_id, key = settings.LAGET_AUDIT_KEYS[0]
    checkpoint = AuditCheckpoint(
        at=timezone.now(), heads=heads, prev_hash=last or GENESIS, key_id=key_id
    )
    checkpoint.hash = checkpoint_hash(checkpoint, key)
    checkpoint.save()
    return checkpoint
