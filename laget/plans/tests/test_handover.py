"""The handover: the log closes with «continued in an individual plan» through the one
closing service, the coordinator is named, and the handover is kept."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from laget.cases.choices import Decision
from laget.cases.messages import MSG_CASE_CLOSED
from laget.cases.models import Case, Participant
from laget.cases.services.lifecycle import case_close
from laget.plans import services
from laget.plans.messages import HANDOVER_CLOSE_REASON, MSG_HANDOVER_NEEDS_DECISION
from laget.plans.models import PlanCoordinator, PlanHandover
from laget.plans.tests.helpers import as_role, decide, name_coordinator
from laget.testing.world import ROLES, World

pytestmark = pytest.mark.django_db

EXPECTED = {
    "stafettholder": 302,
    "unit_leader": 302,
    "participant": 403,
    "former_participant": 404,
    "same_unit": 404,
    "other_unit": 404,
    "coordinator": 404,
    "admin": 404,
    "anonymous": 302,
}


def _form(world: World) -> dict[str, object]:
    return {
        "participant": world.participant.pk,
        "from_date": timezone.localdate().isoformat(),
        "note": "Planen følges opp av helsestasjonen.",
    }


@pytest.mark.parametrize("role", ROLES)
def test_who_may_hand_over(world: World, client_for: Callable[[str], Client], role: str) -> None:
    decide(world)
    url = reverse("plans:hand_over", args=[world.case.pk])
    response = client_for(role).post(url, _form(world))
    assert response.status_code == EXPECTED[role]
    handed = PlanHandover.objects.filter(case=world.case).exists()
    assert handed == (role in ("stafettholder", "unit_leader"))
    assert Case.objects.get(pk=world.case.pk).is_closed == handed


def test_the_handover_closes_the_case_with_its_reason_and_names_the_coordinator(
    world: World,
) -> None:
    decision = decide(world)
    actor, access = as_role(world)
    handover = services.plan_hand_over(
        actor=actor,
        access=access,
        participant_id=world.participant.pk,
        from_date=timezone.localdate(),
        note="Til planen",
    )
    case = Case.objects.get(pk=world.case.pk)
    assert case.is_closed and case.close_reason == HANDOVER_CLOSE_REASON
    closing = case.level_changes.get(decision=Decision.CLOSE)
    assert closing.reason == HANDOVER_CLOSE_REASON
    assert handover.decision == decision
    assert handover.coordinator.participant == world.participant
    # Closing ended every participation but the stafettholder's, the coordinator's too.
    assert Participant.objects.get(pk=world.participant.pk).left_at is not None


def test_the_coordinator_already_named_is_kept(world: World) -> None:
    decide(world)
    named = name_coordinator(world)
    actor, access = as_role(world)
    handover = services.plan_hand_over(
        actor=actor,
        access=access,
        participant_id=world.participant.pk,
        from_date=timezone.localdate(),
    )
    assert handover.coordinator == named
    assert PlanCoordinator.objects.filter(case=world.case).count() == 1


def test_no_handover_without_a_decision(world: World, client_for: Callable[[str], Client]) -> None:
    actor, access = as_role(world)
    with pytest.raises(ValidationError) as exc:
        services.plan_hand_over(
            actor=actor,
            access=access,
            participant_id=world.participant.pk,
            from_date=timezone.localdate(),
        )
    assert exc.value.messages == [str(MSG_HANDOVER_NEEDS_DECISION)]
    response = client_for("stafettholder").post(
        reverse("plans:hand_over", args=[world.case.pk]), _form(world)
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [str(MSG_HANDOVER_NEEDS_DECISION)]
    assert not Case.objects.get(pk=world.case.pk).is_closed
    assert not PlanCoordinator.objects.exists()


def test_the_form_names_the_fields_in_error(
    world: World, client_for: Callable[[str], Client]
) -> None:
    decide(world)
    response = client_for("stafettholder").post(
        reverse("plans:hand_over", args=[world.case.pk]), {"participant": "", "from_date": ""}
    )
    assert set(response.context["form"].errors) == {"participant", "from_date"}


def test_a_closed_case_is_not_handed_over(
    world: World, client_for: Callable[[str], Client]
) -> None:
    decide(world)
    actor, access = as_role(world)
    case_close(actor=actor, access=access, reason="Ferdig")
    with pytest.raises(ValidationError) as exc:
        services.plan_hand_over(
            actor=actor,
            access=as_role(world)[1],
            participant_id=world.participant.pk,
            from_date=timezone.localdate(),
        )
    assert exc.value.messages == [str(MSG_CASE_CLOSED)]
    for name in ("hand_over", "coordinator_name"):
        response = client_for("stafettholder").post(
            reverse(f"plans:{name}", args=[world.case.pk]), _form(world)
        )
        assert response.status_code == 200
        page = client_for("stafettholder").get(reverse(f"plans:{name}", args=[world.case.pk]))
        assert str(MSG_CASE_CLOSED) in page.content.decode()
        assert "<form" not in page.content.decode().split("<main", 1)[-1]
    assert not PlanHandover.objects.exists() and not PlanCoordinator.objects.exists()


def test_the_pages_say_the_log_continued_in_the_plan(
    world: World, client_for: Callable[[str], Client]
) -> None:
    decide(world)
    client_for("stafettholder").post(reverse("plans:hand_over", args=[world.case.pk]), _form(world))
    page = client_for("stafettholder").get(reverse("cases:case_detail", args=[world.case.pk]))
    text = page.content.decode()
    assert "Videreført i individuell plan" in text
    assert "Per Nystad, Fjordvik helsestasjon (overlevert til individuell plan)" in text
