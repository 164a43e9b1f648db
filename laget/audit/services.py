"""Writing to the access log. Every write goes through `audit_record`."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.chain import GENESIS, chain_verify, link
from laget.audit.models import AuditAction, AuditEvent, Via

# Arbitrary constant key for the PostgreSQL advisory lock that serialises the chain.
_CHAIN_LOCK_KEY = 7_311_042


@dataclass(frozen=True)
class Actor:
    """Who acts, and through which door."""

    user: User | None
    via: str = Via.WEB
    unit_name: str = ""


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


@transaction.atomic
def audit_record(
    *,
    actor: Actor,
    action: AuditAction | str,
    object_type: str,
    object_id: int | None = None,
    case_id: int | None = None,
    case_ids: Iterable[int] = (),
) -> AuditEvent:
    _lock_chain()
    prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS
    user = actor.user
    event = AuditEvent(
        at=timezone.now(),
        actor=user,
        actor_name=user.audit_name if user else "system",
        actor_unit=actor.unit_name,
        action=action,
        via=actor.via,
        case_id=case_id,
        object_type=object_type,
        object_id=object_id,
        case_ids=sorted(case_ids),
    )
    link(event, prev)
    event.save()
    return event


def audit_chain_broken_at(using: str = "default") -> int | None:
    """The id of the first row whose hash does not follow from its predecessor and the keys,
    or None. `using` names another database, e.g. a restored backup being checked."""
    return chain_verify(using=using).broken_at


@transaction.atomic
def audit_list(
    *, actor: Actor, case_ids: Iterable[int], object_type: str = "case_list"
) -> list[AuditEvent]:
    """A list that shows cases (names, levels) is a read of each: one row per case, so that
    each family's access log shows it. Written in one bulk insert, chained in order."""
    ids = sorted(set(case_ids))
    if not ids:
        return []
    _lock_chain()
    prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or GENESIS
    user = actor.user
    now = timezone.now()
    events = []
    for case_id in ids:
        event = AuditEvent(
            at=now,
            actor=user,
            actor_name=user.audit_name if user else "system",
            actor_unit=actor.unit_name,
            action=AuditAction.LIST,
            via=actor.via,
            case_id=case_id,
            object_type=object_type,
            object_id=None,
            case_ids=[],
        )
        link(event, prev)
        prev = event.hash
        events.append(event)
    return AuditEvent.objects.bulk_create(events)
