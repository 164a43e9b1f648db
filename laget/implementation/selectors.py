"""Reads for implementation plans: lookups scoped to a municipality, the summary the dashboard
shows, and the stage comparison across municipalities."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from laget.implementation.models import (
    Milestone,
    MilestoneStatus,
    Plan,
    PlanPhase,
)
from laget.implementation.sic import StageMedian, StageProgress, medians, progress
from laget.implementation.status import LATE, milestone_status
from laget.orgs.models import Municipality, Unit

# Fewer other municipalities than this sharing plans of the same phase model: no median shown.
MIN_OTHER_MUNICIPALITIES = 3


def plans_for(municipality: Municipality) -> QuerySet[Plan]:
    return Plan.objects.filter(municipality=municipality).select_related(
        "phase_model", "program", "municipality"
    )


def plan_for(municipality: Municipality, plan_id: int) -> Plan:
    """The municipality's plan; another municipality's plan is missing (404)."""
    try:
        return plans_for(municipality).get(pk=plan_id)
    except Plan.DoesNotExist:
        raise Http404 from None


def current_phase(plan: Plan) -> PlanPhase | None:
    """The phase entered last (uses prefetched `phase_entries` with their phases)."""
    entries = sorted(plan.phase_entries.all(), key=lambda e: e.phase.order)
    return entries[-1] if entries else None


def completions(plan: Plan) -> dict[str, datetime.date]:
    """Activity key → completion date (uses prefetched `sic_completions`)."""
    return {c.activity: c.completed_on for c in plan.sic_completions.all()}


@dataclass(frozen=True)
class PlanSummary:
    plan_id: int
    name: str
    phase_model: str
    current_phase: str | None
    phase_entered_on: datetime.date | None
    milestones_done: int
    milestones_total: int
    milestones_late: int
    stages: list[StageProgress]  # SIC stages 1–8: proportion and duration_days
    units_with_agent: int
    units_without_agent: int


def plan_summary(
    municipality: Municipality, *, today: datetime.date | None = None
) -> list[PlanSummary]:
    """Every plan of the municipality, in six queries whatever the number of plans."""
    today = today or timezone.localdate()
    plans = plans_for(municipality).prefetch_related(
        Prefetch("phase_entries", queryset=PlanPhase.objects.select_related("phase")),
        Prefetch("milestones", queryset=Milestone.objects.only("plan", "status", "due_on")),
        "sic_completions",
        "agents",
    )
    unit_ids = set(
        Unit.objects.filter(municipality=municipality, is_active=True).values_list("pk", flat=True)
    )
    result = []
    for plan in plans.order_by("name"):
        current = current_phase(plan)
        statuses = [milestone_status(m.status, m.due_on, today) for m in plan.milestones.all()]
        with_agent = {a.unit_id for a in plan.agents.all() if a.active} & unit_ids
        result.append(
            PlanSummary(
                plan_id=plan.pk,
                name=plan.name,
                phase_model=plan.phase_model.name,
                current_phase=current.phase.name if current else None,
                phase_entered_on=current.entered_on if current else None,
                milestones_done=statuses.count(MilestoneStatus.DONE),
                milestones_total=len(statuses),
                milestones_late=statuses.count(LATE),
                stages=progress(completions(plan)),
                units_with_agent=len(with_agent),
                units_without_agent=len(unit_ids - with_agent),
            )
        )
    return result


@dataclass(frozen=True)
class ComparisonRow:
    municipality: str
    plan_id: int
    stages: list[StageProgress]


def sic_comparison(plans: Iterable[Plan]) -> list[ComparisonRow]:
    """Municipality × stage (proportion, duration) for the given plans, in two queries."""
    ids = [p.pk for p in plans]
    loaded = (
        Plan.objects.filter(pk__in=ids)
        .select_related("municipality")
        .prefetch_related("sic_completions")
        .order_by("municipality__name", "name")
    )
    return [ComparisonRow(p.municipality.name, p.pk, progress(completions(p))) for p in loaded]


@dataclass(frozen=True)
class Comparison:
    own: list[StageProgress]
    # None when fewer than MIN_OTHER_MUNICIPALITIES other municipalities share.
    others: list[StageMedian] | None
    other_municipalities: int


def plan_comparison(plan: Plan) -> Comparison:
    """The plan's stages beside the median of other municipalities' shared plans of the same
    phase model (each shared plan counts once)."""
    others = Plan.objects.filter(phase_model=plan.phase_model, shares_progress=True).exclude(
        municipality=plan.municipality
    )
    count = others.values("municipality").distinct().count()
    own = sic_comparison([plan])[0].stages
    if count < MIN_OTHER_MUNICIPALITIES:
        return Comparison(own, None, count)
    return Comparison(own, medians(r.stages for r in sic_comparison(others)), count)
