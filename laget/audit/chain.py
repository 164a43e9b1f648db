"""The audit chains: how a row is linked to the one before it in its chain, and the check of
every chain, of the checkpoints over them, and of the anchors outside the database.

A row's hash is HMAC-SHA256, under the current key of LAGET_AUDIT_KEYS, of its content, its
key id, its chain and the previous row's hash in that chain. The keys live in the environment,
never in the database: whoever can only write to the database can change or delete rows, but
cannot compute hashes that verify, so an edited row, a chain rewritten with plain SHA-256 and a
removed row in the middle are all found.

There is one chain per person and case (`chain_key`: the actor's id and the case's id), so that
appends by different people, or to different cases, never wait for each other (laget/audit/
services.py); rows written before chains were split form the one chain "". Removing the newest
rows of a chain leaves a valid shorter chain: checkpoints (laget/audit/checkpoints.py) name the
heads of the chains that moved, chained among themselves and HMAC'd, so a removed row that a
checkpoint names is found; anchors outside the database (laget/audit/anchors.py) name the
newest checkpoint, so removed checkpoints are found too.

After the retention period the oldest rows are pruned (laget/audit/prune.py): a boundary
(AuditPrune, itself an HMAC under the key) names each chain's last removed row and its hash, and
the check of each chain starts there.

Keys rotate by putting a new one first: rows keep the id of the key that made them, and a row
may never use an older key than the row before it in its chain (a retired key that leaks cannot
be used to append rows). Rows from before the chain had a key were re-hashed by migration 0005.
"""

import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.expressions import RawSQL

from laget.audit.models import AuditCheckpoint, AuditEvent, AuditPrune

GENESIS = "0" * 64
# The chain of the rows written before chains were split (hashed without a chain).
LEGACY_CHAIN = ""
# The hashed content, in this order (after the previous hash, the key id and the chain).
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
    "the log ends at checkpoint {head}, but the anchor taken {at} names checkpoint {id}: "
    "the newest checkpoints were removed"
)
NEWEST_ROWS_REMOVED = (
    "the log ends at row {head}, but the anchor taken {at} names row {id}: "
    "the newest rows were removed"
)
CHECKPOINT_LINK_BROKEN = (
    "it does not link to the checkpoint before it (a checkpoint was removed or changed)"
)
CHECKPOINT_MISMATCH = "its hash does not match its content (changed, or written without the key)"
CHECKPOINTED_ROW_MISSING = (
    "checkpoint {checkpoint} names it as the head of its chain, and it is missing: "
    "the newest rows of that chain were removed"
)
CHECKPOINTED_ROW_DIFFERS = "it differs from the head that checkpoint {checkpoint} names"
ANCHORED_CHECKPOINT_MISSING = "the checkpoint named by the anchor taken {at} is missing"

ROW, CHECKPOINT = "row", "checkpoint"


def chain_key(actor_id: int | None, case_id: int | None) -> str:
    """The chain of an append by `actor_id` (None: the system) about `case_id` (None: no case,
    or a list of cases)."""
    return f"{actor_id or ''}:{case_id or ''}"


def keyed_hash(prev_hash: str, key_id: str, chain: str, values: Sequence[Any], key: bytes) -> str:
    at, *rest = values
    head = [prev_hash, key_id] if chain == LEGACY_CHAIN else [prev_hash, key_id, chain]
    items = [*head, at.isoformat(), *rest]
    payload = json.dumps(items, separators=(",", ":"), ensure_ascii=False).encode()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def _hmac(items: list[Any], key: bytes) -> str:
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
    # Boundaries from before chains were split have no heads, and keep their old hash.
    return _hmac([*items, prune.heads] if prune.heads else items, key)


def checkpoint_hash(checkpoint: AuditCheckpoint, key: bytes) -> str:
    items = [
        "checkpoint",
        checkpoint.prev_hash,
        checkpoint.key_id,
        checkpoint.at.isoformat(),
        checkpoint.heads,
    ]
    return _hmac(items, key)


def link(event: AuditEvent, prev_hash: str) -> None:
    """Chain the unsaved `event` after the row of its chain whose hash is `prev_hash`, with the
    current key."""
    key_id, key = settings.LAGET_AUDIT_KEYS[0]
    event.prev_hash = prev_hash
    event.key_id = key_id
    values = [getattr(event, f) for f in FIELDS]
    event.hash = keyed_hash(prev_hash, key_id, event.chain, values, key)


@dataclass(frozen=True)
class Anchor:
    """What was written outside the database at `at` (ISO 8601): the newest checkpoint's id and
    hash (`kind` "checkpoint"), or, in anchors from before chains were split, the head row's."""

    id: int
    hash: str
    at: str
    source: str = ""
    kind: str = CHECKPOINT


