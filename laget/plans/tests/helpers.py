"""Small helpers for the individual plan's tests: acting as a role of the world."""

import datetime

from django.utils import timezone

from laget.audit.models import Via
from laget.audit.services import Actor
from laget.cases.access import CaseAccess, Need, case_for
from laget.orgs.actors import actor_for
from laget.plans import services
from laget.plans.choices import PlanStatute
from laget.plans.models import PlanCoordinator, PlanDecision
from laget.testing.world import World

GROUNDS = "Langvarige og koordinerte tjenester fra helsestasjon, PPT og barnehage."


def as_role(world: World, role: str = "stafettholder") -> tuple[Actor, CaseAccess]:
    user = world.users[role]
    return actor_for(user, Via.SYSTEM), case_for(
        user, world.case.pk, need=Need.COORDINATE, audit=False
    )


def decide(world: World, **changes: object) -> PlanDecision:
    actor, access = as_role(world)
    fields: dict[str, object] = {
        "decided_on": timezone.localdate() - datetime.timedelta(days=3),
        "decided_by": "Tildelingskontoret, Fjordvik kommune",
        "statute": PlanStatute.HEALTH_CARE,
        "grounds": GROUNDS,
        **changes,
    }
    return services.plan_decision_record(actor=actor, access=access, **fields)  # type: ignore[arg-type]


def name_coordinator(world: World, participant_id: int | None = None) -> PlanCoordinator:
    actor, access = as_role(world)
    return services.plan_coordinator_name(
        actor=actor,
        access=access,
        participant_id=participant_id or world.participant.pk,
        from_date=timezone.localdate(),
    )
