"""The decision «the child has the right to an individual plan»: who records it, what it
checks, and its corrections and withdrawal with their history."""

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.audit.models import AuditEvent
from laget.cases.access import Need, case_for
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.models import Case
from laget.cases.services.lifecycle import case_close
from laget.plans import services
from laget.plans.choices import DecisionEnd, PlanStatute
from laget.plans.messages import (
    MSG_CORRECTION_REASON,
    MSG_DECIDED_IN_FUTURE,
    MSG_NO_DECISION,
    MSG_STATUTE_OTHER_REQUIRED,
)
from laget.plans.models import PlanDecision
from laget.plans.tests.helpers import GROUNDS, as_role, decide
from laget.testing.world import ROLES, World

pytestmark = pytest.mark.django_db

# Who may record the decision in world.case: those who coordinate it (laget.cases.access).
EXPECTED = {
    "stafettholder": 302,
    "unit_leader": 302,
    # Reads the case but does not coordinate it.
    "participant": 403,
    "former_participant": 404,
    "same_unit": 404,
    "other_unit": 404,
    "coordinator": 404,
    "admin": 404,
    "anonymous": 302,
}


def _post(world: World) -> dict[str, str]:
    return {
        "decided_on": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        "decided_by": "Helsesykepleier, Fjordvik helsestasjon",
        "statute": PlanStatute.HEALTH_CARE,
        "grounds": GROUNDS,
    }


@pytest.mark.parametrize("role", ROLES)
def test_who_may_record_the_decision(
    world: World, client_for: Callable[[str], Client], role: str
) -> None:
    url = reverse("plans:decision_record", args=[world.case.pk])
    response = client_for(role).post(url, _post(world))
    assert response.status_code == EXPECTED[role]
    recorded = PlanDecision.objects.filter(case=world.case).exists()
    assert recorded == (role in ("stafettholder", "unit_leader"))
    assert Case.objects.get(pk=world.case.pk).needs_individual_plan == recorded
    if role == "anonymous":
        assert "/login" in response["Location"] or "logg-inn" in response["Location"]


def test_recording_sets_the_flag_and_is_audited_in_one_go(world: World) -> None:
    before = AuditEvent.objects.count()
    decision = decide(world)
    assert Case.objects.get(pk=world.case.pk).needs_individual_plan
    kinds = list(AuditEvent.objects.order_by("pk")[before:].values_list("object_type", "action"))
    assert kinds == [("plandecision", "create"), ("case", "update")]
    assert decision.recorded_by == world.users["stafettholder"]


def test_grounds_and_decision_maker_are_encrypted_at_rest(world: World) -> None:
    decision = decide(world)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT grounds, decided_by FROM plans_plandecision WHERE id = %s", [decision.pk]
        )
        grounds, decided_by = cursor.fetchone()
    assert "helsestasjon" not in grounds and "Tildelingskontoret" not in decided_by


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"decided_on": timezone.localdate() + datetime.timedelta(days=1)},
            "decided_on",
            MSG_DECIDED_IN_FUTURE,
        ),
        ({"statute": PlanStatute.OTHER}, "statute_other", MSG_STATUTE_OTHER_REQUIRED),
    ],
)
def test_the_service_names_the_field_in_error(
    world: World, changes: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        decide(world, **changes)
    assert exc.value.message_dict[field] == [str(message)]
    assert not PlanDecision.objects.filter(case=world.case).exists()


def test_the_form_shows_errors_at_the_fields(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = reverse("plans:decision_record", args=[world.case.pk])
    data = {**_post(world), "statute": PlanStatute.OTHER}
    response = client_for("stafettholder").post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"statute_other": [str(MSG_STATUTE_OTHER_REQUIRED)]}
    empty = client_for("stafettholder").post(url, {"grounds": ""})
    assert {"decided_on", "decided_by", "statute", "grounds"} <= set(empty.context["form"].errors)


def test_another_statute_keeps_its_reference(world: World) -> None:
    decision = decide(world, statute=PlanStatute.OTHER, statute_other="Barnevernsloven § 15-10")
    assert decision.statute_label == "Barnevernsloven § 15-10"
    other = decide(world, statute=PlanStatute.SPECIALIST, correction_reason="Feil hjemmel")
    assert other.statute_other == ""


def test_a_correction_needs_a_reason_and_keeps_the_earlier_decision(world: World) -> None:
    first = decide(world)
    with pytest.raises(ValidationError) as exc:
        decide(world, decided_by="Kommuneoverlegen")
    assert exc.value.message_dict["correction_reason"] == [str(MSG_CORRECTION_REASON)]
    second = decide(world, decided_by="Kommuneoverlegen", correction_reason="Feil instans")
    first.refresh_from_db()
    assert (first.end_kind, first.end_reason, first.ended_by) == (
        DecisionEnd.CORRECTED,
        "Feil instans",
        world.users["stafettholder"],
    )
    assert second.corrects == first and second.is_current
    assert list(PlanDecision.objects.filter(case=world.case, ended_at=None)) == [second]


def test_withdrawing_keeps_the_history_and_clears_the_flag(world: World) -> None:
    decision = decide(world)
    actor, access = as_role(world, "unit_leader")
    with pytest.raises(ValidationError) as exc:
        services.plan_decision_withdraw(actor=actor, access=access, reason=" ")
    assert "reason" in exc.value.message_dict
    services.plan_decision_withdraw(actor=actor, access=access, reason="Omgjort etter klage")
    decision.refresh_from_db()
    assert decision.end_kind == DecisionEnd.WITHDRAWN
    assert not Case.objects.get(pk=world.case.pk).needs_individual_plan
    with pytest.raises(ValidationError) as exc:
        services.plan_decision_withdraw(actor=actor, access=access, reason="igjen")
    assert exc.value.messages == [str(MSG_NO_DECISION)]


def test_withdrawing_through_the_page(world: World, client_for: Callable[[str], Client]) -> None:
    decide(world)
    url = reverse("plans:decision_withdraw", args=[world.case.pk])
    client = client_for("stafettholder")
    assert client.post(url, {"reason": ""}).context["form"].errors.keys() == {"reason"}
    response = client.post(url, {"reason": "Feilregistrert"})
    assert response.status_code == 302
    page = client.get(reverse("plans:plan_detail", args=[world.case.pk])).content.decode()
    assert "Trukket tilbake" in page and "Feilregistrert" in page


def test_a_reader_who_does_not_coordinate_is_refused_by_the_service(world: World) -> None:
    user = world.users["participant"]
    access = case_for(user, world.case.pk, need=Need.READ, audit=False)
    actor, _ = as_role(world)
    with pytest.raises(PermissionDenied):
        services.plan_decision_withdraw(actor=actor, access=access, reason="x")


def test_a_closed_case_refuses_the_decision(
    world: World, client_for: Callable[[str], Client]
) -> None:
    actor, access = as_role(world)
    case_close(actor=actor, access=access, reason="Ferdig")
    closed = as_role(world)[1]
    with pytest.raises(ValidationError) as exc:
        decide(world)
    assert exc.value.messages == [str(MSG_CASE_CLOSED)]
    with pytest.raises(ValidationError):
        services.plan_decision_withdraw(actor=actor, access=closed, reason="x")
    response = client_for("stafettholder").post(
        reverse("plans:decision_record", args=[world.case.pk]), _post(world)
    )
    assert response.status_code == 200
    assert str(MSG_CASE_CLOSED) in response.content.decode()
    assert not PlanDecision.objects.filter(case=world.case).exists()
