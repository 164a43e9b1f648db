"""Who may download a case's handover package: those who coordinate the case (the
stafettholder, a leader of its responsible unit: laget.cases.access's rule) and its named
coordinator. After the handover the coordinator has left the case with every other
participant (closing ends participations), so the coordinator it was handed over to keeps the
download as long as the last stafettholder reads a closed case. Everyone else gets 404, those
who read the case included: the package is for the plan's system, not another view of it."""

from django.http import Http404

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import Actor, audit_record
from laget.cases.access import case_for, closed_read_cutoff
from laget.cases.models import Case, Participant
from laget.orgs.models import Membership
from laget.plans.models import PlanCoordinator, PlanHandover

PACKAGE = "individual_plan_package"


def is_active_coordinator(case: Case, user: User) -> bool:
    """The user is the case's coordinator today: named, and taking part with access."""
    return PlanCoordinator.objects.filter(
        case=case,
        ended_at__isnull=True,
        participant__in=Participant.objects.granting_access().filter(case=case, user=user),
    ).exists()


def _handed_over_to(user: User, case_id: int) -> Case | None:
    """The closed case, if it was handed over to this user as coordinator a short while ago
    and their membership in the unit they coordinated for still counts."""
    if not user.is_authenticated or not user.is_active:
        return None
    handover = (
        PlanHandover.objects.filter(
            case_id=case_id,
            coordinator__participant__user=user,
            case__closed_at__gte=closed_read_cutoff(),
        )
        .select_related("case", "coordinator__participant")
        .first()
    )
    if handover is None:
        return None
    unit_id = handover.coordinator.participant.unit_id
    if not Membership.objects.effective().filter(user=user, unit_id=unit_id).exists():
        return None
    return handover.case


def package_case(user: User, case_id: int | str, *, actor: Actor) -> Case:
    """The case whose handover package the user may download, the download recorded in the
    access log; Http404 for everyone else."""
    try:
        pk = int(case_id)
    except (TypeError, ValueError):
        raise Http404 from None
    try:
        access = case_for(user, pk, audit=False)
    except Http404:
        case = _handed_over_to(user, pk)
    else:
        allowed = access.may_coordinate or is_active_coordinator(access.case, user)
        case = access.case if allowed else None
    if case is None:
        raise Http404
    audit_record(
        actor=actor, action=AuditAction.READ, object_type=PACKAGE, object_id=pk, case_id=pk
    )
    return case
