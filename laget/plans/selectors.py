"""What the case page, the plan page and the package show of the individual plan."""

from dataclasses import dataclass

from laget.cases.models import Case
from laget.plans.models import PlanCoordinator, PlanDecision, PlanHandover


@dataclass(frozen=True)
class PlanState:
    decisions: list[PlanDecision]  # newest first
    coordinators: list[PlanCoordinator]  # newest first
    handover: PlanHandover | None
    # The case's participants whose access holds today (laget.cases.access's rule).
    granting_ids: frozenset[int] = frozenset()

    @property
    def decision(self) -> PlanDecision | None:
        return next((d for d in self.decisions if d.is_current), None)

    @property
    def named_coordinator(self) -> PlanCoordinator | None:
        """The coordinator last named, whether or not they are still in the case."""
        return next((c for c in self.coordinators if c.ended_at is None), None)

    def _holds(self, named: PlanCoordinator) -> bool:
        return named.is_active and named.participant_id in self.granting_ids

    @property
    def coordinator(self) -> PlanCoordinator | None:
        """The coordinator today: the one named, while they take part in the case with access
        (they left, moved, or their consent ended: none). After the handover it is the one the
        log was handed over to (the closing ended every participation)."""
        if self.handover is not None:
            return self.handover.coordinator
        named = self.named_coordinator
        return named if named is not None and self._holds(named) else None

    @property
    def coordinator_left(self) -> PlanCoordinator | None:
        """The coordinator named who no longer takes part in the case: it has none now."""
        named = self.named_coordinator
        if self.handover is None and named is not None and not self._holds(named):
            return named
        return None

    @property
    def is_empty(self) -> bool:
        return not self.decisions and not self.coordinators and self.handover is None


def _granting_ids(case: Case) -> frozenset[int]:
    prefetched = getattr(case, "granting", None)  # read by laget.cases.access.case_for
    if prefetched is not None:
        return frozenset(p.pk for p in prefetched)
    return frozenset(case.participants.granting_access().values_list("pk", flat=True))


def plan_state(case: Case) -> PlanState:
    """The decisions, coordinators and handover of the case. Three queries, and none more
    when the case comes from case_for (which read who has access today)."""
    decisions = list(case.plan_decisions.select_related("recorded_by", "ended_by"))
    coordinators = list(
        case.plan_coordinators.select_related("participant__user", "participant__unit", "named_by")
    )
    by_id = {c.pk: c for c in coordinators}
    handover = (
        PlanHandover.objects.filter(case=case).select_related("handed_over_by").first()
        if decisions  # a handover carries on a decision
        else None
    )
    if handover is not None:
        handover.coordinator = by_id[handover.coordinator_id]
        handover.decision = next(d for d in decisions if d.pk == handover.decision_id)
    return PlanState(
        decisions=decisions,
        coordinators=coordinators,
        handover=handover,
        granting_ids=_granting_ids(case),
    )
