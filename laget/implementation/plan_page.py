"""Everything the plan page shows, read in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from laget.implementation.models import (
    Activity,
    ChangeAgent,
    Milestone,
    PhaseDefinition,
    Plan,
    PlanPhase,
    SteeringMeeting,
)
from laget.implementation.sic import StageProgress, stage_progress
from laget.implementation.sic_data import SIC_PHASES, SIC_STAGES, SicActivity, SicStage
from laget.implementation.status import STATUS_LABELS, milestone_status
from laget.orgs.models import Unit


@dataclass(frozen=True)
class PhaseRow:
    phase: PhaseDefinition
    entered_on: datetime.date | None
    current: bool


@dataclass(frozen=True)
class MilestoneRow:
    milestone: Milestone
    status: str
    status_label: str


@dataclass(frozen=True)
class UnitRow:
    unit: Unit
    activities: list[Activity]
    agents: list[ChangeAgent]

    @property
    def has_active_agent(self) -> bool:
        return any(a.active for a in self.agents)


@dataclass(frozen=True)
class SicActivityRow:
    activity: SicActivity
    completed_on: datetime.date | None


@dataclass(frozen=True)
class SicStageRow:
    stage: SicStage
    phase_label: str
    progress: StageProgress
    activities: list[SicActivityRow]


@dataclass(frozen=True)
class PlanPage:
    plan: Plan
    phases: list[PhaseRow]
    current: PhaseRow | None
    later_phases: list[PhaseDefinition]
    milestones: list[MilestoneRow]
    units: list[UnitRow]
    units_without_agent: list[Unit]
    meetings: list[SteeringMeeting]
    stages: list[SicStageRow]


def _phases(plan: Plan) -> tuple[list[PhaseRow], PhaseRow | None, list[PhaseDefinition]]:
    entered = {
        e.phase_id: e.entered_on
        for e in PlanPhase.objects.filter(plan=plan).only("phase", "entered_on")
    }
    definitions = list(plan.phase_model.phases.order_by("order"))
    last = max((d.order for d in definitions if d.pk in entered), default=0)
    rows = [PhaseRow(d, entered.get(d.pk), d.order == last) for d in definitions]
    current = next((r for r in rows if r.current), None)
    return rows, current, [d for d in definitions if d.order > last]


def _units(plan: Plan) -> list[UnitRow]:
    activities = list(Activity.objects.filter(plan=plan).select_related("phase"))
    agents = list(ChangeAgent.objects.filter(plan=plan))
    units = Unit.objects.filter(municipality_id=plan.municipality_id)
    rows = []
    for unit in units.order_by("name"):
        acts = [a for a in activities if a.unit_id == unit.pk]
        ags = [a for a in agents if a.unit_id == unit.pk]
        if unit.is_active or acts or ags:
            rows.append(UnitRow(unit, acts, ags))
    return rows


def _stages(plan: Plan) -> list[SicStageRow]:
    done = dict(plan.sic_completions.values_list("activity", "completed_on"))
    return [
        SicStageRow(
            stage=s,
            phase_label=str(SIC_PHASES[s.phase]),
            progress=stage_progress(s, done),
            activities=[SicActivityRow(a, done.get(a.key)) for a in s.activities],
        )
        for s in SIC_STAGES
    ]


def plan_page(plan: Plan, *, today: datetime.date) -> PlanPage:
    phases, current, later = _phases(plan)
    milestones = [
        MilestoneRow(m, s := milestone_status(m.status, m.due_on, today), str(STATUS_LABELS[s]))
        for m in Milestone.objects.filter(plan=plan).select_related("phase")
    ]
    units = _units(plan)
    meetings = list(
        SteeringMeeting.objects.filter(plan=plan).prefetch_related(Prefetch("decisions"))
    )
    return PlanPage(
        plan=plan,
        phases=phases,
        current=current,
        later_phases=later,
        milestones=milestones,
        units=units,
        units_without_agent=[r.unit for r in units if r.unit.is_active and not r.has_active_agent],
        meetings=meetings,
        stages=_stages(plan),
    )