@dataclass(frozen=True)
class ChainCheck:
    rows: int
    # The newest checkpoint, as an anchor would name it (None: no checkpoint yet).
    head: Anchor | None
    anchors_matched: int = 0
    broken_at: int | None = None
    problem: str = ""
    chains: int = 0
    checkpoints: int = 0
    # What broken_at counts: a row or a checkpoint.
    broken_kind: str = ROW

    @property
    def ok(self) -> bool:
        return self.broken_at is None

    def summary(self) -> str:
        """One line, ids and counts only."""
        if not self.ok:
            return f"Audit chain BROKEN at {self.broken_kind} {self.broken_at}: {self.problem}."
        if self.rows == 0 and self.head is None:
            return f"Audit chain OK: the log is empty, {self.anchors_matched} anchors matched."
        upto = f"up to checkpoint {self.head.id}" if self.head else "no checkpoint yet"
        return (
            f"Audit chain OK: {self.rows} rows in {self.chains} chains checked, "
            f"{self.checkpoints} checkpoints ({upto}), {self.anchors_matched} anchors matched."
        )


class _Broken(Exception):
    def __init__(self, at: int, problem: str, kind: str = ROW) -> None:
        super().__init__(problem)
        self.at, self.problem, self.kind = at, problem, kind


class _Keys:
    def __init__(self) -> None:
        keyring = settings.LAGET_AUDIT_KEYS
        self.keys = dict(keyring)
        self.rank = {key_id: i for i, (key_id, _) in enumerate(keyring)}
        self.oldest = len(keyring)


def _chain_rows(events: models.QuerySet[Any], after_id: int) -> Iterator[tuple[Any, ...]]:
    """Every row after `after_id`, chain by chain and in order within each, read in chunks by
    (chain, id) along the index."""
    columns = ("chain", "id", "prev_hash", "hash", "key_id", *FIELDS)
    last: tuple[str, int] | None = None
    while True:
        rows = events.filter(id__gt=after_id)
        if last is not None:
            rows = rows.filter(
                RawSQL("(chain, id) > (%s, %s)", last, output_field=models.BooleanField())
            )
        chunk = list(rows.order_by("chain", "id").values_list(*columns)[:CHUNK])
        if not chunk:
            return
        yield from chunk
        last = (chunk[-1][0], chunk[-1][1])


def _prune_starts(boundary: AuditPrune | None, keys: _Keys) -> dict[str, tuple[str, int]]:
    """Where each chain goes on from after the newest pruning boundary: hash and key rank."""
    if boundary is None:
        return {}
    key = keys.keys.get(boundary.key_id)
    if key is None or prune_hash(boundary, key) != boundary.hash:
        raise _Broken(boundary.through_id, PRUNE_FORGED.format(id=boundary.through_id))
    if not boundary.heads:
        return {
            LEGACY_CHAIN: (
                boundary.through_hash,
                keys.rank.get(boundary.through_key_id, keys.oldest),
            )
        }
    return {
        chain: (row_hash, keys.rank.get(key_id, keys.oldest))
        for chain, _id, row_hash, key_id in boundary.heads
    }


def _check_rows(
    events: models.QuerySet[Any], pruned: int, starts: dict[str, Any], keys: _Keys
) -> tuple[int, int]:
    rows = chains = 0
    chain: str | None = None
    prev, prev_rank = GENESIS, keys.oldest
    for row_chain, row_id, prev_hash, row_hash, key_id, *values in _chain_rows(events, pruned):
        if row_chain != chain:
            chain, chains = row_chain, chains + 1
            prev, prev_rank = starts.get(row_chain, (GENESIS, keys.oldest))
        if prev_hash != prev:
            raise _Broken(row_id, LINK_BROKEN)
        row_rank = keys.rank.get(key_id)
        if row_rank is None:
            raise _Broken(row_id, UNKNOWN_KEY)
        if row_rank > prev_rank:
            raise _Broken(row_id, OLDER_KEY)
        # A plain comparison: nothing secret is compared, and compare_digest would raise on a
        # hash an intruder made non-ASCII.
        if keyed_hash(prev, key_id, row_chain, values, keys.keys[key_id]) != row_hash:
            raise _Broken(row_id, HASH_MISMATCH)
        prev, prev_rank = row_hash, row_rank
        rows += 1
    return rows, chains


def _check_claims(events: models.QuerySet[Any], claims: dict[int, tuple[str, str, int]]) -> None:
    """Every row a checkpoint names is there, in its chain, with the hash named."""
    found = {
        row_id: (chain, row_hash)
        for row_id, chain, row_hash in events.filter(id__in=list(claims)).values_list(
            "id", "chain", "hash"
        )
    }
    for row_id in sorted(claims):
        chain, row_hash, checkpoint = claims[row_id]
        if row_id not in found:
            raise _Broken(row_id, CHECKPOINTED_ROW_MISSING.format(checkpoint=checkpoint))
        if found[row_id] != (chain, row_hash):
            raise _Broken(row_id, CHECKPOINTED_ROW_DIFFERS.format(checkpoint=checkpoint))


