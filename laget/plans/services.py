"""Writes of the individual plan: the decision, the coordinator, the handover. Each is one
transaction, checks the case through laget.cases (open, and the user coordinates it) and
writes its audit rows."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess
from laget.cases.models import Case
from laget.cases.services.common import audit_write, ensure_open
from laget.cases.services.lifecycle import case_close
from laget.plans.choices import DecisionEnd, PlanStatute
from laget.plans.messages import (
    HANDOVER_CLOSE_REASON,
    MSG_ALREADY_COORDINATOR,
    MSG_COORDINATOR_PERSON,
    MSG_CORRECTION_REASON,
    MSG_DECIDED_BY_REQUIRED,
    MSG_DECIDED_IN_FUTURE,
    MSG_FROM_BEFORE_CASE,
    MSG_FROM_BEFORE_PREVIOUS,
    MSG_FROM_TOO_LATE,
    MSG_GROUNDS_REQUIRED,
    MSG_HANDOVER_NEEDS_DECISION,
    MSG_NO_DECISION,
    MSG_STATUTE_OTHER_REQUIRED,
    MSG_STATUTE_UNKNOWN,
    MSG_WITHDRAW_REASON,
)
from laget.plans.models import PlanCoordinator, PlanDecision, PlanHandover

# How far ahead a coordinator may be named from.
COORDINATOR_AHEAD = datetime.timedelta(days=365)


def _coordinating(access: CaseAccess) -> Case:
    """The case, locked, if it is open and the user coordinates it (laget.cases.access)."""
    ensure_open(access)
    if not access.may_coordinate:
        raise PermissionDenied
    return Case.objects.select_for_update().get(pk=access.case.pk)


def _user(actor: Actor) -> User:
    assert actor.user is not None, "the individual plan is written by a person"
    return actor.user


def _current_decision(case: Case) -> PlanDecision | None:
    return case.plan_decisions.select_for_update().filter(ended_at__isnull=True).first()


def _end_decision(
    actor: Actor, decision: PlanDecision, kind: DecisionEnd, reason: str, case_id: int
) -> None:
    decision.ended_at = timezone.now()
    decision.ended_by = actor.user
    decision.end_kind = kind
    decision.end_reason = reason
    decision.full_clean()
    decision.save(update_fields=["ended_at", "ended_by", "end_kind", "end_reason"])
    audit_write(actor, AuditAction.UPDATE, decision, case_id)


def _set_needs_plan(actor: Actor, case: Case, value: bool) -> None:
    if case.needs_individual_plan != value:
        case.needs_individual_plan = value
        case.save(update_fields=["needs_individual_plan"])
        audit_write(actor, AuditAction.UPDATE, case, case.pk)


@transaction.atomic
def plan_decision_record(
    *,
    actor: Actor,
    access: CaseAccess,
    decided_on: datetime.date,
    decided_by: str,
    statute: str,
    grounds: str,
    statute_other: str = "",
    correction_reason: str = "",
) -> PlanDecision:
    """Record that the child has the right to an individual plan, and mark the case as
    needing one. With a current decision this is a correction: the reason is required and the
    earlier decision is kept, ended as corrected."""
    case = _coordinating(access)
    errors: dict[str, object] = {}
    decided_by, grounds = decided_by.strip(), grounds.strip()
    statute_other, correction_reason = statute_other.strip(), correction_reason.strip()
    if decided_on > timezone.localdate():
        errors["decided_on"] = MSG_DECIDED_IN_FUTURE
    if not decided_by:
        errors["decided_by"] = MSG_DECIDED_BY_REQUIRED
    if statute not in PlanStatute.values:
        errors["statute"] = MSG_STATUTE_UNKNOWN
    elif statute == PlanStatute.OTHER and not statute_other:
        errors["statute_other"] = MSG_STATUTE_OTHER_REQUIRED
    if statute != PlanStatute.OTHER:
        statute_other = ""
    if not grounds:
        errors["grounds"] = MSG_GROUNDS_REQUIRED
    current = _current_decision(case)
    if current is not None and not correction_reason:
        errors["correction_reason"] = MSG_CORRECTION_REASON
    if errors:
        raise ValidationError(errors)
    if current is not None:
        _end_decision(actor, current, DecisionEnd.CORRECTED, correction_reason, case.pk)
    decision = PlanDecision(
        case=case,
        decided_on=decided_on,
        decided_by=decided_by,
        statute=statute,
        statute_other=statute_other,
        grounds=grounds,
        recorded_by=_user(actor),
        corrects=current,
    )
    decision.full_clean()
    decision.save()
    audit_write(actor, AuditAction.CREATE, decision, case.pk)
    _set_needs_plan(actor, case, True)
    access.case.needs_individual_plan = True
    return decision


@transaction.atomic
def plan_decision_withdraw(*, actor: Actor, access: CaseAccess, reason: str) -> PlanDecision:
    """Withdraw the current decision (made in error, or overturned on appeal). It stays in
    the history with the reason; the case no longer needs an individual plan."""
    case = _coordinating(access)
    reason = reason.strip()
    current = _current_decision(case)
    if current is None:
        raise ValidationError(MSG_NO_DECISION, code="no_decision")
    if not reason:
        raise ValidationError({"reason": MSG_WITHDRAW_REASON}, code="required")
    _end_decision(actor, current, DecisionEnd.WITHDRAWN, reason, case.pk)
    _set_needs_plan(actor, case, False)
    access.case.needs_individual_plan = False
    return current


@transaction.atomic
def plan_coordinator_name(
    *, actor: Actor, access: CaseAccess, participant_id: int | None, from_date: datetime.date
) -> PlanCoordinator:
    """Name the case's coordinator: a person taking part in the case now (on a legal basis
    that holds), from a date. A coordinator already named is replaced, their row kept."""
    case = _coordinating(access)
    participant = (
        case.participants.granting_access()
        .filter(pk=participant_id or 0, user__isnull=False)
        .select_related("user", "unit")
        .first()
    )
    if participant is None:
        raise ValidationError({"participant": MSG_COORDINATOR_PERSON}, code="person")
    current = (
        case.plan_coordinators.select_for_update()
        .filter(ended_at__isnull=True)
        .select_related("participant")
        .first()
    )
    if current is not None and current.participant_id == participant.pk:
        raise ValidationError({"participant": MSG_ALREADY_COORDINATOR}, code="same")
    if from_date < timezone.localdate(case.opened_at):
        raise ValidationError({"from_date": MSG_FROM_BEFORE_CASE}, code="before_case")
    if from_date > timezone.localdate() + COORDINATOR_AHEAD:
        raise ValidationError({"from_date": MSG_FROM_TOO_LATE}, code="too_late")
    if current is not None and from_date < current.from_date:
        raise ValidationError({"from_date": MSG_FROM_BEFORE_PREVIOUS}, code="before_previous")
    now = timezone.now()
    if current is not None:
        current.ended_at = now
        current.ended_by = actor.user
        current.save(update_fields=["ended_at", "ended_by"])
        audit_write(actor, AuditAction.UPDATE, current, case.pk)
    coordinator = PlanCoordinator(
        case=case,
        participant=participant,
        from_date=from_date,
        named_by=_user(actor),
        named_at=now,
    )
    coordinator.full_clean()
    coordinator.save()
    audit_write(actor, AuditAction.CREATE, coordinator, case.pk)
    return coordinator


@transaction.atomic
def plan_hand_over(
    *,
    actor: Actor,
    access: CaseAccess,
    participant_id: int | None,
    from_date: datetime.date,
    note: str = "",
) -> PlanHandover:
    """The log continues in an individual plan: the coordinator is named (kept if it is the
    one already named and still in the case), the handover recorded, and the case closed with
    that reason through the one closing service. The package is read from the closed case."""
    case = _coordinating(access)
    decision = _current_decision(case)
    if decision is None:
        raise ValidationError(MSG_HANDOVER_NEEDS_DECISION, code="no_decision")
    current = (
        case.plan_coordinators.filter(ended_at__isnull=True).select_related("participant").first()
    )
    if current is None or not current.is_active or current.participant_id != participant_id:
        current = plan_coordinator_name(
            actor=actor, access=access, participant_id=participant_id, from_date=from_date
        )
    handover = PlanHandover(
        case=case,
        decision=decision,
        coordinator=current,
        handed_over_by=_user(actor),
        note=note.strip(),
    )
    handover.full_clean()
    handover.save()
    audit_write(actor, AuditAction.CREATE, handover, case.pk)
    case_close(actor=actor, access=access, reason=HANDOVER_CLOSE_REASON)
    return handover
