"""The audit chain: how a row is linked to the one before it, and the check of the whole chain.

A row's hash is HMAC-SHA256, under the current key of LAGET_AUDIT_KEYS, of its content, its
key id and the previous row's hash. The keys live in the environment, never in the database:
whoever can only write to the database can change or delete rows, but cannot compute hashes
that verify, so an edited row, a chain rewritten with plain SHA-256 and a removed row in the
middle are all found. Removing the newest rows leaves a valid shorter chain: anchors (the head
written outside the database, laget/audit/anchors.py) are what notices that.

After the retention period the oldest rows are pruned (laget/audit/prune.py): a boundary
(AuditPrune, itself an HMAC under the key) names the last removed row and its hash, and the
check starts there.

Keys rotate by putting a new one first: rows keep the id of the key that made them, and a row
may never use an older key than the row before it (a retired key that leaks cannot be used to
append rows). Rows from before the chain had a key were re-hashed by migration 0005.
"""

import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from laget.audit.models import AuditEvent, AuditPrune

GENESIS = "0" * 64
# The hashed content, in this order (after the previous hash and the key id).
FIELDS = (
    "at",
    "actor_id",
    "actor_name",
    "actor_unit",
    "action",
    "via",
    "case_id",
    "object_type",
    "object_id",
    "case_ids",
)
CHUNK = 5000

LINK_BROKEN = "it does not link to the row before it (a row before it was removed or changed)"
HASH_MISMATCH = (
    "its hash does not match its content (the row was changed, or hashed without the key)"
)
UNKNOWN_KEY = "it names a key that is not in LAGET_AUDIT_KEYS"
OLDER_KEY = "it is hashed with an older key than the row before it"
ANCHOR_DIFFERS = "it differs from the anchor taken {at}"
ANCHORED_ROW_MISSING = "the row named by the anchor taken {at} is missing"
PRUNE_FORGED = (
    "the pruning boundary at row {id} does not verify with the audit keys (old rows were "
    "removed, and the boundary written, without them)"
)
NEWEST_REMOVED = (
    "the chain ends at row {head}, but the anchor taken {at} names row {id}: "
    "the newest rows were removed"
)


def keyed_hash(prev_hash: str, key_id: str, values: Sequence[Any], key: bytes) -> str:
    at, *rest = values
    items = [prev_hash, key_id, at.isoformat(), *rest]
    payload = json.dumps(items, separators=(",", ":"), ensure_ascii=False).encode()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def prune_hash(prune: AuditPrune, key: bytes) -> str:
    """The HMAC of a pruning boundary (laget/audit/prune.py): whoever removes the oldest rows
    without the key cannot write a boundary that lets the rest of the chain verify."""
    items = [
        "prune",
        prune.key_id,
        prune.at.isoformat(),
        prune.before.isoformat(),
        prune.through_id,
        prune.through_hash,
        prune.through_key_id,
        prune.rows,
    ]
    payload = json.dumps(items, separators=(",", ":"), ensure_ascii=False).encode()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def link(event: AuditEvent, prev_hash: str) -> None:
    """Chain the unsaved `event` after the row whose hash is `prev_hash`, with the current key."""
    key_id, key = settings.LAGET_AUDIT_KEYS[0]
    event.prev_hash = prev_hash
    event.key_id = key_id
    event.hash = keyed_hash(prev_hash, key_id, [getattr(event, f) for f in FIELDS], key)


@dataclass(frozen=True)
class Anchor:
    """The chain's head as it was written outside the database at `at` (ISO 8601)."""

    id: int
    hash: str
    at: str
    source: str = ""


@dataclass(frozen=True)
class ChainCheck:
    rows: int
    head: Anchor | None
    anchors_matched: int = 0
    broken_at: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None

    def summary(self) -> str:
        """One line, ids and counts only."""
        if not self.ok:
            return f"Audit chain BROKEN at row {self.broken_at}: {self.problem}."
        if self.head is None:
            return f"Audit chain OK: the log is empty, {self.anchors_matched} anchors matched."
        return (
            f"Audit chain OK: {self.rows} rows checked up to row {self.head.id}, "
            f"{self.anchors_matched} anchors matched."
        )


