"""Bringing units and people into a case, letting them go, and handing over the baton."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess
from laget.cases.choices import LegalBasis, ParticipantRole
from laget.cases.messages import (
    MSG_ALREADY_HOLDER,
    MSG_ALREADY_PARTICIPANT,
    MSG_HOLDER_CANNOT_LEAVE,
    MSG_LEGAL_BASIS_INVALID,
    MSG_NOT_A_PERSON,
    MSG_NOT_MEMBER_OF_UNIT,
    MSG_SECOND_STAFETTHOLDER,
    MSG_STAFETTHOLDER_MUST_BE_PERSON,
    MSG_UNKNOWN_PARTICIPANT,
    MSG_UNKNOWN_UNIT,
)
from laget.cases.models import BatonHandover, Case, Participant
from laget.cases.notifications import notify_baton_received
from laget.cases.services.common import audit_write, ensure_open
from laget.cases.statutes import statute_for_unit
from laget.consent.messages import (
    MSG_CONSENT_CLOSED,
    MSG_CONSENT_NOT_FOR_UNIT,
    MSG_CONSENT_NOT_IN_CASE,
    MSG_CONSENT_REQUIRED,
)
from laget.consent.models import Consent
from laget.consent.rules import joinable
from laget.orgs.models import Membership, Unit


def consent_for_participant(case: Case, unit: Unit, consent_id: int | None) -> Consent:
    """The case's consent a participant joins on: it must name the unit and still be open."""
    if consent_id is None:
        raise ValidationError({"consent": MSG_CONSENT_REQUIRED}, code="required")
    consent = case.consents.filter(pk=consent_id).first()
    if consent is None:
        raise ValidationError({"consent": MSG_CONSENT_NOT_IN_CASE}, code="unknown")
    if not joinable(consent):
        raise ValidationError({"consent": MSG_CONSENT_CLOSED}, code="closed")
    if not consent.units.filter(pk=unit.pk).exists():
        raise ValidationError({"consent": MSG_CONSENT_NOT_FOR_UNIT}, code="unit")
    return consent


def _case_participant(case: Case, participant_id: int, field: str) -> Participant:
    participant = (
        case.participants.select_for_update()
        .filter(pk=participant_id, left_at__isnull=True)
        .first()
    )
    if participant is None:
        raise ValidationError({field: MSG_UNKNOWN_PARTICIPANT}, code="unknown")
    return participant


@transaction.atomic
def participant_add(
    *,
    actor: Actor,
    access: CaseAccess,
    unit_id: int,
    user_id: int | None = None,
    role: str = ParticipantRole.PARTICIPANT,
    legal_basis: str,
    statute: str = "",
    consent_id: int | None = None,
) -> Participant:
    """Bring a unit, or a person acting for it, into the case on a stated legal basis: a
    statute of the municipality's list meant for the unit's kind (`statute` is its key), or
    one of the case's consents that names the unit."""
    ensure_open(access)
    case = Case.all_objects.select_for_update().get(pk=access.case.pk)
    unit = Unit.objects.filter(pk=unit_id, municipality=case.municipality, is_active=True).first()
    if unit is None:
        raise ValidationError({"unit": MSG_UNKNOWN_UNIT}, code="unknown")
    user: User | None = None
    if user_id is not None:
        member = (
            Membership.objects.filter(user_id=user_id, unit=unit, is_active=True)
            .select_related("user")
            .first()
        )
        if member is None:
            raise ValidationError({"user": MSG_NOT_MEMBER_OF_UNIT}, code="not_member")
        user = member.user
    if role == ParticipantRole.STAFETTHOLDER:
        if user is None:
            raise ValidationError({"role": MSG_STAFETTHOLDER_MUST_BE_PERSON}, code="person")
        if case.participants.filter(
            role=ParticipantRole.STAFETTHOLDER, left_at__isnull=True
        ).exists():
            raise ValidationError({"role": MSG_SECOND_STAFETTHOLDER}, code="second_holder")
    if legal_basis not in LegalBasis.values:
        raise ValidationError({"legal_basis": MSG_LEGAL_BASIS_INVALID}, code="invalid")
    consent = None
    statute_key = ""
    if legal_basis == LegalBasis.CONSENT:
        consent = consent_for_participant(case, unit, consent_id)
        basis_ref = consent.reference
    else:
        chosen = statute_for_unit(case, unit, statute)
        statute_key, basis_ref = chosen.key, chosen.reference
    duplicate = case.participants.filter(left_at__isnull=True, unit=unit)
    duplicate = duplicate.filter(user=user) if user else duplicate.filter(user__isnull=True)
    if duplicate.exists():
        raise ValidationError(MSG_ALREADY_PARTICIPANT, code="duplicate")
    assert actor.user is not None
    participant = Participant(
        case=case,
        unit=unit,
        user=user,
        role=role,
        legal_basis=legal_basis,
        basis_ref=basis_ref,
        statute_key=statute_key,
        consent=consent,
        added_by=actor.user,
    )
    participant.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError:
        # Lost a race with another save: the partial unique indexes decided.
        raise ValidationError(MSG_ALREADY_PARTICIPANT, code="duplicate") from None
    audit_write(actor, AuditAction.CREATE, participant, case.pk)
    return participant


@transaction.atomic
def participant_leave(*, actor: Actor, access: CaseAccess, participant_id: int) -> Participant:
    ensure_open(access)
    case = Case.all_objects.select_for_update().get(pk=access.case.pk)
    participant = _case_participant(case, participant_id, "participant")
    if participant.role == ParticipantRole.STAFETTHOLDER and case.level >= 1:
        raise ValidationError({"participant": MSG_HOLDER_CANNOT_LEAVE}, code="holder")
    participant.left_at = timezone.now()
    participant.save(update_fields=["left_at"])
    audit_write(actor, AuditAction.UPDATE, participant, case.pk)
    return participant


@transaction.atomic
def baton_hand_over(
    *, actor: Actor, access: CaseAccess, to_participant_id: int, note: str = ""
) -> BatonHandover:
    """Hand the baton to another person in the case: an event with from, to, date and note.
    The new holder is told by email (not when they took it themselves)."""
    ensure_open(access)
    case = Case.all_objects.select_for_update().get(pk=access.case.pk)
    to = _case_participant(case, to_participant_id, "to_participant")
    if to.user_id is None:
        raise ValidationError({"to_participant": MSG_NOT_A_PERSON}, code="person")
    if to.role == ParticipantRole.STAFETTHOLDER:
        raise ValidationError({"to_participant": MSG_ALREADY_HOLDER}, code="holder")
    current = (
        case.participants.select_for_update()
        .filter(role=ParticipantRole.STAFETTHOLDER, left_at__isnull=True)
        .first()
    )
    if current is not None:
        current.role = ParticipantRole.PARTICIPANT
        current.save(update_fields=["role"])
    to.role = ParticipantRole.STAFETTHOLDER
    to.save(update_fields=["role"])
    assert actor.user is not None
    handover = BatonHandover(
        case=case, from_participant=current, to_participant=to, note=note.strip(), by=actor.user
    )
    handover.full_clean()
    handover.save()
    audit_write(actor, AuditAction.CREATE, handover, case.pk)
    notify_baton_received(handover)
    return handover
