"""Test helpers for the access matrix (laget/tests/test_access_matrix.py) and the app's tests."""

import datetime

from laget.implementation.models import (
    Activity,
    ChangeAgent,
    Decision,
    Milestone,
    PhaseModel,
    Plan,
    PlanPhase,
    SteeringMeeting,
)
from laget.implementation.phases import BTI, install_phase_models
from laget.orgs.models import Municipality
from laget.testing.world import World

STEERING = {"coordinator", "admin"}

ROUTES = [
    "plan_list",
    "plan_create",
    "phase_model_create",
    "plan_detail",
    "plan_edit",
    "phase_advance",
    "sic_mark",
    "sic_compare",
    "milestone_create",
    "milestone_edit",
    "activity_create",
    "activity_edit",
    "agent_create",
    "agent_edit",
    "meeting_create",
    "meeting_edit",
    "decision_create",
    "decision_edit",
]
READ_ONLY = {"plan_list", "plan_detail", "sic_compare"}

# (url name, method, roles allowed): every route of the app needs a row.
ACCESS_ROWS: list[tuple[str, str, set[str]]] = [
    (f"implementation:{name}", method, STEERING)
    for name in ROUTES
    for method in (("get",) if name in READ_ONLY else ("get", "post"))
]


def bti_plan(municipality: Municipality, name: str = "BTI i Fjordvik") -> Plan:
    """A BTI plan in its first phase since 1 January 2024, made once."""
    install_phase_models()
    model = PhaseModel.objects.get(slug=BTI)
    plan, created = Plan.objects.get_or_create(
        municipality=municipality, name=name, defaults={"phase_model": model}
    )
    if created:
        first = model.phases.order_by("order").first()
        assert first is not None
        PlanPhase.objects.create(plan=plan, phase=first, entered_on=datetime.date(2024, 1, 1))
    return plan


def route_kwargs(name: str, world: World) -> dict[str, object]:
    """URL kwargs for the route named `name` in the access matrix's world."""
    short = name.split(":")[1]
    if short in ("plan_list", "plan_create", "phase_model_create"):
        return {}
    plan = bti_plan(world.municipality)
    kwargs: dict[str, object] = {"plan_id": plan.pk}
    phase = plan.phase_model.phases.order_by("order")[0]
    unit = world.units["kindergarten"]
    day = datetime.date(2024, 2, 1)
    if short == "sic_mark":
        kwargs["activity"] = "s1_first_contact"
    elif short == "milestone_edit":
        kwargs["milestone_id"] = Milestone.objects.get_or_create(
            plan=plan, title="Plan vedtatt", defaults={"phase": phase, "owner": "K", "due_on": day}
        )[0].pk
    elif short == "activity_edit":
        kwargs["activity_id"] = Activity.objects.get_or_create(
            plan=plan, title="Personalmøte", defaults={"phase": phase, "unit": unit}
        )[0].pk
    elif short == "agent_edit":
        kwargs["agent_id"] = ChangeAgent.objects.get_or_create(
            plan=plan, name="Vera Ambassadør", defaults={"unit": unit, "since": day}
        )[0].pk
    elif short in ("meeting_edit", "decision_create", "decision_edit"):
        meeting = SteeringMeeting.objects.get_or_create(plan=plan, held_on=day)[0]
        kwargs["meeting_id"] = meeting.pk
        if short == "decision_edit":
            kwargs["decision_id"] = Decision.objects.get_or_create(
                meeting=meeting, text="Starte opplæring"
            )[0].pk
    return kwargs
