"""Writing a municipality's own training items: create, change, delete. For the municipality's
coordinators and admins (orgs.rules.manages_municipality); anyone else gets PermissionDenied
(the pages answer 404 before it comes to that: laget/training/access.py).

Each action is one transaction, full_clean() before save (the URL a course or video needs is a
field error, models.TrainingItem.clean), and audited as a write without a case, like a
completion (services.py): training items are not case content. The slug is made from the title
once, unique within the municipality, and kept when the title changes: the starter command and
the guide's links name an item by it.
"""

import unicodedata
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.text import slugify

from laget.accounts.models import User
from laget.audit.models import AuditAction, Via
from laget.audit.services import audit_record
from laget.orgs.actors import actor_for
from laget.orgs.models import Municipality
from laget.orgs.rules import manages_municipality
from laget.training.guide_ties import guide_ties
from laget.training.messages import (
    MSG_COMPLETIONS_CHANGED,
    MSG_ITEM_IN_USE,
    MSG_NOT_IN_GUIDE,
    MSG_TITLE_WITHOUT_SLUG,
)
from laget.training.models import TrainingCompletion, TrainingItem

SLUG_MAX = 80
# Letters slugify would drop (they do not decompose): as the starter's slugs write them.
_NORWEGIAN = str.maketrans({"æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "å": "a", "Å": "a"})


def slug_from(title: str) -> str:
    """ "Gjør undringen konkret" -> "gjor-undringen-konkret"."""
    text = unicodedata.normalize("NFC", title).translate(_NORWEGIAN)
    return slugify(text)[:SLUG_MAX].strip("-")


def _free_slug(municipality: Municipality, title: str) -> str:
    base = slug_from(title)
    if not base:
        raise ValidationError({"title": MSG_TITLE_WITHOUT_SLUG})
    taken = set(
        TrainingItem.objects.filter(municipality=municipality, slug__startswith=base[:60])
        .values_list("slug", flat=True)
        .order_by()
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
    return slug


def _require_manager(by: User, municipality_id: int) -> None:
    if not manages_municipality(by, municipality_id):
        raise PermissionDenied


def _check_ties(
    municipality_id: int,
    step_slugs: Sequence[str],
    tool_slugs: Sequence[str],
    kept: TrainingItem | None,
) -> None:
    """Steps and tools from the published guide; an item may keep what it already names
    (a step since removed from the guide), never gain a slug the guide does not have."""
    ties = guide_ties(municipality_id)
    steps = ties.step_slugs | set(kept.step_slugs if kept else ())
    tools = ties.tool_slugs | set(kept.tool_slugs if kept else ())
    errors = {}
    if not set(step_slugs) <= steps:
        errors["step_slugs"] = MSG_NOT_IN_GUIDE
    if not set(tool_slugs) <= tools:
        errors["tool_slugs"] = MSG_NOT_IN_GUIDE
    if errors:
        raise ValidationError(errors)


def _fill(
    item: TrainingItem,
    *,
    title: str,
    kind: str,
    body: str,
    url: str,
    minutes: int | None,
    is_public: bool,
    is_core: bool,
    step_slugs: Sequence[str],
    tool_slugs: Sequence[str],
) -> None:
    item.title = title.strip()
    item.kind = kind
    item.body = body.strip()
    item.url = url.strip()
    item.minutes = minutes
    item.is_public = is_public
    item.is_core = is_core
    # Deduplicated, in the order given: the form's order is the guide's.
    item.step_slugs = list(dict.fromkeys(step_slugs))
    item.tool_slugs = list(dict.fromkeys(tool_slugs))
    item.full_clean()
    item.save()


@transaction.atomic
def training_item_create(
    *,
    by: User,
    municipality: Municipality,
    title: str,
    kind: str,
    body: str = "",
    url: str = "",
    minutes: int | None = None,
    is_public: bool = False,
    is_core: bool = False,
    step_slugs: Sequence[str] = (),
    tool_slugs: Sequence[str] = (),
    via: str = Via.WEB,
) -> TrainingItem:
    """A new item of the municipality's own, tied to steps and tools of its published guide."""
    _require_manager(by, municipality.pk)
    # One slug chosen at a time per municipality: two items of the same title get -2, not a
    # unique-constraint error.
    Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
    _check_ties(municipality.pk, step_slugs, tool_slugs, kept=None)
    item = TrainingItem(municipality=municipality, slug=_free_slug(municipality, title))
    _fill(
        item,
        title=title,
        kind=kind,
        body=body,
        url=url,
        minutes=minutes,
        is_public=is_public,
        is_core=is_core,
        step_slugs=step_slugs,
        tool_slugs=tool_slugs,
    )
    audit_record(
        actor=actor_for(by, via),
        action=AuditAction.CREATE,
        object_type="training_item",
        object_id=item.pk,
    )
    return item


def _own_locked(by: User, item: TrainingItem) -> TrainingItem:
    current = TrainingItem.objects.select_for_update().get(pk=item.pk)
    if current.municipality_id is None:  # Laget's national set is not the municipality's
        raise PermissionDenied
    _require_manager(by, current.municipality_id)
    return current


@transaction.atomic
def training_item_update(
    *,
    by: User,
    item: TrainingItem,
    title: str,
    kind: str,
    body: str,
    url: str,
    minutes: int | None,
    is_public: bool,
    is_core: bool,
    step_slugs: Sequence[str],
    tool_slugs: Sequence[str],
    via: str = Via.WEB,
) -> TrainingItem:
    """Change one of the municipality's own items; its slug stays."""
    current = _own_locked(by, item)
    assert current.municipality_id is not None
    _check_ties(current.municipality_id, step_slugs, tool_slugs, kept=current)
    _fill(
        current,
        title=title,
        kind=kind,
        body=body,
        url=url,
        minutes=minutes,
        is_public=is_public,
        is_core=is_core,
        step_slugs=step_slugs,
        tool_slugs=tool_slugs,
    )
    audit_record(
        actor=actor_for(by, via),
        action=AuditAction.UPDATE,
        object_type="training_item",
        object_id=current.pk,
    )
    return current


@transaction.atomic
def training_item_delete(
    *, by: User, item: TrainingItem, completions_seen: int, via: str = Via.WEB
) -> int:
    """Delete one of the municipality's own items and the completions recorded for it, when
    the number of completions is still the one the user confirmed (`completions_seen`).
    Returns how many completions went with it."""
    current = _own_locked(by, item)
    completion_ids = list(
        TrainingCompletion.objects.select_for_update()
        .filter(item=current)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if len(completion_ids) != completions_seen:
        raise ValidationError(MSG_COMPLETIONS_CHANGED, code="changed")
    item_id = current.pk
    try:
        current.delete()
    except ProtectedError:
        # A municipality's item is never a qualification's requirement (registry services
        # refuse it), but a row set another way must not turn into a server error.
        raise ValidationError(MSG_ITEM_IN_USE, code="protected") from None
    actor = actor_for(by, via)
    audit_record(
        actor=actor, action=AuditAction.DELETE, object_type="training_item", object_id=item_id
    )
    for pk in completion_ids:
        audit_record(
            actor=actor, action=AuditAction.DELETE, object_type="training_completion", object_id=pk
        )
    return len(completion_ids)
