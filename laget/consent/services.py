"""The consent lifecycle: requested → given / refused → renewed → withdrawn / expired.

Staff request a consent (coordinate access to the case, checked by the caller). Guardians
answer in the family portal, or staff register a paper consent with a scanned copy. Every
step is a ConsentEvent and an audit record; access follows at once (see
cases.models.ParticipantQuerySet.granting_access).
"""

import datetime
from collections.abc import Sequence

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
from laget.consent.age import consents_for_self
from laget.consent.messages import (
    MSG_EXPIRY_NOT_FUTURE,
    MSG_NO_GUARDIANS,
    MSG_NO_UNITS,
    MSG_NOT_A_PARTY,
    MSG_PAPER_NEEDS_COPY,
    MSG_PURPOSE_REQUIRED,
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
from laget.consent.rules import ConsentAction, ensure_consent_action
from laget.consent.texts import current_text
from laget.lib.plausible import ensure_plausible, future_dates
from laget.orgs.models import Unit
from laget.people.models import Guardian, by_name


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


@transaction.atomic
def consent_request(
    *,
    actor: Actor,
    access: CaseAccess,
    unit_ids: Sequence[int],
    purpose: str,
    expires_on: datetime.date | None = None,
) -> Consent:
    """Ask the family for consent to let the named units take part, for a stated purpose.

    The guardians with parental responsibility must all give it; from the age limit the
    child gives it for themselves."""
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
    by_child = consents_for_self(case.subject)
    guardians: list[Guardian] = []
    if not by_child:
        guardians = by_name(case.subject.guardians.reading()) if case.subject else []
        if not guardians:
            raise ValidationError(MSG_NO_GUARDIANS, code="no_guardians")
    assert actor.user is not None
    number = Consent.objects.filter(case=case).count() + 1
    consent = Consent.objects.create(
        case=case,
        reference=f"SAM-{case.pk}-{number}",
        purpose=purpose,
        text=current_text(case.municipality),
        by_child=by_child,
        expires_on=expires_on,
        requested_by=actor.user,
    )
    consent.units.set(units)
    if by_child:
        ConsentParty.objects.create(consent=consent, is_child=True)
    else:
        ConsentParty.objects.bulk_create(
            ConsentParty(consent=consent, guardian=g) for g in guardians
        )
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


def _locked(consent: Consent) -> Consent:
    return Consent.objects.select_for_update().select_related("case").get(pk=consent.pk)


@transaction.atomic
def consent_give(
    *,
    actor: Actor,
    consent: Consent,
    guardian: Guardian | None = None,
    child: bool = False,
    channel: str = Channel.DIGITAL,
    scanned_copy: UploadedFile | None = None,
    language: str = "",
) -> Consent:
    """One party gives the consent; once every party has, it is in force. Digitally it is the
    family's own answer; on paper, staff register it."""
    consent = _locked(consent)
    ensure_case_open(consent.case)
    party = _party(consent, guardian, child)
    action = ConsentAction.REGISTER_PAPER if channel == Channel.PAPER else ConsentAction.GIVE
    ensure_consent_action(consent, action, by_family=_by_family(actor), party=party)
    if channel == Channel.PAPER and not scanned_copy:
        raise ValidationError({"scanned_copy": MSG_PAPER_NEEDS_COPY}, code="required")
    now = timezone.now()
    party.response = PartyResponse.GIVEN
    party.responded_at = now
    party.channel = channel
    if scanned_copy:
        party.scanned_copy.save(f"{consent.reference}-{party.pk}.pdf", scanned_copy, save=False)
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
    *, actor: Actor, consent: Consent, guardian: Guardian | None = None, child: bool = False
) -> Consent:
    consent = _locked(consent)
    ensure_case_open(consent.case)
    party = _party(consent, guardian, child)
    ensure_consent_action(consent, ConsentAction.REFUSE, by_family=_by_family(actor), party=party)
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
    note: str = "",
) -> Consent:
    """Any one party withdraws (in the portal, or staff register it); from this moment the
    consent grants no access. The one write allowed on a closed case: withdrawing consent is
    the family's right whatever state the log is in (it changes no case content)."""
    consent = _locked(consent)
    party = _party(consent, guardian, child)
    ensure_consent_action(consent, ConsentAction.WITHDRAW, by_family=_by_family(actor), party=party)
    now = timezone.now()
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
    due = list(
        Consent.objects.select_for_update().filter(state=ConsentState.GIVEN, expires_on__lt=today)
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
