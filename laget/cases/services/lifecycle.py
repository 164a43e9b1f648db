"""Opening, identifying, moving between levels, reporting and closing a case."""

import contextlib
import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess
from laget.cases.choices import Audience, Decision, EntryKind, LegalBasis, ParticipantRole
from laget.cases.messages import (
    MSG_ALREADY_IDENTIFIED,
    MSG_LEVEL_RANGE,
    MSG_NOT_CHILD_WELFARE,
    MSG_NOT_MEMBER_OF_UNIT,
    MSG_SAME_LEVEL,
    MSG_STAFETTHOLDER_MUST_BE_PERSON,
    MSG_STAFETTHOLDER_REQUIRED,
    MSG_UNKNOWN_STEP,
    MSG_UNKNOWN_UNIT,
)
from laget.cases.models import Case, Entry, LevelChange, Participant, SameChildNotice
from laget.cases.notifications import notify_case_notice
from laget.cases.services.common import audit_write, ensure_open, require_text
from laget.cases.statutes import DUTY_TO_REPORT, NATIONAL_BY_KEY, OWN_SERVICE
from laget.lib.plausible import birth_dates, due_dates, ensure_plausible, expecting_birth_dates
from laget.orgs.models import Membership, Unit, UnitKind
from laget.people.models import Subject, SubjectKind
from laget.people.national_id import parse_national_id


def _check_level(level: int) -> None:
    if level not in (0, 1, 2, 3):
        raise ValidationError({"level": MSG_LEVEL_RANGE}, code="range")


def _record_decision(**fields: Any) -> LevelChange:
    """Validated before saving like every other write: the reason is text with a length limit.
    from_level is empty only for the opening decision."""
    change = LevelChange(**fields)
    change.full_clean(exclude=["from_level"])
    change.save()
    return change


def _member_unit(user: User, unit_id: int) -> Unit:
    unit = Unit.objects.filter(pk=unit_id, is_active=True).first()
    if unit is None:
        raise ValidationError({"unit": MSG_UNKNOWN_UNIT}, code="unknown")
    if not Membership.objects.filter(user=user, unit=unit, is_active=True).exists():
        raise ValidationError({"unit": MSG_NOT_MEMBER_OF_UNIT}, code="not_member")
    return unit


def provisional_label() -> str:
    """A label for a case opened for a named person: the database wants a label or a person,
    and the person is tied on in the same transaction. Free of personal data."""
    return f"Undring {timezone.localdate():%Y-%m-%d}"


@transaction.atomic
def case_open(
    *,
    actor: Actor,
    user: User,
    unit_id: int,
    label: str = "",
    subject: Subject | None = None,
    level: int = 0,
    reason: str = "",
    observation: str = "",
) -> Case:
    """Open a case in the user's unit. At level 0 it is a worry to be decided within the
    municipality's deadline; opened straight at level 1–3, the opener holds the baton."""
    _check_level(level)
    unit = _member_unit(user, unit_id)
    municipality = unit.municipality
    now = timezone.now()
    case = Case(
        municipality=municipality,
        unit=unit,
        subject=subject,
        label=label.strip(),
        level=level,
        opened_at=now,
        opened_by=user,
        level0_due=(
            timezone.localdate(now) + datetime.timedelta(days=municipality.level0_deadline_days)
            if level == 0
            else None
        ),
        level0_decided_at=None if level == 0 else now,
    )
    case.full_clean()
    case.save()
    _record_decision(
        case=case,
        decision=Decision.OPEN,
        from_level=None,
        to_level=level,
        reason=reason.strip() or "Undring registrert",
        decided_by=user,
        decided_at=now,
    )
    Participant.objects.create(
        case=case,
        unit=unit,
        user=user,
        role=ParticipantRole.STAFETTHOLDER if level >= 1 else ParticipantRole.PARTICIPANT,
        legal_basis=LegalBasis.STATUTE,
        statute_key=OWN_SERVICE,
        basis_ref=NATIONAL_BY_KEY[OWN_SERVICE].reference,
        joined_at=now,
        added_by=user,
    )
    if observation.strip():
        entry = Entry(
            case=case,
            kind=EntryKind.OBSERVATION,
            text=observation.strip(),
            audience=Audience.PROFESSIONALS,
            author=user,
            author_unit=unit,
            created_at=now,
        )
        entry.full_clean()
        entry.save()
    audit_write(actor, AuditAction.CREATE, case, case.pk)
    return case


