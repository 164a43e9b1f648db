"""Writing training: an employee records a completed training; the starter set is installed.

Neither is case content; both are audited as writes without a case, like the organisation's
own writes (laget/orgs/services.py).
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction, Via
from laget.audit.services import Actor, audit_record
from laget.orgs.actors import actor_for
from laget.orgs.models import Municipality
from laget.training.messages import MSG_ALREADY_DONE
from laget.training.models import TrainingCompletion, TrainingItem


@transaction.atomic
def training_complete(*, by: User, item: TrainingItem, via: str = Via.WEB) -> TrainingCompletion:
    """Record that `by` has done `item` (once; the caller has checked they may see it)."""
    if TrainingCompletion.objects.filter(user=by, item=item).exists():
        raise ValidationError(MSG_ALREADY_DONE, code="done")
    completion = TrainingCompletion(user=by, item=item, completed_at=timezone.now())
    completion.full_clean()
    completion.save()
    audit_record(
        actor=actor_for(by, via),
        action=AuditAction.CREATE,
        object_type="training_completion",
        object_id=completion.pk,
    )
    return completion


@transaction.atomic
def training_items_install(
    *, by: User | None, items: list[dict[str, Any]], municipality: Municipality | None = None
) -> list[TrainingItem]:
    """Write `items` (dicts of TrainingItem's fields, keyed by slug) as the national set
    (`municipality` None) or as the municipality's own; run again, it updates them."""
    actor = actor_for(by, Via.SYSTEM) if by is not None else Actor(user=None, via=Via.SYSTEM)
    saved = []
    for data in items:
        fields = {k: v for k, v in data.items() if k != "slug"}
        item = TrainingItem.objects.filter(municipality=municipality, slug=data["slug"]).first()
        created = item is None
        item = item or TrainingItem(municipality=municipality, slug=data["slug"])
        for key, value in fields.items():
            setattr(item, key, value)
        item.full_clean()
        item.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            object_type="training_item",
            object_id=item.pk,
        )
        saved.append(item)
    return saved
