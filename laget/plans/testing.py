"""Rows of the individual plan for other apps' tests (the encrypted-columns check fills a row
of every model with encrypted columns)."""

from django.utils import timezone

from laget.accounts.models import User
from laget.cases.models import Case
from laget.plans.choices import PlanStatute
from laget.plans.models import PlanCoordinator, PlanDecision, PlanHandover


def plan_rows(case: Case, by: User, text: str) -> PlanHandover:
    """A decision, a coordinator and a handover in `case`, written straight to the tables
    (the handover service would close the case): their texts start with `text`."""
    decision = PlanDecision.objects.create(
        case=case,
        decided_on=timezone.localdate(),
        decided_by=f"{text}: vedtatt av",
        statute=PlanStatute.HEALTH_CARE,
        grounds=f"{text}: begrunnelse",
        recorded_by=by,
    )
    participant = case.participants.filter(user__isnull=False).order_by("pk").first()
    assert participant is not None, "the case needs a person taking part"
    coordinator = PlanCoordinator.objects.create(
        case=case, participant=participant, from_date=timezone.localdate(), named_by=by
    )
    return PlanHandover.objects.create(
        case=case,
        decision=decision,
        coordinator=coordinator,
        handed_over_by=by,
        note=f"{text}: merknad",
    )
