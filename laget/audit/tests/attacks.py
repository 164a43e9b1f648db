"""Ways to change or delete an audit row other than Model.save() and Model.delete(): the three
of issue 12 (reproduction 6: the base manager's update, `_raw_delete`, an upsert), the rest of
the queryset, and Django's internals below the queryset (the deletion collector, an UpdateQuery),
which only the database's trigger can stop. Run in the test process (PostgreSQL) and in a
subprocess on an SQLite file (SCRIPT)."""

import json
from collections.abc import Callable

from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.models import sql
from django.db.models.deletion import Collector

from laget.audit.chain import chain_verify
from laget.audit.models import AuditAction, AuditEvent, AuditImmutableError, Via
from laget.audit.services import Actor, audit_record
from laget.audit.sqlite import DROP_SQLITE_TRIGGERS

FORGED = "Noen andre"
BY_MODEL = "refused by the model"
BY_DATABASE = "refused by the database"
SCRIPT = "import django; django.setup(); from laget.audit.tests.attacks import main; main()"


def _upsert(victim: AuditEvent) -> object:
    copy = AuditEvent(
        at=victim.at,
        actor_name=FORGED,
        action=victim.action,
        via=victim.via,
        object_type=victim.object_type,
        prev_hash="f" * 64,
        hash=victim.hash,
        key_id=victim.key_id,
    )
    return AuditEvent.objects.bulk_create(
        [copy], update_conflicts=True, unique_fields=["hash"], update_fields=["actor_name"]
    )


def _collector_delete(victim: AuditEvent) -> object:
    collector = Collector(using=connection.alias, origin=victim)
    collector.collect([victim])
    return collector.delete()


def _update_query(victim: AuditEvent) -> object:
    return sql.UpdateQuery(AuditEvent).update_batch(
        [victim.pk], {"actor_name": FORGED}, connection.alias
    )


ATTACKS: dict[str, Callable[[AuditEvent], object]] = {
    "base_manager_update": lambda e: AuditEvent._base_manager.filter(pk=e.pk).update(
        actor_name=FORGED
    ),
    "raw_delete": lambda e: AuditEvent.objects.filter(pk=e.pk)._raw_delete(connection.alias),
    "base_manager_raw_delete": lambda e: AuditEvent._base_manager.filter(pk=e.pk)._raw_delete(
        connection.alias
    ),
    "bulk_create_update_conflicts": _upsert,
    "save_base_force_update": lambda e: e.save_base(force_update=True),
    "queryset_update": lambda e: AuditEvent.objects.filter(pk=e.pk).update(actor_name=FORGED),
    "queryset_delete": lambda e: AuditEvent.objects.filter(pk=e.pk).delete(),
    "collector_delete": _collector_delete,
    "update_query": _update_query,
}
EXPECTED = {
    name: BY_DATABASE if name in ("collector_delete", "update_query") else BY_MODEL
    for name in ATTACKS
}


def attempt(name: str) -> str:
    """What came of the attack on the newest row, and whether the row was changed."""
    victim = AuditEvent.objects.order_by("-id").first()
    assert victim is not None
    victim.actor_name = FORGED  # as an attacker would set it before saving
    try:
        with transaction.atomic():
            ATTACKS[name](victim)
    except AuditImmutableError:
        outcome = BY_MODEL
    except DatabaseError:
        outcome = BY_DATABASE
    else:
        outcome = "done"
    now = AuditEvent.objects.filter(pk=victim.pk).values_list("actor_name", flat=True).first()
    if now is None:
        return outcome + ", row deleted"
    return outcome + (", row changed" if now == FORGED else "")


def main() -> None:
    """In a fresh SQLite database: migrate, write three rows, attack, check the chain, and
    see that a migrate restores the triggers a table rebuild dropped."""
    call_command("migrate", "audit", verbosity=0)
    for _ in range(3):
        audit_record(
            actor=Actor(user=None, via=Via.SYSTEM), action=AuditAction.READ, object_type="case"
        )
    results = {name: attempt(name) for name in ATTACKS}
    with connection.cursor() as cursor:
        for statement in DROP_SQLITE_TRIGGERS:
            cursor.execute(statement)
    call_command("migrate", "audit", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        triggers = [name for (name,) in cursor.fetchall()]
    print(
        json.dumps(
            {"attacks": results, "chain_ok": chain_verify().ok, "triggers_after_rebuild": triggers}
        )
    )
