"""Measures (tiltak): what is tried, by whom, where, and when it is evaluated."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess
from laget.cases.choices import MeasureStatus, Outcome
from laget.cases.messages import (
    MSG_CHOOSE_EVALUATION_STATUS,
    MSG_CHOOSE_OUTCOME,
    MSG_EVALUATED_IN_FUTURE,
    MSG_UNKNOWN_PARTICIPANT,
)
from laget.cases.models import MSG_OUTCOME_NEEDS_TEXT, Measure, MeasureEvaluation, Participant
from laget.cases.services.common import (
    audit_write,
    case_meeting,
    ensure_in_case,
    ensure_open,
)
from laget.lib.concurrency import save_versioned
from laget.lib.plausible import case_dates, ensure_plausible

MEASURE_FIELDS = (
    "title",
    "goal",
    "arena",
    "start_date",
    "evaluation_date",
    "status",
    "recurrence",
    "child_view",
)
MEASURE_DATES = ("start_date", "evaluation_date")
# What an evaluation decides: the measure continues, is completed or is stopped.
EVALUATION_STATUSES = (MeasureStatus.ACTIVE, MeasureStatus.COMPLETED, MeasureStatus.STOPPED)


def _check_dates(dates: dict[str, datetime.date]) -> None:
    window = case_dates()
    ensure_plausible({name: (day, window) for name, day in dates.items()})


def _responsible(access: CaseAccess, participant_id: int) -> Participant:
    participant = access.case.participants.filter(pk=participant_id, left_at__isnull=True).first()
    if participant is None:
        raise ValidationError({"responsible": MSG_UNKNOWN_PARTICIPANT}, code="unknown")
    return participant


@transaction.atomic
def measure_create(
    *,
    actor: Actor,
    access: CaseAccess,
    title: str,
    goal: str,
    arena: str,
    responsible_id: int,
    start_date: datetime.date,
    evaluation_date: datetime.date,
    status: str = MeasureStatus.PLANNED,
    meeting_id: int | None = None,
    child_view: str = "",
    recurrence: str = "",
) -> Measure:
    ensure_open(access)
    assert actor.user is not None
    _check_dates({"start_date": start_date, "evaluation_date": evaluation_date})
    measure = Measure(
        case=access.case,
        title=title.strip(),
        goal=goal.strip(),
        arena=arena,
        responsible=_responsible(access, responsible_id),
        start_date=start_date,
        evaluation_date=evaluation_date,
        status=status,
        meeting=case_meeting(access, meeting_id),
        child_view=child_view.strip(),
        recurrence=recurrence,
        created_by=actor.user,
    )
    measure.full_clean()
    measure.save()
    audit_write(actor, AuditAction.CREATE, measure, access.case.pk)
    return measure


@transaction.atomic
def measure_update(
    *, actor: Actor, access: CaseAccess, measure: Measure, expected_version: int, **changes: Any
) -> Measure:
    """Change what, goal, arena, responsible, dates or status. Refuses a stale version."""
    ensure_open(access)
    ensure_in_case(access, measure)
    fields = {name: changes[name] for name in MEASURE_FIELDS if name in changes}
    _check_dates({name: fields[name] for name in MEASURE_DATES if name in fields})
    for text_field in ("title", "goal", "child_view"):
        if text_field in fields:
            fields[text_field] = fields[text_field].strip()
    if "responsible_id" in changes:
        fields["responsible"] = _responsible(access, changes["responsible_id"])
    save_versioned(measure, expected_version=expected_version, fields=fields)
    audit_write(actor, AuditAction.UPDATE, measure, access.case.pk)
    return measure


@transaction.atomic
def measure_evaluate(
    *,
    actor: Actor,
    access: CaseAccess,
    measure: Measure,
    expected_version: int,
    outcome: str,
    text: str,
    evaluated_on: datetime.date | None = None,
    status: str = MeasureStatus.COMPLETED,
    next_evaluation_on: datetime.date | None = None,
) -> MeasureEvaluation:
    """Record one evaluation: whether the measure worked, partly worked or did not, what it
    showed, and what happens now. Earlier evaluations stay. An evaluation that continues the
    measure names the next evaluation date, which becomes the measure's: it stays in follow-up
    and is overdue when that date passes. Completing or stopping it ends the follow-up."""
    ensure_open(access)
    ensure_in_case(access, measure)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": MSG_CHOOSE_OUTCOME}, code="invalid")
    if status not in EVALUATION_STATUSES:
        raise ValidationError({"status": MSG_CHOOSE_EVALUATION_STATUS}, code="invalid")
    if not (text or "").strip():
        raise ValidationError({"text": MSG_OUTCOME_NEEDS_TEXT}, code="required")
    today = timezone.localdate()
    evaluated_on = evaluated_on or today
    if evaluated_on > today:
        raise ValidationError({"evaluated_on": MSG_EVALUATED_IN_FUTURE}, code="future")
    dates = {"evaluated_on": evaluated_on}
    if status == MeasureStatus.ACTIVE and next_evaluation_on is not None:
        dates["next_evaluation_on"] = next_evaluation_on
    _check_dates(dates)
    evaluation = MeasureEvaluation(
        measure=measure,
        evaluated_on=evaluated_on,
        due_on=measure.evaluation_date,
        outcome=outcome,
        text=(text or "").strip(),
        status=status,
        next_evaluation_on=next_evaluation_on if status == MeasureStatus.ACTIVE else None,
        author=actor.user,
        # As the log names an author: for the unit they take part for, or a leader for the
        # case's responsible unit.
        author_unit_id=(
            access.participant.unit_id if access.participant is not None else access.case.unit_id
        ),
    )
    evaluation.full_clean()
    fields: dict[str, Any] = {"status": status}
    if evaluation.next_evaluation_on is not None:
        fields["evaluation_date"] = evaluation.next_evaluation_on
    save_versioned(measure, expected_version=expected_version, fields=fields)
    evaluation.save()
    # Audited as a change of the measure: an evaluation is part of it, and whoever may not
    # see the measure (laget.family.access) may not see that it was evaluated.
    audit_write(actor, AuditAction.UPDATE, measure, access.case.pk)
    return evaluation
