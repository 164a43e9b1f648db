"""Opening, identifying, moving between levels, reporting and closing a case."""

import contextlib
import datetime
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
    MSG_STEP_MOVED,
    MSG_UNKNOWN_STEP,
    MSG_UNKNOWN_UNIT,
)
from laget.cases.models import Case, Entry, LevelChange, Participant, SameChildNotice
from laget.cases.notifications import notify_case_notice
from laget.cases.services.common import audit_write, ensure_open, require_text
from laget.cases.services.guardians import guardian_add
from laget.cases.signals import case_closed
from laget.cases.statutes import DUTY_TO_REPORT, NATIONAL_BY_KEY, OWN_SERVICE, statute
from laget.family.holdbacks import hold_back_record
from laget.lib.plausible import birth_dates, due_dates, ensure_plausible, expecting_birth_dates
from laget.lib.practice import PRACTICE_ID_FLOOR, in_practice_scope
from laget.orgs.models import Membership, Unit, UnitKind
from laget.people.models import FamilyRole, Guardian, Subject, SubjectKind
from laget.people.national_id import parse_national_id

MSG_NOT_PREGNANCY_LOG = _("Fødsel registreres bare i en logg som ble opprettet i svangerskapet.")
MSG_BIRTH_DATE_REQUIRED = _("Skriv fødselsdatoen.")
MSG_BIRTH_BEFORE_LOG = _("Barnet kan ikke være født før loggen fra svangerskapet ble opprettet.")
MSG_BIRTH_ID_MISMATCH = _("Fødselsnummeret passer ikke med fødselsdatoen.")
BIRTH_NOTE = _("Barnet er født {date}. Loggen fra svangerskapet gjelder nå barnet.")
RELATION_MOTHER = _("mor")
# A log may be opened in the last days of a pregnancy and the birth registered with its date.
BIRTH_BEFORE_LOG_SLACK = datetime.timedelta(days=2)


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


def _next_practice_id() -> int:
    """The next number in the practice range (two starts at once: one fails on the key and is
    tried again by laget.practice)."""
    last = Case.all_objects.filter(id__gte=PRACTICE_ID_FLOOR).aggregate(last=Max("id"))["last"]
    return (last or PRACTICE_ID_FLOOR - 1) + 1


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
    practice: bool = False,
) -> Case:
    """Open a case in the user's unit. At level 0 it is a worry to be decided within the
    municipality's deadline; opened straight at level 1–3, the opener holds the baton.
    With practice=True (only inside the practice scope, laget/lib/practice.py) the case is a
    fictional one in the user's practice area, numbered in the practice range."""
    if practice and not in_practice_scope():
        raise PermissionDenied
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
    if practice:
        case.pk = _next_practice_id()
        case.is_practice = True
        case.practice_owner = user
    case.full_clean()
    case.save(force_insert=practice)
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
    pregnant = case.subject is not None and case.subject.kind == SubjectKind.PREGNANT
    if pregnant and kind == SubjectKind.CHILD:
        # The child of a log opened in pregnancy: the same log continues as theirs.
        return case_register_birth(
            actor=actor,
            access=access,
            given_name=given_name,
            family_name=family_name,
            birth_date=birth_date,
            national_id=national_id,
        )
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
    if kind == SubjectKind.PREGNANT:
        # The expecting mother is a member of the family in her own right: she reads and
        # consents through this record, which becomes a guardian's at the birth.
        guardian_add(
            actor=actor,
            access=access,
            name=subject.full_name,
            relation=str(RELATION_MOTHER),
            role=FamilyRole.EXPECTING,
            national_id=national_id,
        )
    if national_id:
        _tell_other_logs(actor, case, national_id)
    return subject


def _expecting_mother(actor: Actor, access: CaseAccess, subject: Subject) -> Guardian:
    """The expecting mother's record; a log opened before she was added gets it now, from
    what the log knew about her."""
    mother = subject.guardians.filter(role=FamilyRole.EXPECTING).order_by("pk").first()
    if mother is not None:
        return mother
    return guardian_add(
        actor=actor,
        access=access,
        name=subject.full_name,
        relation=str(RELATION_MOTHER),
        role=FamilyRole.EXPECTING,
        national_id=subject.national_id,
        protected_address=subject.protected_address,
    )


def _check_birth(case: Case, birth_date: datetime.date | None, national_id: str) -> datetime.date:
    if birth_date is None and national_id:
        with contextlib.suppress(ValidationError):  # the field's own check names it below
            birth_date = parse_national_id(national_id).birth_date
    if birth_date is None:
        raise ValidationError({"birth_date": MSG_BIRTH_DATE_REQUIRED}, code="required")
    ensure_plausible({"birth_date": (birth_date, birth_dates())})
    if birth_date < timezone.localdate(case.opened_at) - BIRTH_BEFORE_LOG_SLACK:
        raise ValidationError({"birth_date": MSG_BIRTH_BEFORE_LOG}, code="before_log")
    if national_id:
        try:
            from_number = parse_national_id(national_id).birth_date
        except ValidationError as exc:
            raise ValidationError({"national_id": exc.messages}, code="invalid") from None
        if from_number != birth_date:
            raise ValidationError({"national_id": MSG_BIRTH_ID_MISMATCH}, code="mismatch")
    return birth_date