def _check_checkpoints(
    using: str, events: models.QuerySet[Any], pruned: int, keys: _Keys
) -> tuple[int, Anchor | None]:
    checkpoints = AuditCheckpoint.objects.using(using).order_by("id")
    prev, prev_rank, count, last = GENESIS, keys.oldest, 0, 0
    head: Anchor | None = None
    claims: dict[int, tuple[str, str, int]] = {}
    while True:
        chunk = list(checkpoints.filter(id__gt=last)[:CHUNK])
        if not chunk:
            break
        for checkpoint in chunk:
            if checkpoint.prev_hash != prev:
                raise _Broken(checkpoint.pk, CHECKPOINT_LINK_BROKEN, CHECKPOINT)
            rank = keys.rank.get(checkpoint.key_id)
            if rank is None:
                raise _Broken(checkpoint.pk, UNKNOWN_KEY, CHECKPOINT)
            if rank > prev_rank:
                raise _Broken(checkpoint.pk, OLDER_KEY, CHECKPOINT)
            if checkpoint_hash(checkpoint, keys.keys[checkpoint.key_id]) != checkpoint.hash:
                raise _Broken(checkpoint.pk, CHECKPOINT_MISMATCH, CHECKPOINT)
            for chain, row_id, row_hash in checkpoint.heads:
                if row_id > pruned:
                    claims[row_id] = (chain, row_hash, checkpoint.pk)
            if len(claims) >= CHUNK:
                _check_claims(events, claims)
                claims = {}
            prev, prev_rank, count = checkpoint.hash, rank, count + 1
            head = Anchor(id=checkpoint.pk, hash=checkpoint.hash, at=checkpoint.at.isoformat())
        last = chunk[-1].pk
    if claims:
        _check_claims(events, claims)
    return count, head


def _check_anchors(
    using: str, events: models.QuerySet[Any], pruned: int, anchors: Iterable[Anchor]
) -> int:
    """Every anchor's checkpoint (or, in old anchors, row) is there with the anchored hash."""
    matched = 0
    newest_row = events.order_by("-id").values_list("id", flat=True).first() or 0
    checkpoints = AuditCheckpoint.objects.using(using)
    newest_checkpoint = checkpoints.order_by("-id").values_list("id", flat=True).first() or 0
    for anchor in sorted(anchors, key=lambda a: (a.kind, a.id)):
        if anchor.kind == CHECKPOINT:
            found = checkpoints.filter(id=anchor.id).values_list("hash", flat=True).first()
            if found is None:
                if anchor.id > newest_checkpoint:
                    removed = NEWEST_REMOVED.format(
                        head=newest_checkpoint, at=anchor.at, id=anchor.id
                    )
                    raise _Broken(anchor.id, removed, CHECKPOINT)
                raise _Broken(
                    anchor.id, ANCHORED_CHECKPOINT_MISSING.format(at=anchor.at), CHECKPOINT
                )
            if found != anchor.hash:
                raise _Broken(anchor.id, ANCHOR_DIFFERS.format(at=anchor.at), CHECKPOINT)
        else:
            if anchor.id <= pruned:
                continue  # the anchored row was pruned with its retention period
            found = events.filter(id=anchor.id).values_list("hash", flat=True).first()
            if found is None:
                if anchor.id > newest_row:
                    removed = NEWEST_ROWS_REMOVED.format(
                        head=newest_row, at=anchor.at, id=anchor.id
                    )
                    raise _Broken(anchor.id, removed)
                raise _Broken(anchor.id, ANCHORED_ROW_MISSING.format(at=anchor.at))
            if found != anchor.hash:
                raise _Broken(anchor.id, ANCHOR_DIFFERS.format(at=anchor.at))
        matched += 1
    return matched


def chain_verify(*, using: str = "default", anchors: Iterable[Anchor] = ()) -> ChainCheck:
    """Check the log in database `using`: every row follows from the one before it in its
    chain under the keys, every checkpoint from the one before it, every row a checkpoint
    names is there with the hash named, and every anchor's checkpoint is there."""
    keys = _Keys()
    events = AuditEvent.objects.using(using)
    rows = chains = matched = checkpoints = 0
    head: Anchor | None = None
    try:
        boundary = AuditPrune.objects.using(using).order_by("-through_id").first()
        starts = _prune_starts(boundary, keys)
        pruned = boundary.through_id if boundary else 0
        rows, chains = _check_rows(events, pruned, starts, keys)
        checkpoints, head = _check_checkpoints(using, events, pruned, keys)
        matched = _check_anchors(using, events, pruned, anchors)
    except _Broken as broken:
        return ChainCheck(
            rows, head, matched, broken.at, broken.problem, chains, checkpoints, broken.kind
        )
    return ChainCheck(rows, head, matched, chains=chains, checkpoints=checkpoints)
