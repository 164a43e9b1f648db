"""Optimistic locking: a save names the version it was based on; a stale save is refused.

Two people editing the same measure or entry: the second save raises ConflictError carrying
the current row, so that the form or the API can show the other person's change instead of
silently overwriting it.
"""

from typing import Any, TypeVar

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MSG_CONFLICT = _(
    "Noen andre har endret dette mens du skrev. Se endringen nedenfor og lagre på nytt."
)

M = TypeVar("M", bound=models.Model)


class ConflictError(Exception):
    def __init__(self, current: models.Model) -> None:
        super().__init__(str(MSG_CONFLICT))
        self.current = current
        self.message = MSG_CONFLICT


def save_versioned(obj: M, *, expected_version: int, fields: dict[str, Any]) -> M:
    """Apply `fields` to obj and save it only if nobody has saved since `expected_version`.

    Validates with full_clean() first; runs inside the caller's transaction.
    """
    model = type(obj)
    current_version = getattr(obj, "version")  # noqa: B009
    if current_version != expected_version:
        raise ConflictError(obj)
    for name, value in fields.items():
        setattr(obj, name, value)
    stamped = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    for name in stamped:
        setattr(obj, name, timezone.now())
    obj.full_clean()
    # The base manager, as Model.save's own: the object is in hand, whatever the default
    # manager leaves out (Case.objects: practice cases).
    updated = model._base_manager.filter(pk=obj.pk, version=expected_version).update(
        **{name: getattr(obj, name) for name in [*fields, *stamped]},
        version=F("version") + 1,
    )
    if updated == 0:
        raise ConflictError(model._base_manager.get(pk=obj.pk))
    obj.refresh_from_db()
    return obj
