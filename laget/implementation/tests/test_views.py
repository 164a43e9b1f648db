"""The plan pages as a coordinator uses them: create, fill in, advance, mark stage activities."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.implementation import item_services
from laget.implementation.demo import seed_demo_plans
from laget.implementation.models import Milestone, PhaseModel, Plan, SicCompletion
from laget.implementation.phases import BTI, install_phase_models
from laget.implementation.testing import bti_plan
from laget.orgs.models import Municipality
from laget.testing.world import World

pytestmark = pytest.mark.django_db

D = datetime.date
ClientFor = Callable[[str], Client]


def url(name: str, *args: object) -> str:
    return reverse(f"implementation:{name}", args=args)


def test_coordinator_creates_a_plan_and_lands_on_it(world: World, client_for: ClientFor) -> None:
    install_phase_models()
    model = PhaseModel.objects.get(slug=BTI)
    response = client_for("coordinator").post(
        url("plan_create"),
        {"name": "BTI 2025", "phase_model": model.pk, "started_on": "2025-01-06"},
    )
    plan = Plan.objects.get(municipality=world.municipality, name="BTI 2025")
    assert response.status_code == 302
    assert response["Location"] == url("plan_detail", plan.pk)
    page = client_for("coordinator").get(response["Location"])
    assert page.status_code == 200
    assert "Forberede" in page.content.decode()


def test_the_list_shows_the_current_phase(world: World, client_for: ClientFor) -> None:
    bti_plan(world.municipality)
    body = client_for("admin").get(url("plan_list")).content.decode()
    assert "BTI i Fjordvik" in body and "Forberede" in body


def test_a_milestone_form_shows_field_errors(world: World, client_for: ClientFor) -> None:
    plan = bti_plan(world.municipality)
    phase = plan.phase_model.phases.first()
    assert phase is not None
    response = client_for("coordinator").post(
        url("milestone_create", plan.pk),
        {
            "title": "Plan vedtatt",
            "phase": phase.pk,
            "owner": "Kommunalsjef",
            "due_on": "2024-03-01",
            "status": "done",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {"done_on": [str(item_services.MSG_DONE_NEEDS_DATE)]}
    assert not Milestone.objects.filter(plan=plan).exists()


def test_a_late_milestone_is_flagged_on_the_plan_page(world: World, client_for: ClientFor) -> None:
    plan = bti_plan(world.municipality)
    phase = plan.phase_model.phases.first()
    assert phase is not None
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    item_services.milestone_save(
        plan=plan, title="Opplæring", phase=phase, owner="Koordinator", due_on=yesterday
    )
    body = client_for("coordinator").get(url("plan_detail", plan.pk)).content.decode()
    assert "Forsinket" in body


def test_advancing_offers_only_later_phases(world: World, client_for: ClientFor) -> None:
    plan = bti_plan(world.municipality)
    client = client_for("coordinator")
    later = plan.phase_model.phases.get(slug="gjennomfore")
    response = client.post(
        url("phase_advance", plan.pk), {"phase": later.pk, "entered_on": "2024-05-01"}
    )
    assert response.status_code == 302
    earlier = plan.phase_model.phases.get(slug="planlegge")
    response = client.post(
        url("phase_advance", plan.pk), {"phase": earlier.pk, "entered_on": "2024-06-01"}
    )
    assert response.status_code == 400
    assert "phase" in response.context["form"].errors
    assert [e.phase.slug for e in plan.phase_entries.all()] == ["forberede", "gjennomfore"]


def test_marking_a_stage_activity_done(world: World, client_for: ClientFor) -> None:
    plan = bti_plan(world.municipality)
    response = client_for("coordinator").post(
        url("sic_mark", plan.pk, "s3_plan"), {"completed_on": "2024-04-02"}
    )
    assert response.status_code == 302
    assert SicCompletion.objects.get(plan=plan).completed_on == D(2024, 4, 2)


def test_an_unknown_stage_activity_is_missing(world: World, client_for: ClientFor) -> None:
    plan = bti_plan(world.municipality)
    assert client_for("coordinator").get(url("sic_mark", plan.pk, "nope")).status_code == 404


def test_another_municipalitys_plan_is_missing(world: World, client_for: ClientFor) -> None:
    other = bti_plan(Municipality.objects.create(name="Nabobygd", number="9911"))
    client = client_for("coordinator")
    for name in ("plan_detail", "plan_edit", "milestone_create", "sic_compare"):
        assert client.get(url(name, other.pk)).status_code == 404


def test_an_object_of_another_plan_is_missing(world: World, client_for: ClientFor) -> None:
    mine = bti_plan(world.municipality)
    other = bti_plan(world.municipality, "Annen plan")
    phase = other.phase_model.phases.first()
    assert phase is not None
    m = item_services.milestone_save(
        plan=other, title="X", phase=phase, owner="K", due_on=D(2024, 1, 1)
    )
    response = client_for("coordinator").get(url("milestone_edit", mine.pk, m.pk))
    assert response.status_code == 404


def test_the_comparison_says_when_too_few_share(world: World, client_for: ClientFor) -> None:
    plan = bti_plan(world.municipality)
    body = client_for("coordinator").get(url("sic_compare", plan.pk)).content.decode()
    assert "minst 3 andre kommuner" in body


def test_the_demo_plan_is_in_the_implement_phase(world: World, client_for: ClientFor) -> None:
    plan = seed_demo_plans(world.municipality, world.units.values(), today=D(2025, 6, 1))
    current = plan.phase_entries.order_by("-phase__order").first()
    assert current is not None and current.phase.slug == "gjennomfore"
    response = client_for("coordinator").get(url("plan_detail", plan.pk))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enheter uten aktiv ambassadør" in body
    assert plan.sic_completions.count() > 10
