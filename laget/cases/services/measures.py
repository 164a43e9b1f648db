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
from laget.cases.messages import MSG_CHOOSE_OUTCOME, MSG_UNKNOWN_PARTICIPANT
from laget.cases.models import Measure, Participant
from laget.cases.services.common import (
    audit_write,
    case_meeting,
    ensure_in_case,
    ensure_open,
    require_text,
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
    "child_view",
)
MEASURE_DATES = ("start_date", "evaluation_date")


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
    evaluation_text: str,
    status: str = MeasureStatus.COMPLETED,
) -> Measure:
    """Record whether the measure worked, partly worked or did not, and why."""
    ensure_open(access)
    ensure_in_case(access, measure)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": MSG_CHOOSE_OUTCOME}, code="invalid")
    evaluation_text = require_text("evaluation_text", evaluation_text)
    save_versioned(
        measure,
        expected_version=expected_version,
        fields={
            "outcome": outcome,
            "evaluation_text": evaluation_text,
            "status": status,
            "evaluated_at": timezone.now(),
            "evaluated_by": actor.user,
        },
    )
    audit_write(actor, AuditAction.UPDATE, measure, access.case.pk)
    return measure
