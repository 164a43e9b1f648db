"""Every row of every table a retention run may touch, to compare before and after a run."""

from django.apps import apps
from django.db.models import Model

# What a run itself writes (its report, its records, its own audit row) and the task queue.
SKIPPED_APPS = {"retention", "django_tasks_database", "django_tasks_db"}
SKIPPED = {"audit.AuditEvent", "audit.AuditChainHead"}

Snapshot = dict[str, dict[object, tuple]]


def tables() -> list[type[Model]]:
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label not in SKIPPED_APPS
        and m._meta.label not in SKIPPED
        and m._meta.managed
    ]


def snapshot() -> Snapshot:
    taken: Snapshot = {}
    for model in tables():
        names = [f.attname for f in model._meta.concrete_fields]
        taken[model._meta.label] = {
            row[0]: row
            for row in model._base_manager.order_by().values_list(model._meta.pk.attname, *names)
        }
    return taken


def differences(before: Snapshot, after: Snapshot) -> dict[str, tuple[set, set]]:
    """{model label: (deleted pks, changed pks)} for every table that differs; rows added
    count as changed (None's key) so that nothing slips by."""
    found: dict[str, tuple[set, set]] = {}
    for label, rows in before.items():
        now = after[label]
        deleted = set(rows) - set(now)
        changed = {pk for pk in rows.keys() & now.keys() if rows[pk] != now[pk]}
        changed |= set(now) - set(rows)
        if deleted or changed:
            found[label] = (deleted, changed)
    return found
