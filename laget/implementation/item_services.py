"""Writes for what a plan tracks: milestones, unit activities, ambassadors, steering meetings
and their decisions. A new object is made when the existing one is None."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from laget.implementation.models import (
    Activity,
    ChangeAgent,
    Decision,
    Milestone,
    MilestoneStatus,
    PhaseDefinition,
    Plan,
    SteeringMeeting,
)
from laget.implementation.services import MSG_PHASE_OTHER_MODEL
from laget.orgs.models import Unit

MSG_UNIT_OTHER = _("Enheten hører til en annen kommune.")
MSG_DONE_NEEDS_DATE = _("Oppgi datoen milepælen ble nådd.")
MSG_DATE_ONLY_WHEN_DONE = _("Sett status til «Ferdig» når du oppgir en ferdig dato.")
MSG_WRONG_PLAN = _("Dette hører til en annen plan.")


def _check(plan: Plan, *, phase: PhaseDefinition | None = None, unit: Unit | None = None) -> None:
    errors: dict[str, object] = {}
    if phase is not None and phase.model_id != plan.phase_model_id:
        errors["phase"] = MSG_PHASE_OTHER_MODEL
    if unit is not None and unit.municipality_id != plan.municipality_id:
        errors["unit"] = MSG_UNIT_OTHER
    if errors:
        raise ValidationError(errors)


def _own(plan: Plan, obj: Milestone | Activity | ChangeAgent | SteeringMeeting | None) -> None:
    if obj is not None and obj.plan_id != plan.pk:
        raise ValidationError(MSG_WRONG_PLAN)


@transaction.atomic
def milestone_save(
    *,
    plan: Plan,
    title: str,
    phase: PhaseDefinition,
    owner: str,
    due_on: datetime.date,
    status: str = MilestoneStatus.NOT_STARTED,
    done_on: datetime.date | None = None,
    milestone: Milestone | None = None,
) -> Milestone:
    """A milestone is done on a date: status «done» needs the date, the date needs «done»."""
    _own(plan, milestone)
    _check(plan, phase=phase)
    if status == MilestoneStatus.DONE and done_on is None:
        raise ValidationError({"done_on": MSG_DONE_NEEDS_DATE})
    if status != MilestoneStatus.DONE and done_on is not None:
        raise ValidationError({"done_on": MSG_DATE_ONLY_WHEN_DONE})
    m = milestone or Milestone(plan=plan)
    m.title, m.phase, m.owner = title.strip(), phase, owner.strip()
    m.due_on, m.status, m.done_on = due_on, status, done_on
    m.full_clean()
    m.save()
    return m


@transaction.atomic
def activity_save(
    *,
    plan: Plan,
    title: str,
    unit: Unit,
    phase: PhaseDefinition,
    due_on: datetime.date | None = None,
    done_on: datetime.date | None = None,
    activity: Activity | None = None,
) -> Activity:
    _own(plan, activity)
    _check(plan, phase=phase, unit=unit)
    a = activity or Activity(plan=plan)
    a.title, a.unit, a.phase, a.due_on, a.done_on = title.strip(), unit, phase, due_on, done_on
    a.full_clean()
    a.save()
    return a


@transaction.atomic
def agent_save(
    *,
    plan: Plan,
    name: str,
    unit: Unit,
    since: datetime.date,
    active: bool = True,
    agent: ChangeAgent | None = None,
) -> ChangeAgent:
    _own(plan, agent)
    _check(plan, unit=unit)
    a = agent or ChangeAgent(plan=plan)
    a.name, a.unit, a.since, a.active = name.strip(), unit, since, active
    a.full_clean()
    a.save()
    return a


@transaction.atomic
def meeting_save(
    *,
    plan: Plan,
    held_on: datetime.date,
    notes: str = "",
    meeting: SteeringMeeting | None = None,
) -> SteeringMeeting:
    _own(plan, meeting)
    m = meeting or SteeringMeeting(plan=plan)
    m.held_on, m.notes = held_on, notes.strip()
    m.full_clean()
    m.save()
    return m


@transaction.atomic
def decision_save(
    *,
    meeting: SteeringMeeting,
    text: str,
    responsible: str = "",
    due_on: datetime.date | None = None,
    decision: Decision | None = None,
) -> Decision:
    if decision is not None and decision.meeting_id != meeting.pk:
        raise ValidationError(MSG_WRONG_PLAN)
    d = decision or Decision(meeting=meeting)
    d.text, d.responsible, d.due_on = text.strip(), responsible.strip(), due_on
    d.full_clean()
    d.save()
    return d