def chain_verify(
    *, using: str = "default", anchors: Iterable[Anchor] = (), after: Anchor | None = None
) -> ChainCheck:
    """Check the chain in database `using` against the keys and `anchors`: every row follows
    from the one before, and every anchored row is there with the anchored hash.

    With `after` (the last anchor, already checked up to), only the rows after it are read:
    its row must still be there with its hash, and the chain goes on from it."""
    keyring = settings.LAGET_AUDIT_KEYS
    keys = dict(keyring)
    rank = {key_id: i for i, (key_id, _) in enumerate(keyring)}
    events = AuditEvent.objects.using(using)
    newest = events.order_by("-id").values_list("id", "hash").first()
    head = Anchor(id=newest[0], hash=newest[1], at="") if newest else None
    pending: dict[int, list[Anchor]] = {}
    for anchor in anchors:
        pending.setdefault(anchor.id, []).append(anchor)
    rows = matched = 0

    def broken(row_id: int, problem: str) -> ChainCheck:
        return ChainCheck(rows, head, matched, row_id, problem)

    prev, prev_rank, last = GENESIS, len(keyring), 0
    # After a prune the chain starts at its newest boundary: the last removed row's hash.
    boundary = AuditPrune.objects.using(using).order_by("-through_id").first()
    if boundary is not None:
        key = keys.get(boundary.key_id)
        if key is None or prune_hash(boundary, key) != boundary.hash:
            return broken(boundary.through_id, PRUNE_FORGED.format(id=boundary.through_id))
        prev, last = boundary.through_hash, boundary.through_id
        prev_rank = rank.get(boundary.through_key_id, len(keyring))
        # Anchors of removed rows (and a starting point among them) can no longer be checked.
        pending = {i: a for i, a in pending.items() if i > boundary.through_id}
        if after is not None and after.id <= boundary.through_id:
            after = None
    if after is not None:
        start = events.filter(id=after.id).values_list("hash", "key_id").first()
        if start is None:
            if head is None or head.id < after.id:
                return broken(
                    after.id,
                    NEWEST_REMOVED.format(head=head.id if head else 0, at=after.at, id=after.id),
                )
            return broken(after.id, ANCHORED_ROW_MISSING.format(at=after.at))
        if start[0] != after.hash:
            return broken(after.id, ANCHOR_DIFFERS.format(at=after.at))
        matched += 1
        prev, prev_rank, last = after.hash, rank.get(start[1], len(keyring)), after.id
        pending = {i: a for i, a in pending.items() if i > after.id}
    end = head.id if head else 0
    columns = ("id", "prev_hash", "hash", "key_id", *FIELDS)
    while True:
        chunk = list(
            events.filter(id__gt=last, id__lte=end).order_by("id").values_list(*columns)[:CHUNK]
        )
        if not chunk:
            break
        for row_id, prev_hash, row_hash, key_id, *values in chunk:
            if prev_hash != prev:
                return broken(row_id, LINK_BROKEN)
            row_rank = rank.get(key_id)
            if row_rank is None:
                return broken(row_id, UNKNOWN_KEY)
            if row_rank > prev_rank:
                return broken(row_id, OLDER_KEY)
            # A plain comparison: nothing secret is compared, and compare_digest would raise on
            # a hash an intruder made non-ASCII.
            if keyed_hash(prev, key_id, values, keys[key_id]) != row_hash:
                return broken(row_id, HASH_MISMATCH)
            for anchor in pending.pop(row_id, ()):
                if anchor.hash != row_hash:
                    return broken(row_id, ANCHOR_DIFFERS.format(at=anchor.at))
                matched += 1
            prev, prev_rank = row_hash, row_rank
            rows += 1
        last = chunk[-1][0]
    if pending:
        # Anchored rows the chain does not hold: removed from the end, or removed before rows
        # were appended after them (the links then look whole).
        row_id = min(pending)
        anchor = pending[row_id][0]
        if row_id > end:
            return broken(row_id, NEWEST_REMOVED.format(head=end, at=anchor.at, id=row_id))
        return broken(row_id, ANCHORED_ROW_MISSING.format(at=anchor.at))
    return ChainCheck(rows, head, matched)
