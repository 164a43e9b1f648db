"""The consent lifecycle: requested → given / refused → renewed → withdrawn / expired.

Staff request a consent (coordinate access to the case, checked by the caller): for the
case, from the parties laget.family.access names (under a care order, child welfare in the
parents' place), or for one family member's own help, with that member its only party.
Guardians answer in the family portal, or staff register a paper consent with a scanned copy;
child welfare's own staff answer for the care it holds. Every step is a ConsentEvent and an
audit record; access follows at once (see cases.models.ParticipantQuerySet.granting_access).
When one of the guardians withdraws the case's consent, the case keeps a notice for those who
coordinate it (laget.cases.withdrawal_notices).
"""

import datetime
import logging
from collections.abc import Sequence
from contextlib import suppress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from laget.audit.models import AuditAction, Via
from laget.audit.services import Actor, audit_record
from laget.cases.access import CaseAccess
from laget.cases.models import Case
from laget.cases.services.common import ensure_case_open, ensure_open
from laget.cases.withdrawal_notices import withdrawal_notice_open
from laget.consent.messages import (
    MSG_EXPIRY_NOT_FUTURE,
    MSG_NO_GUARDIANS,
    MSG_NO_UNITS,
    MSG_NOT_A_MEMBER,
    MSG_NOT_A_PARTY,
    MSG_NOT_CARE_STAFF,
    MSG_PAPER_NEEDS_COPY,
    MSG_PURPOSE_REQUIRED,
    MSG_SCAN_NOT_STORED,
    MSG_UNIT_OUTSIDE,
)
from laget.consent.models import (
    Channel,
    ClosingRequest,
    Consent,
    ConsentEvent,
    ConsentParty,
    ConsentState,
    EventKind,
    PartyResponse,
)
from laget.consent.rules import (
    ConsentAction,
    care_party_for,
    ensure_consent_action,
    member_answers,
)
from laget.consent.texts import current_text
from laget.family.access import consent_parties, member_view, under_care_order
from laget.lib.plausible import ensure_plausible, future_dates
from laget.orgs.models import Unit
from laget.orgs.selectors import staff_profile
from laget.people.models import Guardian, by_name

logger = logging.getLogger(__name__)


def _audit(actor: Actor, action: AuditAction, consent: Consent) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type="consent",
        object_id=consent.pk,
        case_id=consent.case_id,
    )


def _check_expiry(expires_on: datetime.date | None) -> None:
    if expires_on is not None and expires_on <= timezone.localdate():
        raise ValidationError({"expires_on": MSG_EXPIRY_NOT_FUTURE}, code="past")
    ensure_plausible({"expires_on": (expires_on, future_dates(settings.LAGET_CONSENT_MAX_DAYS))})


def _own_help_member(case: Case, guardian_id: int) -> Guardian:
    """The family member a consent for their own help is for: a member of this case's family
    who reads it (laget.family.access)."""
    subject = case.subject
    guardian = subject.guardians.filter(pk=guardian_id).first() if subject else None
    if guardian is None or not member_view(case, guardian=guardian).reads:
        raise ValidationError({"for_guardian": MSG_NOT_A_MEMBER}, code="not_member")
    return guardian


def _parties(consent: Consent, case: Case, for_guardian: Guardian | None) -> list[ConsentParty]:
    """Who must give the consent: the member alone for their own help; else the parties
    laget.family.access names — under a care order child welfare (and the child from the age
    limit), else the child from the age limit alone, or the guardians who consent."""
    if for_guardian is not None:
        return [ConsentParty(consent=consent, guardian=for_guardian)]
    guardians, child = consent_parties(case)
    care = under_care_order(case.pk)
    if care is not None:
        parties = [ConsentParty(consent=consent, care_unit_id=care.unit_id)]
        return parties + ([ConsentParty(consent=consent, is_child=True)] if child else [])
    if child:
        return [ConsentParty(consent=consent, is_child=True)]
    if not guardians:
        raise ValidationError(MSG_NO_GUARDIANS, code="no_guardians")
    return [ConsentParty(consent=consent, guardian=g) for g in by_name(guardians)]


