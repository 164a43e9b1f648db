"""Transitions between units (kindergarten → school and the like), with a handover meeting."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess
from laget.cases.choices import MeetingKind
from laget.cases.messages import MSG_SAME_UNIT, MSG_UNKNOWN_UNIT
from laget.cases.models import Case, Transition
from laget.cases.services.common import audit_write, ensure_open
from laget.cases.services.meetings import meeting_create
from laget.cases.services.participants import participant_add
from laget.lib.plausible import case_dates, ensure_plausible
from laget.orgs.models import Unit


@transaction.atomic
def transition_create(
    *,
    actor: Actor,
    access: CaseAccess,
    to_unit_id: int,
    date: datetime.date,
    meeting_at: datetime.datetime,
    place: str = "",
    video_url: str = "",
    legal_basis: str,
    statute: str = "",
    consent_id: int | None = None,
    note: str = "",
) -> Transition:
    """Plan the move to a new responsible unit: the receiving unit joins the case, a handover
    meeting is set up with everyone in the case, and the new unit becomes responsible."""
    ensure_open(access)
    ensure_plausible({"date": (date, case_dates()), "meeting_at": (meeting_at, case_dates())})
    case = Case.all_objects.select_for_update().get(pk=access.case.pk)
    to_unit = Unit.objects.filter(
        pk=to_unit_id, municipality=case.municipality, is_active=True
    ).first()
    if to_unit is None:
        raise ValidationError({"to_unit": MSG_UNKNOWN_UNIT}, code="unknown")
    if to_unit.pk == case.unit_id:
        raise ValidationError({"to_unit": MSG_SAME_UNIT}, code="same")
    if not case.participants.filter(unit=to_unit, left_at__isnull=True).exists():
        participant_add(
            actor=actor,
            access=access,
            unit_id=to_unit.pk,
            legal_basis=legal_basis,
            statute=statute,
            consent_id=consent_id,
        )
    attendees = list(case.participants.filter(left_at__isnull=True).values_list("pk", flat=True))
    guardians = list(case.subject.guardians.values_list("pk", flat=True)) if case.subject else []
    meeting = meeting_create(
        actor=actor,
        access=access,
        starts_at=meeting_at,
        kind=MeetingKind.HANDOVER,
        place=place,
        video_url=video_url,
        agenda=f"Overgang fra {case.unit.name} til {to_unit.name}",
        participant_ids=attendees,
        guardian_ids=guardians,
    )
    assert actor.user is not None
    transition = Transition(
        case=case,
        from_unit=case.unit,
        to_unit=to_unit,
        date=date,
        meeting=meeting,
        note=note.strip(),
        created_by=actor.user,
    )
    transition.full_clean()
    transition.save()
    case.unit = to_unit
    case.save(update_fields=["unit"])
    audit_write(actor, AuditAction.CREATE, transition, case.pk)
    return transition
