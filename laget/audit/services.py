"""Writing to the access log. Every write goes through `audit_record` or `audit_list`.

An append locks the head of its chain (one row of AuditChainHead per person and case, laget/
audit/chain.py `chain_key`), links the new rows to it and moves it, in two statements on
PostgreSQL: appends to the same chain take turns, appends to different chains never wait for
each other. Inside the caller's transaction no savepoint is made: a failed append fails the
action it records."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models.sql import InsertQuery
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.chain import GENESIS, chain_key, chain_verify, link
from laget.audit.models import AuditAction, AuditChainHead, AuditEvent, Via
from laget.lib.practice import is_practice_case

EVENTS = AuditEvent._meta.db_table
HEADS = AuditChainHead._meta.db_table
# Takes (and on a chain's first append creates) the chain's head row, locked until the end of
# the transaction, and returns the hash the next row links to.
TAKE_HEAD = (
    f"INSERT INTO {HEADS} (chain, row_id, hash, dirty) VALUES (%s, 0, %s, false) "  # noqa: S608
    f"ON CONFLICT (chain) DO UPDATE SET dirty = {HEADS}.dirty RETURNING hash"
)
# PostgreSQL: the rows and the head's move in one statement (the ids come back in order).
APPEND = (
    "WITH e AS ({insert}), h AS (UPDATE "  # noqa: S608 - fixed names, values are parameters
    + HEADS
    + " SET row_id = (SELECT max(id) FROM e), hash = %s, dirty = true WHERE chain = %s)"
    " SELECT id FROM e ORDER BY id"
)
INSERTED = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]


@dataclass(frozen=True)
class Actor:
    """Who acts, and through which door."""

    user: User | None
    via: str = Via.WEB
    unit_name: str = ""


def _append(chain: str, events: Sequence[AuditEvent]) -> list[AuditEvent]:
    """Link `events` (unsaved, in order, all of `chain`) after the chain's head and save them."""
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute(TAKE_HEAD, [chain, GENESIS])
        prev = cursor.fetchone()[0]
        for event in events:
            event.chain = chain
            link(event, prev)
            prev = event.hash
        if connection.vendor != "postgresql":
            AuditEvent.objects.bulk_create(events)
            AuditChainHead.objects.filter(chain=chain).update(
                row_id=events[-1].pk, hash=prev, dirty=True
            )
            return list(events)
        query = InsertQuery(AuditEvent)
        query.insert_values(INSERTED, list(events))
        compiler = query.get_compiler(connection=connection)
        compiler.returning_fields = [AuditEvent._meta.pk]
        [(insert, params)] = compiler.as_sql()
        cursor.execute(APPEND.format(insert=insert), [*params, prev, chain])
        for event, (pk,) in zip(events, cursor.fetchall(), strict=True):
            event.pk = pk
            event._state.adding = False
            event._state.db = connection.alias
    return list(events)


def _event(actor: Actor, **fields: Any) -> AuditEvent:
    user = actor.user
    return AuditEvent(
        actor=user,
        actor_name=user.audit_name if user else "system",
        actor_unit=actor.unit_name,
        via=actor.via,
        **fields,
    )


def audit_record(
    *,
    actor: Actor,
    action: AuditAction | str,
    object_type: str,
    object_id: int | None = None,
    case_id: int | None = None,
    case_ids: Iterable[int] = (),
    then: Sequence[AuditEvent] = (),
) -> AuditEvent:
    """Append one row; `then`: rows from elsewhere (unsaved, e.g. a transfer package's access
    log) appended right after it in the same chain and transaction.

    A practice case's row is made but not saved: practice cases are fictional, name nobody
    (laget/practice), and the access log and its chains are for real cases only."""
    event = _event(
        actor,
        at=timezone.now(),
        action=action,
        case_id=case_id,
        object_type=object_type,
        object_id=object_id,
        case_ids=sorted(case_ids),
    )
    if is_practice_case(case_id):
        return event
    chain = chain_key(actor.user.pk if actor.user else None, case_id)
    return _append(chain, [event, *then])[0]


def audit_chain_broken_at(using: str = "default") -> int | None:
    """The id of the first row whose hash does not follow from its predecessor and the keys,
    or None. `using` names another database, e.g. a restored backup being checked."""
    return chain_verify(using=using).broken_at


def audit_list(
    *, actor: Actor, case_ids: Iterable[int], object_type: str = "case_list"
) -> list[AuditEvent]:
    """A list that shows cases (names, levels) is a read of each: one row per case, so that
    each family's access log shows it. Written in one insert, in the chain of the person's
    lists (not each case's), so that a list locks one head however many cases it shows."""
    ids = sorted({i for i in case_ids if not is_practice_case(i)})
    if not ids:
        return []
    now = timezone.now()
    events = [
        _event(
            actor,
            at=now,
            action=AuditAction.LIST,
            case_id=case_id,
            object_type=object_type,
            object_id=None,
            case_ids=[],
        )
        for case_id in ids
    ]
    return _append(chain_key(actor.user.pk if actor.user else None, None), events)