@transaction.atomic
def case_identify(
    *,
    actor: Actor,
    access: CaseAccess,
    kind: str = SubjectKind.CHILD,
    given_name: str,
    family_name: str,
    birth_date: datetime.date | None = None,
    due_date: datetime.date | None = None,
    national_id: str = "",
) -> Subject:
    """Tie a de-identified case to a person: a record of the case's own, whatever other cases
    know about someone with the same national id (that stays in those cases). Open logs of the
    same child elsewhere in the municipality get a notice naming this case's unit; this case
    learns nothing about them."""
    ensure_open(access)
    case = access.case
    if case.subject_id is not None:
        raise ValidationError(MSG_ALREADY_IDENTIFIED, code="identified")
    national_id = "".join(national_id.split())
    # A birth date read from the national id is checked under that field's name.
    birth_field = "birth_date"
    if national_id and birth_date is None:
        # The number holds the birth date; the age limit for the child's own consent needs it.
        with contextlib.suppress(ValidationError):  # full_clean below names the field
            birth_date = parse_national_id(national_id).birth_date
            birth_field = "national_id"
    births = expecting_birth_dates() if kind == SubjectKind.PREGNANT else birth_dates()
    ensure_plausible({birth_field: (birth_date, births), "due_date": (due_date, due_dates())})
    subject = Subject(
        municipality=case.municipality,
        kind=kind,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        birth_date=birth_date,
        due_date=due_date,
        national_id=national_id,
    )
    subject.full_clean()
    subject.save()
    case.subject = subject
    case.save(update_fields=["subject"])
    audit_write(actor, AuditAction.UPDATE, case, case.pk)
    if national_id:
        _tell_other_logs(actor, case, national_id)
    return subject


def _tell_other_logs(actor: Actor, case: Case, national_id: str) -> None:
    others = Case.objects.filter(
        municipality_id=case.municipality_id,
        closed_at__isnull=True,
        subject__in=Subject.objects.with_national_id(national_id),
    ).exclude(pk=case.pk)
    for other in others:
        if other.same_child_notices.filter(unit_id=case.unit_id, handled_at=None).exists():
            continue
        notice = SameChildNotice.objects.create(case=other, unit_id=case.unit_id)
        audit_write(actor, AuditAction.CREATE, notice, other.pk)
        notify_case_notice(other, event=f"same-child:{notice.pk}")


@transaction.atomic
def same_child_notice_handle(*, actor: Actor, access: CaseAccess, notice_id: int) -> None:
    """The stafettholder has seen the notice (and invited the unit, or decided not to)."""
    ensure_open(access)
    notice = access.case.same_child_notices.filter(pk=notice_id, handled_at=None).first()
    if notice is None:
        raise Http404
    notice.handled_at = timezone.now()
    notice.handled_by = actor.user
    notice.save(update_fields=["handled_at", "handled_by"])
    audit_write(actor, AuditAction.UPDATE, notice, access.case.pk)


def _active_holder(case: Case) -> Participant | None:
    return case.participants.filter(
        role=ParticipantRole.STAFETTHOLDER, left_at__isnull=True
    ).first()


@transaction.atomic
def case_change_level(
    *,
    actor: Actor,
    access: CaseAccess,
    to_level: int,
    reason: str,
    stafettholder_id: int | None = None,
) -> LevelChange:
    """Move the case up or down, skipping levels if need be. From level 1 on the case needs a
    stafettholder: name one among the person participants if it has none."""
    ensure_open(access)
    _check_level(to_level)
    reason = require_text("reason", reason)
    case = Case.objects.select_for_update().get(pk=access.case.pk)
    if to_level == case.level:
        raise ValidationError({"to_level": MSG_SAME_LEVEL}, code="same")
    user = actor.user
    assert user is not None
    if to_level >= 1 and _active_holder(case) is None:
        if stafettholder_id is None:
            raise ValidationError({"stafettholder": MSG_STAFETTHOLDER_REQUIRED}, code="required")
        holder = case.participants.filter(pk=stafettholder_id, left_at__isnull=True).first()
        if holder is None or holder.user_id is None:
            raise ValidationError(
                {"stafettholder": MSG_STAFETTHOLDER_MUST_BE_PERSON}, code="person"
            )
        holder.role = ParticipantRole.STAFETTHOLDER
        holder.save(update_fields=["role"])
    now = timezone.now()
    change = _record_decision(
        case=case,
        decision=Decision.CHANGE,
        from_level=case.level,
        to_level=to_level,
        reason=reason,
        decided_by=user,
        decided_at=now,
    )
    case.level = to_level
    case.guide_step = ""
    if case.level0_decided_at is None:
        case.level0_decided_at = now
    case.save(update_fields=["level", "guide_step", "level0_decided_at"])
    audit_write(actor, AuditAction.CREATE, change, case.pk)
    return change


