"""Proposing, withdrawing, accepting and declining a log's move to another municipality.

One transaction each, audited. Acceptance hands the whole case over: its row moves to the new
municipality and unit (so every piece of its history, keyed by the case, goes with it), every
participation of the old municipality ends at that moment, and the new stafettholder joins on
the own-service statute. The access rules (laget.cases.access) then give the old municipality
nothing: no participation, and the case's responsible unit is no longer theirs."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess
from laget.cases.choices import LegalBasis, ParticipantRole
from laget.cases.models import BatonHandover, Case, Participant, SameChildNotice
from laget.cases.notifications import notify_case_notice
from laget.cases.services.common import audit_write, ensure_case_open, ensure_open
from laget.cases.statutes import OWN_SERVICE, statute
from laget.family.access import consent_parties
from laget.notify.models import Kind, RecipientRole
from laget.notify.services import Recipient, queue
from laget.orgs.models import Membership, Role, Unit
from laget.people.models import Subject
from laget.transfer.access import leads_receiving_unit
from laget.transfer.keys import peers
from laget.transfer.messages import (
    MSG_ALREADY_PROPOSED,
    MSG_CONSENT_CHILD,
    MSG_CONSENT_DATE_FUTURE,
    MSG_CONSENT_MISSING,
    MSG_DESCRIPTION_REQUIRED,
    MSG_NO_FAMILY_TO_ASK,
    MSG_NOT_MEMBER,
    MSG_NOT_OPEN,
    MSG_ONLY_HOLDER,
    MSG_REASON_REQUIRED,
    MSG_UNIT_NOT_ELSEWHERE,
)
from laget.transfer.models import Transfer, TransferState


def _check_consent(
    case: Case, guardian_ids: Iterable[int], child: bool, date: datetime.date
) -> list[int]:
    """Everyone the family rule names as a party must have agreed (laget.family.access)."""
    if case.subject_id is None:
        raise ValidationError(MSG_NO_FAMILY_TO_ASK, code="no_family")
    if date > timezone.localdate():
        raise ValidationError({"consent_date": MSG_CONSENT_DATE_FUTURE}, code="future")
    guardians, child_is_party = consent_parties(case)
    given = set(guardian_ids)
    missing = [g for g in guardians if g.pk not in given]
    if missing:
        who = ", ".join(g.name for g in missing)
        raise ValidationError(
            {"consent_guardians": MSG_CONSENT_MISSING % {"who": who}}, code="consent"
        )
    if child_is_party and not child:
        raise ValidationError({"consent_child": MSG_CONSENT_CHILD}, code="consent_child")
    # Only the case's own guardians are recorded.
    known = {g.pk for g in guardians} | set(
        case.subject.guardians.values_list("pk", flat=True)  # type: ignore[union-attr]
    )
    return sorted(given & known)


def notify_receiving_leaders(transfer: Transfer) -> None:
    """Tell the receiving unit's leaders that a case waits for their answer. The email names
    nothing (laget/notify/content.py)."""
    assert transfer.to_unit_id is not None
    leaders = (
        Membership.objects.effective()
        .filter(unit_id=transfer.to_unit_id, role=Role.UNIT_LEADER)
        .select_related("user")
        .order_by("user_id")
    )
    assert transfer.case_id is not None
    queue(
        event=f"transfer:{transfer.pk}",
        kind=Kind.TRANSFER_PROPOSED,
        case_id=transfer.case_id,
        recipients=[Recipient(m.user.email, RecipientRole.STAFF) for m in leaders if m.user.email],
    )


@transaction.atomic
def transfer_propose(
    *,
    actor: Actor,
    access: CaseAccess,
    to_unit_id: int | None = None,
    to_installation: str = "",
    description: str,
    consent_guardian_ids: Iterable[int],
    consent_child: bool,
    consent_date: datetime.date,
) -> Transfer:
    """The stafettholder proposes to move the open case to a unit in another municipality,
    with the family's consent recorded. The receiving unit's leaders are told (nothing more
    than that there is a proposal: the email names nobody). To another installation of Laget
    (`to_installation`, a trusted peer) the proposal waits for an admin to export it as a
    signed package (laget/transfer/package.py)."""
    if not access.is_stafettholder:
        raise ValidationError(MSG_ONLY_HOLDER, code="holder")
    ensure_open(access)
    case = (
        Case.objects.select_for_update(of=("self",))
        .select_related("subject")
        .get(pk=access.case.pk)
    )
    unit = None
    if to_installation:
        if to_unit_id is not None or to_installation not in peers():
            raise ValidationError({"to_unit": MSG_UNIT_NOT_ELSEWHERE}, code="unit")
    elif to_unit_id is not None:
        unit = (
            Unit.objects.filter(pk=to_unit_id, is_active=True)
            .exclude(municipality_id=case.municipality_id)
            .first()
        )
    if unit is None and not to_installation:
        raise ValidationError({"to_unit": MSG_UNIT_NOT_ELSEWHERE}, code="unit")
    description = description.strip()
    if not description:
        raise ValidationError({"description": MSG_DESCRIPTION_REQUIRED}, code="required")
    agreed = _check_consent(case, consent_guardian_ids, consent_child, consent_date)
    if Transfer.objects.filter(case=case, state=TransferState.PROPOSED).exists():
        raise ValidationError(MSG_ALREADY_PROPOSED, code="open")
    assert actor.user is not None
    transfer = Transfer(
        case=case,
        case_number=case.pk,
        level=case.level,
        from_municipality_id=case.municipality_id,
        from_unit_id=case.unit_id,
        to_municipality_id=unit.municipality_id if unit else None,
        to_unit=unit,
        to_installation=to_installation,
        description=description,
        proposed_by=actor.user,
        consent_child=consent_child,
        consent_date=consent_date,
    )
    transfer.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            transfer.save()
    except IntegrityError:
        raise ValidationError(MSG_ALREADY_PROPOSED, code="open") from None
    transfer.consent_guardians.set(agreed)
    audit_write(actor, AuditAction.CREATE, transfer, case.pk)
    if unit is not None:
        notify_receiving_leaders(transfer)
    return transfer


def _open_transfer(transfer_id: int) -> Transfer:
    transfer = (
        Transfer.objects.select_for_update(of=("self",))
        .select_related("case", "to_unit", "to_municipality")
        .filter(pk=transfer_id)
        .first()
    )
    if transfer is None or not transfer.is_open or transfer.case is None:
        raise ValidationError(MSG_NOT_OPEN, code="not_open")
    return transfer


@transaction.atomic
def transfer_withdraw(*, actor: Actor, access: CaseAccess) -> Transfer:
    """The stafettholder (who proposed it, or took the baton since) withdraws the proposal."""
    if not access.is_stafettholder:
        raise ValidationError(MSG_ONLY_HOLDER, code="holder")
    open_id = (
        Transfer.objects.filter(case_id=access.case.pk, state=TransferState.PROPOSED)
        .values_list("pk", flat=True)
        .first()
    )
    if open_id is None:
        raise ValidationError(MSG_NOT_OPEN, code="not_open")
    transfer = _open_transfer(open_id)
    assert actor.user is not None
    transfer.state = TransferState.WITHDRAWN
    transfer.decided_by = actor.user
    transfer.decided_at = timezone.now()
    transfer.save(update_fields=["state", "decided_by", "decided_at"])
    audit_write(actor, AuditAction.UPDATE, transfer, access.case.pk)
    return transfer


@transaction.atomic
def transfer_decline(*, actor: Actor, by: User, transfer_id: int, reason: str) -> Transfer:
    """A leader of the receiving unit declines, with a reason the stafettholder reads."""
    transfer = _open_transfer(transfer_id)
    leads_receiving_unit(by, transfer)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": MSG_REASON_REQUIRED}, code="required")
    transfer.state = TransferState.DECLINED
    transfer.decided_by = by
    transfer.decided_at = timezone.now()
    transfer.decline_reason = reason
    transfer.save(update_fields=["state", "decided_by", "decided_at", "decline_reason"])
    assert transfer.case is not None
    audit_write(actor, AuditAction.UPDATE, transfer, transfer.case.pk)
    notify_case_notice(transfer.case, event=f"transfer:{transfer.pk}:declined")
    return transfer


def end_participations(case: Case, at: datetime.datetime) -> list[Participant]:
    """Every participation still running ends at `at`: the old municipality lets go at once."""
    rows = list(case.participants.select_for_update().filter(left_at__isnull=True))
    for row in rows:
        row.left_at = at
        row.save(update_fields=["left_at"])
    return rows


def handle_notices(case: Case, by: User, at: datetime.datetime) -> None:
    """Another unit's concern about the same child is news for the old municipality's
    stafettholder, not for the new one: the notices still open are closed with the move."""
    SameChildNotice.objects.filter(case=case, handled_at__isnull=True).update(
        handled_at=at, handled_by=by
    )


@transaction.atomic
def transfer_accept(*, actor: Actor, by: User, transfer_id: int, new_holder_id: int) -> Transfer:
    """A leader of the receiving unit takes the case in and names its new stafettholder, a
    member of that unit. From now on the case is the new municipality's."""
    transfer = _open_transfer(transfer_id)
    leads_receiving_unit(by, transfer)
    assert transfer.case is not None and transfer.to_unit is not None
    member = (
        Membership.objects.effective()
        .filter(
            user_id=new_holder_id,
            unit=transfer.to_unit,
            role__in=[Role.EMPLOYEE, Role.UNIT_LEADER],
        )
        .select_related("user")
        .first()
    )
    if member is None:
        raise ValidationError({"new_holder": MSG_NOT_MEMBER}, code="not_member")
    ensure_case_open(transfer.case)
    case = Case.objects.select_for_update().get(pk=transfer.case.pk)
    now = timezone.now()
    ended = end_participations(case, now)
    old_holder = next((p for p in ended if p.role == ParticipantRole.STAFETTHOLDER), None)
    handle_notices(case, by, now)
    case.municipality_id = transfer.to_unit.municipality_id
    case.unit = transfer.to_unit
    # The action guide is the municipality's own: the new one's first step of the level.
    case.guide_step = ""
    case.version += 1
    case.save(update_fields=["municipality", "unit", "guide_step", "version"])
    # The person record belongs to the case's municipality too.
    if case.subject_id is not None:
        Subject.objects.filter(pk=case.subject_id).update(municipality_id=case.municipality_id)
    own = statute(case.municipality_id, OWN_SERVICE)
    assert own is not None
    holder = Participant.objects.create(
        case=case,
        unit=transfer.to_unit,
        user=member.user,
        role=ParticipantRole.STAFETTHOLDER,
        legal_basis=LegalBasis.STATUTE,
        basis_ref=own.reference,
        statute_key=own.key,
        added_by=by,
        joined_at=now,
    )
    handover = BatonHandover.objects.create(
        case=case, from_participant=old_holder, to_participant=holder, at=now, by=by
    )
    transfer.state = TransferState.ACCEPTED
    transfer.decided_by = by
    transfer.decided_at = now
    transfer.new_holder = member.user
    transfer.save(update_fields=["state", "decided_by", "decided_at", "new_holder"])
    for obj in (transfer, case, *ended):
        audit_write(actor, AuditAction.UPDATE, obj, case.pk)
    for obj in (holder, handover):
        audit_write(actor, AuditAction.CREATE, obj, case.pk)
    notify_case_notice(case, event=f"transfer:{transfer.pk}:accepted")
    return transfer
