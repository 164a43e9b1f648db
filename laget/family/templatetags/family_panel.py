"""The "Familien" panel on the staff case page (family/_case_panel.html): the members with their
role and address protection, the warning when anyone in the family has a protected address,
the care order, and, for those who coordinate the case, its restrictions. Who may do what is
laget.family.services's rule; the panel only asks it. Read once per page, in a fixed number
of queries."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django import template
from django.db.models import Q
from django.utils import timezone

from laget.accounts.models import User
from laget.cases.access import CaseAccess
from laget.family import services
from laget.family.choices import Part, RestrictionState
from laget.family.models import CareOrder, Restriction
from laget.people.models import Guardian, Subject, by_name

register = template.Library()

_OPEN_STATES = (RestrictionState.PROPOSED, RestrictionState.IN_FORCE)


@dataclass(frozen=True)
class RestrictionRow:
    restriction: Restriction
    member: str
    may_decide: bool
    may_end: bool

    @property
    def open(self) -> bool:
        return self.restriction.state in _OPEN_STATES


@dataclass(frozen=True)
class Panel:
    subject: Subject | None
    members: list[Guardian]
    # Someone in the family has a protected address: the warning for everyone in the case.
    protected: bool
    care_order: CareOrder | None
    parent_parts: list[str]
    foster_parts: list[str]
    sees_restrictions: bool
    restrictions: list[RestrictionRow] = field(default_factory=list)
    may_propose: bool = False
    may_edit: bool = False
    may_record_care_order: bool = False
    may_manage_care_order: bool = False

    @property
    def current_restrictions(self) -> list[RestrictionRow]:
        return [r for r in self.restrictions if r.open]

    @property
    def former_restrictions(self) -> list[RestrictionRow]:
        return [r for r in self.restrictions if not r.open]

    @property
    def restricted_ids(self) -> set[int | str]:
        """Guardian ids (and "child") with a restriction in force, for the member list."""
        ids: set[int | str] = set()
        for row in self.restrictions:
            if row.restriction.in_force:
                ids.add(row.restriction.guardian_id or "child")
        return ids


def part_labels(values: list[str]) -> list[str]:
    return [str(Part(v).label) for v in values if v in Part.values]


def _care_order(access: CaseAccess, today: datetime.date) -> CareOrder | None:
    """The care order in force or about to be: not ended, or ending after today."""
    return (
        access.case.care_orders.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .select_related("unit")
        .order_by("-starts_on", "-pk")
        .first()
    )


def _restriction_rows(
    access: CaseAccess, user: User, members: dict[int, Guardian], subject: Subject
) -> list[RestrictionRow]:
    # The chosen entries, measures and meetings are counted in family/_restriction_scope.html.
    rows = (
        access.case.restrictions.select_related("proposed_by", "decided_by", "ended_by")
        .prefetch_related("entries", "measures", "meetings")
        .order_by("-proposed_at", "-pk")
    )
    ends = services.may_end_restriction(access)
    result = []
    for r in rows:
        member = members.get(r.guardian_id) if r.guardian_id else None
        result.append(
            RestrictionRow(
                restriction=r,
                member=member.name if member is not None else subject.full_name,
                may_decide=r.state == RestrictionState.PROPOSED
                and services.may_decide_restriction(access, r, user),
                may_end=ends and r.state in _OPEN_STATES,
            )
        )
    return result


def panel_for(access: CaseAccess, user: User) -> Panel:
    subject = access.case.subject
    if subject is None:
        return Panel(None, [], False, None, [], [], False)
    members = by_name(subject.guardians.all())
    care_order = _care_order(access, timezone.localdate())
    sees = services.sees_restrictions(access)
    rows = _restriction_rows(access, user, {g.pk: g for g in members}, subject) if sees else []
    return Panel(
        subject=subject,
        members=members,
        protected=bool(subject.protected_address) or any(g.protected_address for g in members),
        care_order=care_order,
        parent_parts=part_labels(care_order.parent_parts) if care_order else [],
        foster_parts=part_labels(care_order.foster_parts) if care_order else [],
        sees_restrictions=sees,
        restrictions=rows,
        may_propose=services.may_propose_restriction(access),
        may_edit=services.may_edit_members(access),
        may_record_care_order=care_order is None and services.may_record_care_order(access),
        may_manage_care_order=care_order is not None
        and care_order.ended_on is None
        and services.may_manage_care_order(access, care_order),
    )


@register.simple_tag(takes_context=True)
def family_panel(context: dict[str, Any]) -> Panel:
    access: CaseAccess = context["access"]
    user = context["request"].user
    assert isinstance(user, User)
    return panel_for(access, user)


@register.filter(name="part_labels")
def part_labels_filter(values: list[str]) -> list[str]:
    """A restriction's or care order's parts, as their names."""
    return part_labels(values)
