"""The summary the dashboard reads, and the stage comparison across municipalities."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from laget.implementation import item_services, services
from laget.implementation.models import MilestoneStatus, Plan
from laget.implementation.selectors import plan_comparison, plan_summary, sic_comparison
from laget.implementation.testing import bti_plan
from laget.orgs.models import Municipality
from laget.testing.world import World

pytestmark = pytest.mark.django_db

D = datetime.date


def fill(plan: Plan, world: World, n: int) -> None:
    phase = plan.phase_model.phases.get(slug="forberede")
    for i in range(n):
        item_services.milestone_save(
            plan=plan, title=f"M{i}", phase=phase, owner="K", due_on=D(2024, 3, 1 + i)
        )
    item_services.milestone_save(
        plan=plan,
        title="Ferdig",
        phase=phase,
        owner="K",
        due_on=D(2024, 1, 1),
        status=MilestoneStatus.DONE,
        done_on=D(2024, 1, 1),
    )
    item_services.agent_save(plan=plan, name="A", unit=world.units["school"], since=D(2024, 1, 1))
    item_services.agent_save(
        plan=plan, name="B", unit=world.units["ppt"], since=D(2024, 1, 1), active=False
    )
    services.sic_mark(plan=plan, activity="s1_first_contact", completed_on=D(2024, 1, 1))
    services.sic_mark(plan=plan, activity="s1_political", completed_on=D(2024, 1, 21))


def test_plan_summary_counts(world: World) -> None:
    plan = bti_plan(world.municipality)
    fill(plan, world, 2)  # due 1 and 2 March 2024
    services.phase_advance(
        plan=plan, phase=plan.phase_model.phases.get(slug="planlegge"), entered_on=D(2024, 2, 1)
    )
    [s] = plan_summary(world.municipality, today=D(2024, 3, 2))
    assert (s.name, s.current_phase, s.phase_entered_on) == (plan.name, "Planlegge", D(2024, 2, 1))
    # Due 1 March is late on 2 March; due 2 March is not yet.
    assert (s.milestones_done, s.milestones_total, s.milestones_late) == (1, 3, 1)
    assert (s.stages[0].proportion, s.stages[0].duration_days) == (2 / 3, 20)
    assert s.stages[1].duration_days is None
    # Five units in the world, one with an active ambassador (the PPT's is not active).
    assert (s.units_with_agent, s.units_without_agent) == (1, 4)


def test_plan_summary_takes_a_constant_number_of_queries(world: World) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            plan_summary(world.municipality, today=D(2024, 3, 2))
        return len(ctx.captured_queries)

    fill(bti_plan(world.municipality, "A"), world, 1)
    one = count()
    for name in ("B", "C", "D"):
        fill(bti_plan(world.municipality, name), world, 3)
    assert count() == one == 6


def municipality(n: int) -> Municipality:
    return Municipality.objects.create(name=f"Kommune {n}", number=f"77{n:02d}")


def shared_plan(m: Municipality, done: dict[str, datetime.date]) -> Plan:
    plan = bti_plan(m, "BTI")
    plan.shares_progress = True
    plan.save()
    for key, on in done.items():
        services.sic_mark(plan=plan, activity=key, completed_on=on)
    return plan


def test_sic_comparison_is_a_table_of_municipalities_by_stages(world: World) -> None:
    a = shared_plan(municipality(1), {"s1_first_contact": D(2024, 1, 1)})
    b = shared_plan(municipality(2), {})
    rows = sic_comparison([b, a])
    assert [r.municipality for r in rows] == ["Kommune 1", "Kommune 2"]
    assert [len(r.stages) for r in rows] == [8, 8]
    assert (rows[0].stages[0].proportion, rows[0].stages[0].duration_days) == (1 / 3, 0)


def test_the_median_needs_three_other_sharing_municipalities(world: World) -> None:
    own = bti_plan(world.municipality)
    shared_plan(
        municipality(1), {"s1_first_contact": D(2024, 1, 1), "s1_political": D(2024, 1, 11)}
    )
    shared_plan(municipality(2), {"s1_first_contact": D(2024, 1, 1)})
    not_shared = bti_plan(municipality(3), "BTI")
    assert not not_shared.shares_progress
    assert plan_comparison(own).others is None
    shared_plan(municipality(4), {})
    comparison = plan_comparison(own)
    assert comparison.other_municipalities == 3
    assert comparison.others is not None
    first = comparison.others[0]
    assert (first.proportion, first.duration_days) == (1 / 3, 5)
