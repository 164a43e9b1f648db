"""Reading training: what a municipality's staff are offered, what a step of the guide has,
and who has done what. The case page (laget/cases), the public guide (laget/public), the
dashboard (laget/monitoring) and the registry (laget/registry) read through here."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from laget.accounts.models import User
from laget.orgs.models import UNIT_ROLES, Membership, Unit
from laget.training.models import TrainingCompletion, TrainingItem


def items_for(municipality_ids: Iterable[int]) -> QuerySet[TrainingItem]:
    """The national starter set and the municipalities' own items."""
    return TrainingItem.objects.filter(
        Q(municipality__isnull=True) | Q(municipality_id__in=list(municipality_ids))
    ).order_by("order", "title", "pk")


def national_items() -> QuerySet[TrainingItem]:
    """Laget's national set: what a program's qualification can require (laget/registry)."""
    return TrainingItem.objects.filter(municipality__isnull=True).order_by("order", "title", "pk")


def items_for_step(
    municipality_id: int, step_slug: str, tool_slugs: list[str], *, public: bool = False
) -> list[TrainingItem]:
    """The items tied to a step of the guide or to its tools (one query). `public`: only those
    the municipality shows in its public guide. Filtered here, not in SQL: JSON containment is
    PostgreSQL's, and the demo runs on SQLite."""
    items = items_for([municipality_id])
    if public:
        items = items.filter(is_public=True)
    return [item for item in items if item.is_for(step_slug, tool_slugs)]


def completed_item_ids(user: User) -> set[int]:
    return set(TrainingCompletion.objects.filter(user=user).values_list("item_id", flat=True))


def completions_of(user: User) -> QuerySet[TrainingCompletion]:
    return (
        TrainingCompletion.objects.filter(user=user)
        .select_related("item")
        .order_by("-completed_at", "-pk")
    )


def has_completed(user_id: int, item_id: int) -> bool:
    return TrainingCompletion.objects.filter(user_id=user_id, item_id=item_id).exists()


@dataclass(frozen=True)
class EmployeeRow:
    user: User
    role: str
    done: frozenset[int]  # the ids of the items the employee has completed


@dataclass(frozen=True)
class UnitTraining:
    unit: Unit
    items: list[TrainingItem]
    rows: list[EmployeeRow]

    def done_count(self, item: TrainingItem) -> int:
        return sum(1 for r in self.rows if item.pk in r.done)


def unit_training(unit: Unit) -> UnitTraining:
    """The unit's staff today (employees and leaders) and which of the municipality's training
    each has completed. Three queries, whatever the size of the unit."""
    members = list(
        Membership.objects.effective()
        .filter(unit=unit, role__in=UNIT_ROLES)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user_id", "pk")
    )
    items = list(items_for([unit.municipality_id]))
    done: dict[int, set[int]] = {}
    for user_id, item_id in TrainingCompletion.objects.filter(
        user_id__in={m.user_id for m in members}, item__in=[i.pk for i in items]
    ).values_list("user_id", "item_id"):
        done.setdefault(user_id, set()).add(item_id)
    seen: set[int] = set()
    rows = []
    for m in members:
        if m.user_id in seen:  # a leader who is also an employee of the unit: one row
            continue
        seen.add(m.user_id)
        rows.append(EmployeeRow(m.user, m.get_role_display(), frozenset(done.get(m.user_id, ()))))
    return UnitTraining(unit, items, rows)