@transaction.atomic
def case_register_birth(
    *,
    actor: Actor,
    access: CaseAccess,
    given_name: str,
    family_name: str,
    birth_date: datetime.date | None,
    national_id: str = "",
) -> Subject:
    """The child of a log opened in pregnancy is born: the same log, with its entries,
    measures, meetings, consents and access log, continues as the child's.

    The person record becomes the child's (the mother's own data stays on her family member
    record), the expecting mother becomes a guardian with parental responsibility, a partner
    stays a partner until staff say otherwise, and every participation on a statute that holds
    only in pregnancy ends now. Each change is audited, and the log gets a professionals-only
    note of the birth."""
    ensure_open(access)
    if not access.may_coordinate:
        raise PermissionDenied
    case = Case.all_objects.select_for_update().get(pk=access.case.pk)
    subject = (
        Subject.objects.select_for_update().filter(pk=case.subject_id).first()
        if case.subject_id is not None
        else None
    )
    if subject is None or subject.kind != SubjectKind.PREGNANT:
        raise ValidationError(MSG_NOT_PREGNANCY_LOG, code="not_pregnancy")
    national_id = "".join(national_id.split())
    birth_date = _check_birth(case, birth_date, national_id)
    mother = _expecting_mother(actor, access, subject)
    # Her portal login was tied to the person record while it was hers; now it is the child's.
    mothers_login = subject.user_id
    now = timezone.now()

    subject.kind = SubjectKind.CHILD
    subject.given_name = given_name.strip()
    subject.family_name = family_name.strip()
    subject.birth_date = birth_date
    subject.national_id = national_id
    subject.user = None
    subject.full_clean()
    subject.save()
    audit_write(actor, AuditAction.UPDATE, case, case.pk)

    mother.set_role(FamilyRole.GUARDIAN)
    if mother.user_id is None and mothers_login is not None:
        mother.user_id = mothers_login
    if not mother.protected_address:
        mother.protected_address = subject.protected_address
    mother.full_clean()
    mother.save(update_fields=["role", "has_parental_responsibility", "user", "protected_address"])
    audit_write(actor, AuditAction.UPDATE, mother, case.pk)

    for participant in case.participants.select_for_update().filter(
        left_at__isnull=True, legal_basis=LegalBasis.STATUTE
    ):
        found = statute(case.municipality_id, participant.statute_key)
        if found is not None and found.ends_at_birth:
            participant.left_at = now
            participant.save(update_fields=["left_at"])
            audit_write(actor, AuditAction.UPDATE, participant, case.pk)

    user = actor.user
    assert user is not None
    author_unit = access.participant.unit if access.participant is not None else case.unit
    note = Entry(
        case=case,
        kind=EntryKind.NOTE,
        text=str(BIRTH_NOTE).format(date=f"{birth_date:%d.%m.%Y}"),
        audience=Audience.PROFESSIONALS,
        author=user,
        author_unit=author_unit,
        created_at=now,
    )
    note.full_clean()
    note.save()
    audit_write(actor, AuditAction.CREATE, note, case.pk)
    access.case.subject = subject
    if national_id:
        _tell_other_logs(actor, case, national_id)
    return subject


def _tell_other_logs(actor: Actor, case: Case, national_id: str) -> None:
    if case.is_practice:
        return  # a practice case tells no real log anything (laget/practice)
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
    case = Case.all_objects.select_for_update().get(pk=access.case.pk)
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
    consent; child welfare joins the case on that statutory basis, and the family's access log
    is held back while the report is assessed (laget.family.holdbacks)."""
    ensure_open(access)
    reason = require_text("reason", reason)
    case = Case.all_objects.select_for_update().get(pk=access.case.pk)
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
    # The family's access log must not tell them (issue 13): from the report's own moment, so
    # that its level change, participant and audit rows are held back too.
    hold_back_record(actor=actor, case=case, unit=unit, decided_by=user, starts_at=now)
    return change


@transaction.atomic
def case_close(*, actor: Actor, access: CaseAccess, reason: str) -> Case:
    """Close the case; from now on it is read-only. Every participation ends but the
    stafettholder's, who reads on for a while (see access.visible_cases); the participants
    are told nothing beyond what the case page shows."""
    ensure_open(access)
    reason = require_text("reason", reason)
    case = Case.all_objects.select_for_update().get(pk=access.case.pk)
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
    # The archive (and whoever else acts on a closed log) hears of it once the close is kept.
    transaction.on_commit(partial(case_closed.send, sender=Case, case_id=case.pk), robust=True)
    return case


@transaction.atomic
def case_step_set(
    *, actor: Actor, access: CaseAccess, step_slug: str, expected_step: str | None = None
) -> Case:
    """Move the case to another step of the action guide, within its level. With
    `expected_step` the move is refused when the case is no longer at that step: someone moved
    it after the person looked, or after the move that is being undone."""
    from laget.cases.whatnow import step_at, steps_of_level

    ensure_open(access)
    case = Case.all_objects.select_for_update().get(pk=access.case.pk)
    steps = steps_of_level(case)
    if step_slug not in {s.slug for s in steps}:
        raise ValidationError({"step": MSG_UNKNOWN_STEP}, code="unknown")
    if expected_step is not None and step_at(case, steps).slug != expected_step:
        raise ValidationError({"step": MSG_STEP_MOVED}, code="moved")
    case.guide_step = step_slug
    case.save(update_fields=["guide_step"])
    audit_write(actor, AuditAction.UPDATE, case, case.pk)
    return case
