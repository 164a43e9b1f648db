"""Writing plans: phases only go forward, milestones are done on a date, objects stay in their
municipality, and a milestone is late by its due date."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from laget.implementation import item_services, services
from laget.implementation.models import (
    MilestoneStatus,
    PhaseDefinition,
    PhaseModel,
    Plan,
    SicCompletion,
)
from laget.implementation.phases import BTI, TIBIR, install_phase_models
from laget.implementation.status import LATE, milestone_status
from laget.implementation.testing import bti_plan
from laget.orgs.models import Municipality, Unit, UnitKind
from laget.registry.models import Phase
from laget.testing.world import World

pytestmark = pytest.mark.django_db

D = datetime.date


def phase(plan: Plan, slug: str) -> PhaseDefinition:
    return plan.phase_model.phases.get(slug=slug)


def errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_install_is_idempotent_and_tibir_matches_the_registry_phases() -> None:
    install_phase_models()
    install_phase_models()
    assert PhaseModel.objects.filter(slug__in=[BTI, TIBIR]).count() == 2
    tibir = PhaseModel.objects.get(slug=TIBIR)
    assert list(tibir.phases.values_list("slug", flat=True)) == [p.value for p in Phase]
    bti = PhaseModel.objects.get(slug=BTI)
    assert list(bti.phases.values_list("name", flat=True)) == [
        "Forberede",
        "Planlegge",
        "Gjennomføre",
        "Videreføre",
    ]


def test_a_new_plan_enters_the_first_phase(world: World) -> None:
    plan = bti_plan(world.municipality)
    assert [e.phase.slug for e in plan.phase_entries.all()] == ["forberede"]


def test_phase_cannot_go_backwards_or_stand_still(world: World) -> None:
    plan = bti_plan(world.municipality)
    services.phase_advance(plan=plan, phase=phase(plan, "gjennomfore"), entered_on=D(2024, 6, 1))
    for slug in ("planlegge", "gjennomfore"):
        with pytest.raises(ValidationError) as exc:
            services.phase_advance(plan=plan, phase=phase(plan, slug), entered_on=D(2024, 7, 1))
        assert errors(exc) == {"phase": [str(services.MSG_PHASE_BACKWARDS)]}


def test_a_later_phase_cannot_start_before_the_current_one(world: World) -> None:
    plan = bti_plan(world.municipality)  # entered «forberede» on 1 January 2024
    with pytest.raises(ValidationError) as exc:
        services.phase_advance(
            plan=plan, phase=phase(plan, "planlegge"), entered_on=D(2023, 12, 31)
        )
    assert list(errors(exc)) == ["entered_on"]


def test_a_phase_of_another_model_is_refused(world: World) -> None:
    plan = bti_plan(world.municipality)
    tibir_phase = PhaseModel.objects.get(slug=TIBIR).phases.last()
    assert tibir_phase is not None
    with pytest.raises(ValidationError) as exc:
        services.phase_advance(plan=plan, phase=tibir_phase, entered_on=D(2024, 6, 1))
    assert errors(exc) == {"phase": [str(services.MSG_PHASE_OTHER_MODEL)]}


def test_plan_names_are_unique_in_the_municipality(world: World) -> None:
    plan = bti_plan(world.municipality)
    with pytest.raises(ValidationError) as exc:
        services.plan_create(
            municipality=world.municipality,
            name=plan.name,
            phase_model=plan.phase_model,
            started_on=D(2024, 1, 1),
        )
    assert errors(exc) == {"name": [str(services.MSG_PLAN_NAME_TAKEN)]}


def test_another_municipalitys_phase_model_cannot_be_used(world: World) -> None:
    other = Municipality.objects.create(name="Nabobygd", number="9911")
    own = services.phase_model_create(municipality=other, name="Vår modell", phases=["A", "B"])
    with pytest.raises(ValidationError) as exc:
        services.plan_create(
            municipality=world.municipality, name="X", phase_model=own, started_on=D(2024, 1, 1)
        )
    assert errors(exc) == {"phase_model": [str(services.MSG_PHASE_MODEL_OTHER)]}


def test_own_phase_model_keeps_the_order_and_needs_two_phases(world: World) -> None:
    model = services.phase_model_create(
        municipality=world.municipality, name="Tre steg", phases=["Start", "", "Midt", "Slutt"]
    )
    assert list(model.phases.values_list("name", flat=True)) == ["Start", "Midt", "Slutt"]
    with pytest.raises(ValidationError) as exc:
        services.phase_model_create(municipality=world.municipality, name="En", phases=["Alt"])
    assert errors(exc) == {"phases": [str(services.MSG_PHASES_TOO_FEW)]}


def test_a_done_milestone_needs_its_date_and_only_done_has_one(world: World) -> None:
    plan = bti_plan(world.municipality)
    first = phase(plan, "forberede")
    base = {"plan": plan, "title": "Plan vedtatt", "phase": first, "owner": "Kommunalsjef"}
    with pytest.raises(ValidationError) as exc:
        item_services.milestone_save(**base, due_on=D(2024, 3, 1), status=MilestoneStatus.DONE)
    assert errors(exc) == {"done_on": [str(item_services.MSG_DONE_NEEDS_DATE)]}
    with pytest.raises(ValidationError) as exc:
        item_services.milestone_save(**base, due_on=D(2024, 3, 1), done_on=D(2024, 2, 1))
    assert errors(exc) == {"done_on": [str(item_services.MSG_DATE_ONLY_WHEN_DONE)]}
    m = item_services.milestone_save(
        **base, due_on=D(2024, 3, 1), status=MilestoneStatus.DONE, done_on=D(2024, 2, 1)
    )
    assert m.done_on == D(2024, 2, 1)


def test_a_unit_of_another_municipality_is_refused(world: World) -> None:
    plan = bti_plan(world.municipality)
    other = Municipality.objects.create(name="Nabobygd", number="9911")
    foreign = Unit.objects.create(municipality=other, name="Nabo skole", kind=UnitKind.SCHOOL)
    with pytest.raises(ValidationError) as exc:
        item_services.agent_save(plan=plan, name="Ola", unit=foreign, since=D(2024, 1, 1))
    assert errors(exc) == {"unit": [str(item_services.MSG_UNIT_OTHER)]}


def test_sic_mark_sets_changes_and_clears_a_date(world: World) -> None:
    plan = bti_plan(world.municipality)
    services.sic_mark(plan=plan, activity="s1_political", completed_on=D(2024, 1, 5))
    services.sic_mark(plan=plan, activity="s1_political", completed_on=D(2024, 1, 6))
    assert SicCompletion.objects.get(plan=plan).completed_on == D(2024, 1, 6)
    services.sic_mark(plan=plan, activity="s1_political", completed_on=None)
    assert not SicCompletion.objects.filter(plan=plan).exists()
    with pytest.raises(ValidationError):
        services.sic_mark(plan=plan, activity="nope", completed_on=D(2024, 1, 5))


@pytest.mark.parametrize(
    ("status", "today", "shown"),
    [
        (MilestoneStatus.NOT_STARTED, D(2024, 3, 1), MilestoneStatus.NOT_STARTED),  # due today
        (MilestoneStatus.NOT_STARTED, D(2024, 3, 2), LATE),
        (MilestoneStatus.IN_PROGRESS, D(2024, 3, 2), LATE),
        (MilestoneStatus.IN_PROGRESS, D(2024, 2, 1), MilestoneStatus.IN_PROGRESS),
        (MilestoneStatus.DONE, D(2025, 1, 1), MilestoneStatus.DONE),
    ],
)
def test_a_milestone_is_late_after_its_due_date_unless_done(
    status: str, today: datetime.date, shown: str
) -> None:
    assert milestone_status(status, D(2024, 3, 1), today) == shown
