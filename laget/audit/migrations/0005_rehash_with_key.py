"""Rows written before the chain had a key (plain SHA-256) are re-hashed with the current key
of LAGET_AUDIT_KEYS, oldest first, after the old chain is checked: a chain that does not verify
as it was is never re-hashed (that would hide what changed it), the migration stops instead.
Migrating back does the reverse, after checking the keyed chain.

Keyless rows cannot stay as they are: anyone with the database could rewrite every row as a
keyless one. Run as the owner (docs/PRODUCTION.md): on PostgreSQL the trigger that refuses
changes is switched off for this transaction only."""

import hashlib
import json

from django.conf import settings
from django.db import migrations

from laget.audit.chain import LEGACY_CHAIN, keyed_hash
from laget.audit.sqlite import DROP_SQLITE_TRIGGERS, SQLITE_TRIGGERS

BATCH = 2000
GENESIS = "0" * 64
CHAIN_BROKEN = (
    "The audit chain does not verify as it was (row {id}); it is not re-hashed. Find out what "
    "changed it (restore the last good backup and compare) before migrating."
)
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


def _values(event):
    return [getattr(event, f) for f in FIELDS]


def _plain_hash(prev_hash, event):
    """The keyless hash of migrations 0001-0003 (laget/audit/services.py before the key)."""
    values = _values(event)
    payload = json.dumps(
        [prev_hash, values[0].isoformat(), *values[1:]], separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _keyed_hash(prev_hash, key_id, values, key):
    """The keyed hash of the one chain there was (laget/audit/chain.py, the chain "")."""
    return keyed_hash(prev_hash, key_id, LEGACY_CHAIN, values, key)


def _keyed_link(event, prev_hash):
    key_id, key = settings.LAGET_AUDIT_KEYS[0]
    event.prev_hash, event.key_id = prev_hash, key_id
    event.hash = _keyed_hash(prev_hash, key_id, _values(event), key)


def _relink(apps, schema_editor, *, todo, old_hash, new_link):
    """Check every row against `old_hash`, then give it a new hash with `new_link`."""
    events = apps.get_model("audit", "AuditEvent").objects.using(schema_editor.connection.alias)
    if not events.filter(**todo).exists():
        return
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(
            "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_immutable"
        )
    elif vendor == "sqlite":  # present when migrating back and forth (apps.py restores them)
        for statement in DROP_SQLITE_TRIGGERS:
            schema_editor.execute(statement)
    old_prev = new_prev = GENESIS
    last = 0
    while batch := list(events.filter(id__gt=last).order_by("id")[:BATCH]):
        for event in batch:
            if event.prev_hash != old_prev or old_hash(old_prev, event) != event.hash:
                raise RuntimeError(CHAIN_BROKEN.format(id=event.pk))
            old_prev = event.hash
            new_link(event, new_prev)
            new_prev = event.hash
        # Hashes stay unique while rows are rewritten: the new ones are of another kind.
        # (executemany, not bulk_update: its CASE over thousands of ids is quadratic.)
        with schema_editor.connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE audit_auditevent SET prev_hash = %s, hash = %s, key_id = %s WHERE id = %s",
                [(e.prev_hash, e.hash, e.key_id, e.pk) for e in batch],
            )
        last = batch[-1].pk
    if vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_immutable"
        )
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")
    elif vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


def rehash(apps, schema_editor):
    _relink(apps, schema_editor, todo={"key_id": ""}, old_hash=_plain_hash, new_link=_keyed_link)


def unkey(apps, schema_editor):
    keys = dict(settings.LAGET_AUDIT_KEYS)

    def old_hash(prev_hash, event):
        key = keys.get(event.key_id)
        return key and _keyed_hash(prev_hash, event.key_id, _values(event), key)

    def plain_link(event, prev_hash):
        event.prev_hash, event.key_id = prev_hash, ""
        event.hash = _plain_hash(prev_hash, event)

    _relink(apps, schema_editor, todo={}, old_hash=old_hash, new_link=plain_link)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_keyed_chain")]
    operations = [migrations.RunPython(rehash, unkey)]
