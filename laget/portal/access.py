"""Who in the family sees which case. Every portal view gets its case here.

A guardian with parental responsibility for the case's subject sees the case; so does the
subject themselves from the age limit (settings.LAGET_CHILD_CONSENT_AGE). Nobody else does,
staff included: anything not theirs raises Http404, exactly like a missing case. What the
family reads of a case is the entries for everyone (never the professionals-only ones), the
measures, the next meeting, the stafettholder, the consents and the access log.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction, Via
from laget.audit.services import Actor, audit_record
from laget.cases.access import CaseAccess
from laget.cases.choices import Audience
from laget.cases.models import Case, Entry
from laget.consent.age import consents_for_self
from laget.people.models import Guardian


@dataclass(frozen=True)
class FamilyAccess:
    case: Case
    # The user's own guardian record for the case's subject; None when the child is the user.
    guardian: Guardian | None
    child: bool

    @property
    def can_write(self) -> bool:
        return not self.case.is_closed

    @property
    def case_access(self) -> CaseAccess:
        """For the case services that need only the case (closed or not, object in case)."""
        return CaseAccess(case=self.case, participant=None, may_write=False, may_coordinate=False)


def portal_actor(user: User) -> Actor:
    return Actor(user=user, via=Via.PORTAL)


def _age_cutoff(today: datetime.date) -> datetime.date:
    """The latest birth date of someone at or above the age limit today."""
    year = today.year - settings.LAGET_CHILD_CONSENT_AGE
    try:
        return today.replace(year=year)
    except ValueError:  # 29 February, in a year that has none
        return datetime.date(year, 2, 28)


def family_cases(user: User) -> QuerySet[Case]:
    """Every case the user sees in the portal. The only place that filters them."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    as_guardian = Q(subject__guardians__in=Guardian.objects.reading().filter(user=user))
    as_child = Q(subject__user=user, subject__birth_date__lte=_age_cutoff(timezone.localdate()))
    return Case.objects.filter(as_guardian | as_child).distinct()


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
    guardian = case.subject.guardians.reading().filter(user=user).order_by("pk").first()
    child = guardian is None and case.subject.user_id == user.pk and consents_for_self(case.subject)
    if guardian is None and not child:
        raise Http404
    access = FamilyAccess(case=case, guardian=guardian, child=child)
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
    """The log as the family reads it: entries for everyone, never the professionals-only."""
    return access.case.entries.filter(audience=Audience.ALL).select_related(
        "author", "author_unit", "author_guardian"
    )
