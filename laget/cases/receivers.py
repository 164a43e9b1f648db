"""The cases' answer to what orgs reports (orgs sits below the cases and cannot call them)."""

from typing import Any

from django.dispatch import receiver
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.models import Participant
from laget.cases.notifications import notify_case_notice
from laget.cases.services.common import audit_write
from laget.orgs.signals import access_ended


@receiver(access_ended, dispatch_uid="cases.end_participations")
def end_participations(
    sender: object, *, user: User, unit_id: int | None, actor: Actor, **kwargs: Any
) -> None:
    """A person's access through a unit ended (or their account did): their personal
    participations there end now, each in the case's audit log, and whoever coordinates an
    open case is told. If the person held the baton, the case has no stafettholder."""
    rows = Participant.objects.select_for_update(of=("self",)).filter(
        user=user, left_at__isnull=True
    )
    if unit_id is not None:
        rows = rows.filter(unit_id=unit_id)
    now = timezone.now()
    for participant in rows.select_related("case").order_by("pk"):
        participant.left_at = now
        participant.save(update_fields=["left_at"])
        audit_write(actor, AuditAction.UPDATE, participant, participant.case_id)
        if not participant.case.is_closed:
            notify_case_notice(participant.case, event=f"participant_left:{participant.pk}")