@transaction.atomic
def consent_request(
    *,
    actor: Actor,
    access: CaseAccess,
    unit_ids: Sequence[int],
    purpose: str,
    expires_on: datetime.date | None = None,
    for_guardian_id: int | None = None,
) -> Consent:
    """Ask for consent to let the named units take part, for a stated purpose.

    For the case: the guardians whose role makes them parties must all give it; from the age
    limit the child gives it for themselves; under a care order child welfare gives it in the
    parents' place. With `for_guardian_id`: a consent for that family member's own help, which
    is theirs alone — no one else in the family is a party to it or sees it."""
    ensure_open(access)
    case = access.case
    purpose = purpose.strip()
    if not purpose:
        raise ValidationError({"purpose": MSG_PURPOSE_REQUIRED}, code="required")
    units = list(Unit.objects.filter(pk__in=set(unit_ids), is_active=True))
    if not units:
        raise ValidationError({"units": MSG_NO_UNITS}, code="required")
    if len(units) != len(set(unit_ids)) or any(
        u.municipality_id != case.municipality_id for u in units
    ):
        raise ValidationError({"units": MSG_UNIT_OUTSIDE}, code="outside")
    _check_expiry(expires_on)
    for_guardian = _own_help_member(case, for_guardian_id) if for_guardian_id else None
    assert actor.user is not None
    number = Consent.objects.filter(case=case).count() + 1
    consent = Consent(
        case=case,
        reference=f"SAM-{case.pk}-{number}",
        purpose=purpose,
        text=current_text(case.municipality),
        for_guardian=for_guardian,
        expires_on=expires_on,
        requested_by=actor.user,
    )
    parties = _parties(consent, case, for_guardian)
    consent.by_child = any(p.is_child for p in parties)
    consent.save()
    consent.units.set(units)
    ConsentParty.objects.bulk_create(parties)
    ConsentEvent.objects.create(
        consent=consent, kind=EventKind.REQUESTED, by_user=actor.user, expires_on=expires_on
    )
    _audit(actor, AuditAction.CREATE, consent)
    return consent


def _party(consent: Consent, guardian: Guardian | None, child: bool) -> ConsentParty:
    parties = consent.parties.select_for_update()
    party = (
        parties.filter(is_child=True).first()
        if child
        else parties.filter(guardian=guardian).first()
    )
    if party is None or (guardian is None and not child):
        raise ValidationError(MSG_NOT_A_PARTY, code="not_party")
    return party


def _by_family(actor: Actor) -> bool:
    """The family acts for itself in the portal; everyone else registers what it said."""
    return actor.via == Via.PORTAL


def _answering(
    actor: Actor,
    consent: Consent,
    guardian: Guardian | None,
    child: bool,
    care: CaseAccess | None,
) -> tuple[ConsentParty, bool]:
    """The party who answers, and whether it answers for itself (consent.rules' `by_family`).

    With `care` (the acting staff member's access to the case) child welfare's staff answer
    for the care it holds: only its own members who take part (consent.rules.care_party_for).
    """
    if care is None:
        party = _party(consent, guardian, child)
        by_family = _by_family(actor)
        if by_family and not member_answers(
            consent, member_view(consent.case, guardian=guardian, child=child)
        ):
            raise ValidationError(MSG_NOT_A_PARTY, code="not_party")
        return party, by_family
    if actor.user is None:
        raise ValidationError(MSG_NOT_CARE_STAFF, code="not_care_staff")
    care_party = care_party_for(consent, care, staff_profile(actor.user).unit_ids)
    if care_party is None:
        raise ValidationError(MSG_NOT_CARE_STAFF, code="not_care_staff")
    return ConsentParty.objects.select_for_update().get(pk=care_party.pk), True


def _store_scan(party: ConsentParty, name: str, upload: UploadedFile) -> None:
    """Write the scanned copy before the rows that name it. A disk that is full or failing is
    the field's error, with the partial file removed, so nothing is registered and nothing is
    left behind."""
    field = party.scanned_copy.field
    storage = party.scanned_copy.storage
    target = storage.get_available_name(
        field.generate_filename(party, name), max_length=field.max_length
    )
    try:
        party.scanned_copy.name = storage.save(target, upload, max_length=field.max_length)
    except OSError as e:
        logger.warning("scanned consent not stored: %s", e.strerror)
        # The name is this party's, and the party's row is locked: no one else wrote it.
        with suppress(OSError):
            storage.delete(target)
        raise ValidationError({"scanned_copy": MSG_SCAN_NOT_STORED}, code="not_stored") from None


def _locked(consent: Consent) -> Consent:
    return Consent.objects.select_for_update().select_related("case").get(pk=consent.pk)


@transaction.atomic
def consent_give(
    *,
    actor: Actor,
    consent: Consent,
    guardian: Guardian | None = None,
    child: bool = False,
    care: CaseAccess | None = None,
    channel: str = Channel.DIGITAL,
    scanned_copy: UploadedFile | None = None,
    language: str = "",
) -> Consent:
    """One party gives the consent; once every party has, it is in force. Digitally it is the
    family's own answer (or child welfare's, by its staff, with `care`); on paper, staff
    register it."""
    consent = _locked(consent)
    ensure_case_open(consent.case)
    party, by_party = _answering(actor, consent, guardian, child, care)
    action = ConsentAction.REGISTER_PAPER if channel == Channel.PAPER else ConsentAction.GIVE
    ensure_consent_action(consent, action, by_family=by_party, party=party)
    if channel == Channel.PAPER and not scanned_copy:
        raise ValidationError({"scanned_copy": MSG_PAPER_NEEDS_COPY}, code="required")
    now = timezone.now()
    party.response = PartyResponse.GIVEN
    party.responded_at = now
    party.channel = channel
    if scanned_copy:
        _store_scan(party, f"{consent.reference}-{party.pk}.pdf", scanned_copy)
    party.save()
    ConsentEvent.objects.create(
        consent=consent,
        kind=EventKind.GIVEN,
        party=party,
        by_user=actor.user,
        channel=channel,
        language=language,
        at=now,
    )
    if not consent.parties.exclude(response=PartyResponse.GIVEN).exists():
        consent.state = ConsentState.GIVEN
        consent.given_at = now
        consent.save(update_fields=["state", "given_at"])
    _audit(actor, AuditAction.UPDATE, consent)
    return consent