@transaction.atomic
def case_report_concern(
    *, actor: Actor, access: CaseAccess, reason: str, child_welfare_unit_id: int
) -> LevelChange:
    """Record that a report of concern went to child welfare. The duty to report overrides
    consent; child welfare joins the case on that statutory basis."""
    ensure_open(access)
    reason = require_text("reason", reason)
    case = Case.objects.select_for_update().get(pk=access.case.pk)
    unit = Unit.objects.filter(
        pk=child_welfare_unit_id, municipality=case.municipality, is_active=True
    ).first()
    if unit is None:
        raise ValidationError({"child_welfare_unit": MSG_UNKNOWN_UNIT}, code="unknown")
    if unit.kind != UnitKind.CHILD_WELFARE:
        raise ValidationError({"child_welfare_unit": MSG_NOT_CHILD_WELFARE}, code="kind")
    user = actor.user
    assert user is not None
    now = timezone.now()
    change = _record_decision(
        case=case,
        decision=Decision.REPORT,
        from_level=case.level,
        to_level=case.level,
        reason=reason,
        decided_by=user,
        decided_at=now,
    )
    if not case.participants.filter(unit=unit, user__isnull=True, left_at__isnull=True).exists():
        Participant.objects.create(
            case=case,
            unit=unit,
            legal_basis=LegalBasis.STATUTE,
            statute_key=DUTY_TO_REPORT,
            basis_ref=NATIONAL_BY_KEY[DUTY_TO_REPORT].reference,
            joined_at=now,
            added_by=user,
        )
    if case.level0_decided_at is None:
        case.level0_decided_at = now
        case.save(update_fields=["level0_decided_at"])
    audit_write(actor, AuditAction.CREATE, change, case.pk)
    return change


@transaction.atomic
def case_close(*, actor: Actor, access: CaseAccess, reason: str) -> Case:
    """Close the case; from now on it is read-only. Every participation ends but the
    stafettholder's, who reads on for a while (see access.visible_cases); the participants
    are told nothing beyond what the case page shows."""
    ensure_open(access)
    reason = require_text("reason", reason)
    case = Case.objects.select_for_update().get(pk=access.case.pk)
    user = actor.user
    assert user is not None
    now = timezone.now()
    _record_decision(
        case=case,
        decision=Decision.CLOSE,
        from_level=case.level,
        to_level=case.level,
        reason=reason,
        decided_by=user,
        decided_at=now,
    )
    case.closed_at = now
    case.closed_by = user
    case.close_reason = reason
    if case.level0_decided_at is None:
        case.level0_decided_at = now
    case.save(update_fields=["closed_at", "closed_by", "close_reason", "level0_decided_at"])
    case.participants.filter(left_at__isnull=True).exclude(
        role=ParticipantRole.STAFETTHOLDER
    ).update(left_at=now)
    audit_write(actor, AuditAction.UPDATE, case, case.pk)
    return case


@transaction.atomic
def case_step_set(*, actor: Actor, access: CaseAccess, step_slug: str) -> Case:
    """Move the case to another step of the action guide, within its level."""
    from laget.cases.whatnow import steps_of_level

    ensure_open(access)
    case = Case.objects.select_for_update().get(pk=access.case.pk)
    if step_slug not in {s.slug for s in steps_of_level(case)}:
        raise ValidationError({"step": MSG_UNKNOWN_STEP}, code="unknown")
    case.guide_step = step_slug
    case.save(update_fields=["guide_step"])
    audit_write(actor, AuditAction.UPDATE, case, case.pk)
    return case
