"""Which case each family member sees in the portal. Every portal view gets its case here.

What a member may read and do is laget.family.access's rule (role, the child's age, a care
order, restrictions, protected addresses, a held-back access log); this module finds the
member behind the logged-in user and carries their `FamilyView` into the views. Anything not
theirs raises Http404, exactly like a missing case: staff included, and a member shut out of
the whole log too. Nothing tells a restricted member what is hidden.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from laget.accounts.models import User
from laget.audit.models import AuditAction, Via
from laget.audit.services import Actor, audit_record
from laget.cases.access import CaseAccess
from laget.cases.models import Case, Entry
from laget.family.access import FamilyView, member_view
from laget.family.shown import member_entries
from laget.people.models import Guardian, Subject


@dataclass(frozen=True)
class FamilyAccess:
    case: Case
    # The user's own guardian record for the case's subject; None when the child is the user.
    guardian: Guardian | None
    child: bool
    view: FamilyView

    @property
    def can_write(self) -> bool:
        return not self.case.is_closed and self.view.rights.writes

    @property
    def case_access(self) -> CaseAccess:
        """For the case services that need only the case (closed or not, object in case)."""
        return CaseAccess(case=self.case, participant=None, may_write=False, may_coordinate=False)


def portal_actor(user: User) -> Actor:
    return Actor(user=user, via=Via.PORTAL)


def _member(case: Case, user: User) -> FamilyView | None:
    """The user's view of the case as a member of its family, if they read it."""
    subject = case.subject
    if subject is None:
        return None
    for guardian in subject.guardians.filter(user=user).order_by("pk"):
        view = member_view(case, guardian=guardian)
        if view.reads:
            return view
    if subject.user_id == user.pk:
        view = member_view(case, child=True)
        if view.reads:
            return view
    return None


def family_cases(user: User) -> list[Case]:
    """Every case the user sees in the portal. The only place that finds them.

    The person's subjects (as a guardian, or as the child) are found through their own
    indexes and joined in one query. The OR of the two joins it replaces made PostgreSQL read
    every case: 934 ms on national data, against 0.1 ms (BENCHMARKS.md, "issue 16")."""
    if not user.is_authenticated or not user.is_active:
        return []
    subjects = (
        Guardian.objects.filter(user=user)
        .order_by()
        .values("subject_id")
        .union(Subject.objects.filter(user=user).order_by().values("pk"))
    )
    candidates = Case.objects.filter(subject_id__in=subjects).select_related("subject", "unit")
    return [c for c in candidates if _member(c, user) is not None]


def family_case_for(
    user: User, case_id: int | str, *, audit: bool = True, object_type: str = "case"
) -> FamilyAccess:
    """The case, if it is the user's family's; writes the read to the access log.

    Raises Http404 for anything else. Pass audit=False when a service records a write, or when
    the view records the read of a particular object itself (`family_read`)."""
    try:
        pk = int(case_id)
    except (TypeError, ValueError):
        raise Http404 from None
    if not user.is_authenticated or not user.is_active:
        raise Http404
    case = (
        Case.objects.select_related("subject", "unit", "municipality")
        .filter(pk=pk, subject__isnull=False)
        .first()
    )
    if case is None or case.subject is None:
        raise Http404
    view = _member(case, user)
    if view is None:
        raise Http404
    access = FamilyAccess(case=case, guardian=view.guardian, child=view.child, view=view)
    if audit:
        family_read(user, access, object_type, case.pk)
    return access


def family_read(user: User, access: FamilyAccess, object_type: str, object_id: int) -> None:
    audit_record(
        actor=portal_actor(user),
        action=AuditAction.READ,
        object_type=object_type,
        object_id=object_id,
        case_id=access.case.pk,
    )


def family_entries(access: FamilyAccess) -> QuerySet[Entry]:
    """The log as this member reads it: entries for everyone, never the professionals-only,
    less what is hidden from them."""
    return member_entries(access.view, access.case)