@transaction.atomic
def consent_refuse(
    *,
    actor: Actor,
    consent: Consent,
    guardian: Guardian | None = None,
    child: bool = False,
    care: CaseAccess | None = None,
) -> Consent:
    """One party says no: the consent is refused for everyone."""
    consent = _locked(consent)
    ensure_case_open(consent.case)
    party, by_party = _answering(actor, consent, guardian, child, care)
    ensure_consent_action(consent, ConsentAction.REFUSE, by_family=by_party, party=party)
    now = timezone.now()
    party.response = PartyResponse.REFUSED
    party.responded_at = now
    party.save(update_fields=["response", "responded_at"])
    consent.state = ConsentState.REFUSED
    consent.save(update_fields=["state"])
    ConsentEvent.objects.create(
        consent=consent, kind=EventKind.REFUSED, party=party, by_user=actor.user, at=now
    )
    _audit(actor, AuditAction.UPDATE, consent)
    return consent


@transaction.atomic
def consent_withdraw(
    *,
    actor: Actor,
    consent: Consent,
    guardian: Guardian | None = None,
    child: bool = False,
    care: CaseAccess | None = None,
    note: str = "",
) -> Consent:
    """Any one party withdraws (in the portal, child welfare by its staff, or staff register
    it); from this moment the consent grants no access. The one write allowed on a closed case:
    withdrawing consent is the family's right whatever state the log is in (it changes no case
    content). One of the guardians withdrawing the case's consent leaves a notice for those
    who coordinate the case, who are told before the withdrawal takes their access."""
    consent = _locked(consent)
    party, by_party = _answering(actor, consent, guardian, child, care)
    ensure_consent_action(consent, ConsentAction.WITHDRAW, by_family=by_party, party=party)
    now = timezone.now()
    withdrawal_notice_open(actor=actor, consent=consent, party=party, at=now)
    party.response = PartyResponse.WITHDRAWN
    party.responded_at = now
    party.save(update_fields=["response", "responded_at"])
    consent.state = ConsentState.WITHDRAWN
    consent.withdrawn_at = now
    consent.save(update_fields=["state", "withdrawn_at"])
    ConsentEvent.objects.create(
        consent=consent,
        kind=EventKind.WITHDRAWN,
        party=party,
        by_user=actor.user,
        at=now,
        note=note.strip()[:500],
    )
    _audit(actor, AuditAction.UPDATE, consent)
    return consent


@transaction.atomic
def consent_renew(
    *,
    actor: Actor,
    access: CaseAccess,
    consent: Consent,
    expires_on: datetime.date | None,
    channel: str = Channel.PAPER,
    note: str = "",
) -> Consent:
    """Record that the family renewed a given or expired consent, with a new expiry."""
    ensure_open(access)
    consent = _locked(consent)
    if consent.case_id != access.case.pk:
        raise ValidationError(MSG_NOT_A_PARTY, code="other_case")
    ensure_consent_action(consent, ConsentAction.RENEW, by_family=False)
    _check_expiry(expires_on)
    consent.state = ConsentState.GIVEN
    consent.expires_on = expires_on
    consent.save(update_fields=["state", "expires_on"])
    ConsentEvent.objects.create(
        consent=consent,
        kind=EventKind.RENEWED,
        by_user=actor.user,
        channel=channel,
        expires_on=expires_on,
        note=note.strip()[:500],
    )
    _audit(actor, AuditAction.UPDATE, consent)
    return consent


@transaction.atomic
def consents_expire(*, actor: Actor, today: datetime.date | None = None) -> int:
    """Record the expiry of consents past their date (access already ended at midnight)."""
    today = today or timezone.localdate()
    # A practice case's consents are its owner's to work in the practice scope, not the
    # nightly job's (laget/practice).
    due = list(
        Consent.objects.select_for_update().filter(
            state=ConsentState.GIVEN, expires_on__lt=today, case__is_practice=False
        )
    )
    for consent in due:
        consent.state = ConsentState.EXPIRED
        consent.save(update_fields=["state"])
        ConsentEvent.objects.create(
            consent=consent, kind=EventKind.EXPIRED, expires_on=consent.expires_on
        )
        _audit(actor, AuditAction.UPDATE, consent)
    return len(due)


@transaction.atomic
def closing_request_create(
    *,
    actor: Actor,
    case: Case,
    guardian: Guardian | None = None,
    child: bool = False,
    reason: str = "",
) -> ClosingRequest:
    """The family asks for the log to be closed; the case page shows it to the coordinators."""
    ensure_case_open(case)
    if (guardian is None) == (not child):
        raise ValidationError(MSG_NOT_A_PARTY, code="not_party")
    request = ClosingRequest(case=case, guardian=guardian, by_child=child, reason=reason.strip())
    request.full_clean()
    request.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="closingrequest",
        object_id=request.pk,
        case_id=case.pk,
    )
    return request
