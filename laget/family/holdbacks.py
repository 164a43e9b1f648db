"""Holding the family's access log back after a report of concern (issue 13, item 5).

The guide says to report suspected violence to child welfare without telling the parents
first; the family's access log must not tell them either. Filing a report records a
`HoldBack` in the same transaction. While it is in force, laget.family.access holds back from
every family member the staff's reads and writes from its start (and whatever was written
then); child welfare ends it, or sets another end date within LAGET_HOLD_BACK_MAX_DAYS of the
start, and when it ends the rows appear with their real dates.

Who manages a hold-back is decided here, once: the members of its child welfare unit while
that unit (or they themselves, from that unit) take part in the case. Anyone else gets 404.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess
from laget.cases.models import Case, Participant
from laget.cases.services.common import audit_write, ensure_case_open, ensure_open
from laget.family.choices import HoldBackReason
from laget.family.models import HoldBack, hold_backs_in_force_q
from laget.orgs.models import Unit
from laget.orgs.selectors import staff_profile

MSG_ENDS_BEFORE_TODAY = _(
    "Sluttdatoen kan ikke være før i dag. Vil du gi familien innsyn nå, velg «Avslutt nå»."
)
MSG_ENDS_TOO_LATE = _(
    "Innsynet kan holdes tilbake i høyst %(days)s dager fra meldingen, det vil si til og med "
    "%(date)s."
)
MSG_NOT_IN_FORCE = _("Utsettelsen er allerede avsluttet.")
MSG_UNKNOWN_REASON = _("Velg grunnen fra listen.")


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def latest_end(hold_back: HoldBack) -> datetime.date:
    """The last day a hold-back may be in force: LAGET_HOLD_BACK_MAX_DAYS from its start."""
    return local_day(hold_back.starts_at) + datetime.timedelta(
        days=settings.LAGET_HOLD_BACK_MAX_DAYS
    )


def hold_back_record(
    *, actor: Actor, case: Case, unit: Unit, decided_by: User, starts_at: datetime.datetime
) -> HoldBack:
    """Hold the family's log back from `starts_at`, for LAGET_HOLD_BACK_DAYS. Called inside
    the report's transaction (cases.services.lifecycle.case_report_concern): `starts_at` is
    the report's own time, so that its level change, its participant and its audit rows all
    fall within."""
    ensure_case_open(case)
    hold_back = HoldBack(
        case=case,
        unit=unit,
        reason=HoldBackReason.REPORT_ASSESSED,
        decided_by=decided_by,
        starts_at=starts_at,
        ends_on=local_day(starts_at) + datetime.timedelta(days=settings.LAGET_HOLD_BACK_DAYS),
    )
    hold_back.full_clean()
    hold_back.save()
    audit_write(actor, AuditAction.CREATE, hold_back, case.pk)
    return hold_back


# --- Who manages it ---------------------------------------------------------------------


def _granting(case: Case) -> list[Participant]:
    prefetched: list[Participant] | None = getattr(case, "granting", None)
    if prefetched is not None:
        return prefetched
    return list(case.participants.granting_access())


def managing_unit_ids(user: User, access: CaseAccess) -> frozenset[int]:
    """The user's units that take part in the case with access today, as a unit or through
    the user themselves: a hold-back of one of them is theirs to manage. No query beyond the
    staff profile when the case came from case_for (its participants are prefetched)."""
    mine = staff_profile(user).unit_ids
    return frozenset(
        p.unit_id
        for p in _granting(access.case)
        if p.unit_id in mine and (p.user_id is None or p.user_id == user.pk)
    )


def managed_hold_backs(user: User, access: CaseAccess) -> QuerySet[HoldBack]:
    """The case's hold-backs this user manages, newest first; none for anyone else."""
    units = managing_unit_ids(user, access)
    if not units:
        return HoldBack.objects.none()
    return (
        HoldBack.objects.filter(case_id=access.case.pk, unit_id__in=units)
        .select_related("unit", "decided_by", "ended_by")
        .order_by("-starts_at", "-pk")
    )


def hold_backs_in_force(case: Case) -> QuerySet[HoldBack]:
    """What the staff's case page says to everyone in the case: the family's log is held
    back now, until when (not who reported, nor why)."""
    return (
        HoldBack.objects.filter(hold_backs_in_force_q(), case_id=case.pk)
        .select_related("unit")
        .order_by("starts_at", "pk")
    )


def _managed_for_update(user: User, access: CaseAccess, hold_back_id: int) -> HoldBack:
    hold_back = (
        managed_hold_backs(user, access).select_for_update(of=("self",)).filter(pk=hold_back_id)
    ).first()
    if hold_back is None:
        raise Http404
    if not hold_back.in_force():
        raise ValidationError(MSG_NOT_IN_FORCE, code="ended")
    return hold_back


# --- Changing and ending it -------------------------------------------------------------


@transaction.atomic
def hold_back_change(
    *,
    actor: Actor,
    access: CaseAccess,
    hold_back_id: int,
    ends_on: datetime.date,
    reason: str,
) -> HoldBack:
    """Child welfare sets another end date (today at the earliest, LAGET_HOLD_BACK_MAX_DAYS
    from the start at the latest) and the legal reason."""
    ensure_open(access)
    assert actor.user is not None
    hold_back = _managed_for_update(actor.user, access, hold_back_id)
    errors: dict[str, ValidationError] = {}
    if reason not in HoldBackReason.values:
        errors["reason"] = ValidationError(MSG_UNKNOWN_REASON, code="invalid_choice")
    if ends_on < timezone.localdate():
        errors["ends_on"] = ValidationError(MSG_ENDS_BEFORE_TODAY, code="past")
    elif ends_on > latest_end(hold_back):
        errors["ends_on"] = ValidationError(
            MSG_ENDS_TOO_LATE,
            code="too_late",
            params={
                "days": settings.LAGET_HOLD_BACK_MAX_DAYS,
                "date": formats.date_format(latest_end(hold_back), "SHORT_DATE_FORMAT"),
            },
        )
    if errors:
        raise ValidationError(errors)
    hold_back.ends_on = ends_on
    hold_back.reason = reason
    hold_back.full_clean()
    hold_back.save(update_fields=["ends_on", "reason"])
    audit_write(actor, AuditAction.UPDATE, hold_back, access.case.pk)
    return hold_back


@transaction.atomic
def hold_back_end(*, actor: Actor, access: CaseAccess, hold_back_id: int) -> HoldBack:
    """Child welfare ends it now: from this moment the family's log shows what was held back,
    with its real dates."""
    ensure_open(access)
    assert actor.user is not None
    hold_back = _managed_for_update(actor.user, access, hold_back_id)
    hold_back.ended_at = timezone.now()
    hold_back.ended_by = actor.user
    hold_back.save(update_fields=["ended_at", "ended_by"])
    audit_write(actor, AuditAction.UPDATE, hold_back, access.case.pk)
    return hold_back
