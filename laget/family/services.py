"""What staff decide about a family's members: restrictions (proposed by the stafettholder, in
force once a leader of the responsible unit approves), care orders (recorded by child welfare)
and each member's role and protected address.

Each service is one transaction, checks who acts here (the `may_*` rules below, which the
pages ask too), refuses a closed case and writes its audit row. What a member may then read is
decided by laget.family.access alone.
"""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import Actor, audit_record
from laget.cases.access import CaseAccess
from laget.cases.notifications import notify_unit_leaders
from laget.cases.services.common import ensure_open
from laget.family.choices import Part, RestrictionReason, RestrictionState
from laget.family.models import CareOrder, Restriction
from laget.lib.languages import FAMILY_CODES
from laget.lib.plausible import case_dates, ensure_plausible
from laget.orgs.models import UnitKind
from laget.people.interpreting import INTERPRETER_CHOICES
from laget.people.models import (
    FamilyRole,
    Guardian,
    ProtectedAddress,
    Subject,
    SubjectKind,
)

MSG_NO_FAMILY = _("Saken er ikke knyttet til en person ennå, så den har ingen familie å skjerme.")
MSG_CHOOSE_MEMBER = _("Velg hvem i familien skjermingen gjelder.")
MSG_CHOOSE_WHAT = _("Velg hele loggen, eller hvilke deler eller hva i loggen som skal skjermes.")
MSG_UNKNOWN_PART = _("Velg delene fra listen.")
MSG_CHOOSE_REASON = _("Velg en grunn fra listen.")
MSG_NOTE_FOR_OTHER = _("Skriv hvilken grunn det er, når du velger «annen grunn».")
MSG_NOT_IN_CASE = _("Velg bare fra det som finnes i denne saken.")
MSG_ALREADY_DECIDED = _("Skjermingen er allerede avgjort.")
MSG_CHOOSE_DECISION = _("Velg om du godkjenner skjermingen eller ikke.")
MSG_NOT_ACTIVE = _("Skjermingen er allerede opphevet eller ble ikke godkjent.")
MSG_CARE_ORDER_NEEDS_CHILD = _("En omsorgsovertakelse gjelder et barn som saken er knyttet til.")
MSG_CARE_ORDER_EXISTS = _("Saken har allerede en omsorgsovertakelse som gjelder.")
MSG_NOT_YOUR_CHILD_WELFARE = _("Velg barneverntjenesten du deltar i saken for.")
MSG_CARE_ORDER_ENDED = _("Omsorgsovertakelsen er allerede avsluttet.")
MSG_END_BEFORE_START = _("Datoen kan ikke være før omsorgsovertakelsen begynte.")
MSG_CHOOSE_ROLE = _("Velg rollen fra listen.")
MSG_CHOOSE_PROTECTION = _("Velg adressesperre fra listen.")
MSG_CHOOSE_LANGUAGE = _("Velg språket fra listen.")
MSG_CHOOSE_INTERPRETER = _("Velg tolk fra listen, eller at det ikke trengs tolk.")

# What a restriction may still be ended from (withdrawn while proposed, lifted while in force).
_ENDABLE = (RestrictionState.PROPOSED, RestrictionState.IN_FORCE)
_PARTS = frozenset(Part.values)


# --- Who may act: the pages and the services ask here ---------------------------------------


def sees_restrictions(access: CaseAccess) -> bool:
    """Restrictions are the coordinators' business: to anyone else they look missing."""
    return access.may_coordinate


def may_propose_restriction(access: CaseAccess) -> bool:
    """The stafettholder proposes; a leader of the responsible unit is the second person."""
    return access.may_coordinate and access.is_stafettholder


def may_decide_restriction(access: CaseAccess, restriction: Restriction, user: User) -> bool:
    """A leader of the case's responsible unit, never the one who proposed it."""
    return access.leads_case_unit and restriction.proposed_by_id != user.pk


def may_end_restriction(access: CaseAccess) -> bool:
    return access.may_coordinate and (access.is_stafettholder or access.leads_case_unit)


def child_welfare_unit_id(access: CaseAccess) -> int | None:
    """The child-welfare unit the user takes part in the case for, if any."""
    me = access.participant
    if me is None or me.unit.kind != UnitKind.CHILD_WELFARE:
        return None
    return me.unit_id


def may_record_care_order(access: CaseAccess) -> bool:
    return child_welfare_unit_id(access) is not None


def may_manage_care_order(access: CaseAccess, care_order: CareOrder) -> bool:
    """The child-welfare unit that recorded it, through someone who takes part in the case."""
    return child_welfare_unit_id(access) == care_order.unit_id


def may_edit_members(access: CaseAccess) -> bool:
    """As for adding a family member (cases.services.guardians): those who coordinate."""
    return access.may_coordinate


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _user(actor: Actor) -> User:
    if actor.user is None:
        raise PermissionDenied
    return actor.user


def _audit(actor: Actor, action: AuditAction, object_type: str, pk: int, case_id: int) -> None:
    audit_record(actor=actor, action=action, object_type=object_type, object_id=pk, case_id=case_id)


def _in_case(access: CaseAccess, obj: Restriction | CareOrder) -> None:
    """An object of another case is missing here, like one that does not exist."""
    if obj.case_id != access.case.pk:
        raise Http404


# --- Restrictions -----------------------------------------------------------------------------


def _chosen(
    access: CaseAccess,
    errors: dict[str, ValidationError],
    field: str,
    ids: Iterable[int],
) -> list[int]:
    """The ids, if every one is an entry, measure or meeting of this case."""
    wanted = set(ids)
    if not wanted:
        return []
    found = set(getattr(access.case, field).filter(pk__in=wanted).values_list("pk", flat=True))
    if found != wanted:
        errors[field] = ValidationError(MSG_NOT_IN_CASE, code="not_in_case")
    return sorted(found)


@transaction.atomic
def restriction_propose(
    *,
    actor: Actor,
    access: CaseAccess,
    guardian_id: int | None = None,
    child: bool = False,
    whole_log: bool = False,
    parts: Sequence[str] = (),
    entry_ids: Iterable[int] = (),
    measure_ids: Iterable[int] = (),
    meeting_ids: Iterable[int] = (),
    reason: str,
    note: str = "",
) -> Restriction:
    """Propose shutting one family member (a guardian record of the case, or the child) out of
    the whole log or of parts of it. Nothing changes for the member until a leader of the
    responsible unit approves it (restriction_decide)."""
    user = _user(actor)
    _require(may_propose_restriction(access))
    ensure_open(access)
    subject = access.case.subject
    if subject is None:
        raise ValidationError(MSG_NO_FAMILY, code="no_subject")
    errors: dict[str, ValidationError] = {}
    guardian = None
    if child == (guardian_id is not None):
        errors["member"] = ValidationError(MSG_CHOOSE_MEMBER, code="member")
    elif guardian_id is not None:
        guardian = subject.guardians.filter(pk=guardian_id).first()
        if guardian is None:
            errors["member"] = ValidationError(MSG_CHOOSE_MEMBER, code="member")
    if reason not in RestrictionReason.values:
        errors["reason"] = ValidationError(MSG_CHOOSE_REASON, code="reason")
    note = (note or "").strip()
    if reason == RestrictionReason.OTHER and not note:
        errors["note"] = ValidationError(MSG_NOTE_FOR_OTHER, code="required")
    chosen_parts = sorted(set(parts))
    if set(chosen_parts) - _PARTS:
        errors["parts"] = ValidationError(MSG_UNKNOWN_PART, code="part")
    entries = _chosen(access, errors, "entries", entry_ids)
    measures = _chosen(access, errors, "measures", measure_ids)
    meetings = _chosen(access, errors, "meetings", meeting_ids)
    if not (whole_log or chosen_parts or entries or measures or meetings) and "parts" not in errors:
        errors["parts"] = ValidationError(MSG_CHOOSE_WHAT, code="nothing")
    if errors:
        raise ValidationError(errors)
    if whole_log:
        # The whole log hides everything; parts chosen as well would only confuse the list.
        chosen_parts, entries, measures, meetings = [], [], [], []
    restriction = Restriction(
        case=access.case,
        guardian=guardian,
        is_child=guardian is None,
        whole_log=whole_log,
        parts=chosen_parts,
        reason=reason,
        note=note,
        proposed_by=user,
    )
    restriction.full_clean()
    restriction.save()
    restriction.entries.set(entries)
    restriction.measures.set(measures)
    restriction.meetings.set(meetings)
    _audit(actor, AuditAction.CREATE, "restriction", restriction.pk, access.case.pk)
    # A leader of the responsible unit decides it: tell them (the e-mail names nothing).
    notify_unit_leaders(access.case, event=f"restriction:{restriction.pk}", except_user_id=user.pk)
    return restriction


def _locked(restriction: Restriction) -> Restriction:
    return Restriction.objects.select_for_update().get(pk=restriction.pk)


@transaction.atomic
def restriction_decide(
    *, actor: Actor, access: CaseAccess, restriction: Restriction, approve: bool
) -> Restriction:
    """A leader of the responsible unit approves (the restriction is in force from now) or
    refuses it. The one who proposed it cannot decide it."""
    user = _user(actor)
    _in_case(access, restriction)
    _require(may_decide_restriction(access, restriction, user))
    ensure_open(access)
    restriction = _locked(restriction)
    if restriction.state != RestrictionState.PROPOSED:
        raise ValidationError({"decision": MSG_ALREADY_DECIDED}, code="decided")
    restriction.state = RestrictionState.IN_FORCE if approve else RestrictionState.REFUSED
    restriction.decided_by = user
    restriction.decided_at = timezone.now()
    restriction.save(update_fields=["state", "decided_by", "decided_at"])
    _audit(actor, AuditAction.UPDATE, "restriction", restriction.pk, access.case.pk)
    return restriction


@transaction.atomic
def restriction_end(*, actor: Actor, access: CaseAccess, restriction: Restriction) -> Restriction:
    """The stafettholder or a leader of the responsible unit lifts a restriction in force, or
    withdraws one still proposed."""
    user = _user(actor)
    _in_case(access, restriction)
    _require(may_end_restriction(access))
    ensure_open(access)
    restriction = _locked(restriction)
    if restriction.state not in _ENDABLE:
        raise ValidationError(MSG_NOT_ACTIVE, code="not_active")
    restriction.state = RestrictionState.ENDED
    restriction.ended_by = user
    restriction.ended_at = timezone.now()
    restriction.save(update_fields=["state", "ended_by", "ended_at"])
    _audit(actor, AuditAction.UPDATE, "restriction", restriction.pk, access.case.pk)
    return restriction


# --- Care orders ------------------------------------------------------------------------------


def _parts_errors(errors: dict[str, ValidationError], **fields: Sequence[str]) -> dict[str, list]:
    chosen = {}
    for field, values in fields.items():
        if set(values) - _PARTS:
            errors[field] = ValidationError(MSG_UNKNOWN_PART, code="part")
        chosen[field] = sorted(set(values))
    return chosen


@transaction.atomic
def care_order_record(
    *,
    actor: Actor,
    access: CaseAccess,
    unit_id: int,
    starts_on: datetime.date,
    parent_parts: Sequence[str] = (),
    foster_parts: Sequence[str] = (),
) -> CareOrder:
    """Child welfare has taken over the care: from `starts_on` it consents in the parents'
    place, and the birth parents and foster parents read what it grants."""
    user = _user(actor)
    _require(may_record_care_order(access))
    ensure_open(access)  # also locks the case: one care order at a time
    subject = access.case.subject
    if subject is None or subject.kind != SubjectKind.CHILD:
        raise ValidationError(MSG_CARE_ORDER_NEEDS_CHILD, code="no_child")
    errors: dict[str, ValidationError] = {}
    if unit_id != child_welfare_unit_id(access):
        errors["unit"] = ValidationError(MSG_NOT_YOUR_CHILD_WELFARE, code="unit")
    parts = _parts_errors(errors, parent_parts=parent_parts, foster_parts=foster_parts)
    if errors:
        raise ValidationError(errors)
    ensure_plausible({"starts_on": (starts_on, case_dates())})
    overlapping = Q(ended_on__isnull=True) | Q(ended_on__gt=starts_on)
    if access.case.care_orders.filter(overlapping).exists():
        raise ValidationError(MSG_CARE_ORDER_EXISTS, code="exists")
    care_order = CareOrder(
        case=access.case,
        unit_id=unit_id,
        starts_on=starts_on,
        recorded_by=user,
        **parts,
    )
    care_order.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            care_order.save()
    except IntegrityError:
        raise ValidationError(MSG_CARE_ORDER_EXISTS, code="exists") from None
    _audit(actor, AuditAction.CREATE, "care_order", care_order.pk, access.case.pk)
    return care_order


def _open_care_order(access: CaseAccess, care_order: CareOrder) -> CareOrder:
    _in_case(access, care_order)
    _require(may_manage_care_order(access, care_order))
    ensure_open(access)
    care_order = CareOrder.objects.select_for_update().get(pk=care_order.pk)
    if care_order.ended_on is not None:
        raise ValidationError(MSG_CARE_ORDER_ENDED, code="ended")
    return care_order


@transaction.atomic
def care_order_update_grants(
    *,
    actor: Actor,
    access: CaseAccess,
    care_order: CareOrder,
    parent_parts: Sequence[str],
    foster_parts: Sequence[str],
) -> CareOrder:
    """What the birth parents and the foster parents may read from now on."""
    _user(actor)
    care_order = _open_care_order(access, care_order)
    errors: dict[str, ValidationError] = {}
    parts = _parts_errors(errors, parent_parts=parent_parts, foster_parts=foster_parts)
    if errors:
        raise ValidationError(errors)
    care_order.parent_parts = parts["parent_parts"]
    care_order.foster_parts = parts["foster_parts"]
    care_order.save(update_fields=["parent_parts", "foster_parts"])
    _audit(actor, AuditAction.UPDATE, "care_order", care_order.pk, access.case.pk)
    return care_order


@transaction.atomic
def care_order_end(
    *, actor: Actor, access: CaseAccess, care_order: CareOrder, ended_on: datetime.date
) -> CareOrder:
    """The care order ends on `ended_on` (the parents have the care again from that day)."""
    user = _user(actor)
    care_order = _open_care_order(access, care_order)
    ensure_plausible({"ended_on": (ended_on, case_dates())})
    if ended_on < care_order.starts_on:
        raise ValidationError({"ended_on": MSG_END_BEFORE_START}, code="before_start")
    care_order.ended_on = ended_on
    care_order.ended_by = user
    care_order.save(update_fields=["ended_on", "ended_by"])
    _audit(actor, AuditAction.UPDATE, "care_order", care_order.pk, access.case.pk)
    return care_order


# --- Family members ---------------------------------------------------------------------------


def _check_protection(errors: dict[str, ValidationError], protected_address: str) -> None:
    if protected_address not in ProtectedAddress.values:
        errors["protected_address"] = ValidationError(MSG_CHOOSE_PROTECTION, code="choice")


def _check_language_needs(
    errors: dict[str, ValidationError], language: str | None, interpreter: str | None
) -> None:
    if language is not None and language not in {"", *FAMILY_CODES}:
        errors["language"] = ValidationError(MSG_CHOOSE_LANGUAGE, code="choice")
    if interpreter is not None and interpreter not in dict(INTERPRETER_CHOICES):
        errors["interpreter"] = ValidationError(MSG_CHOOSE_INTERPRETER, code="choice")


def _set_language_needs(
    member: Guardian | Subject, language: str | None, interpreter: str | None
) -> list[str]:
    """Sets what was given (None: left as it is); the fields to save."""
    fields = []
    if language is not None:
        member.language = language
        fields.append("language")
    if interpreter is not None:
        member.interpreter = interpreter
        fields.append("interpreter")
    return fields


@transaction.atomic
def member_update(
    *,
    actor: Actor,
    access: CaseAccess,
    guardian: Guardian,
    role: str,
    protected_address: str,
    language: str | None = None,
    interpreter: str | None = None,
) -> Guardian:
    """A family member's role (what they may read and do follows from it), the population
    register's address protection, the language they read and whether they need an
    interpreter (None: left as it is)."""
    _user(actor)
    subject = access.case.subject
    if subject is None or guardian.subject_id != subject.pk:
        raise Http404
    _require(may_edit_members(access))
    ensure_open(access)
    errors: dict[str, ValidationError] = {}
    if role not in FamilyRole.values:
        errors["role"] = ValidationError(MSG_CHOOSE_ROLE, code="choice")
    _check_protection(errors, protected_address)
    _check_language_needs(errors, language, interpreter)
    if errors:
        raise ValidationError(errors)
    guardian = Guardian.objects.select_for_update().get(pk=guardian.pk)
    guardian.set_role(role)
    guardian.protected_address = protected_address
    guardian.save(
        update_fields=[
            "role",
            "has_parental_responsibility",
            "protected_address",
            *_set_language_needs(guardian, language, interpreter),
        ]
    )
    _audit(actor, AuditAction.UPDATE, "guardian", guardian.pk, access.case.pk)
    return guardian


@transaction.atomic
def child_protection_set(
    *,
    actor: Actor,
    access: CaseAccess,
    protected_address: str,
    language: str | None = None,
    interpreter: str | None = None,
) -> Subject:
    """The address protection of the person the case is about, the language they read and
    whether they need an interpreter (None: left as it is)."""
    _user(actor)
    _require(may_edit_members(access))
    ensure_open(access)
    subject = access.case.subject
    if subject is None:
        raise ValidationError(MSG_NO_FAMILY, code="no_subject")
    errors: dict[str, ValidationError] = {}
    _check_protection(errors, protected_address)
    _check_language_needs(errors, language, interpreter)
    if errors:
        raise ValidationError(errors)
    subject = Subject.objects.select_for_update().get(pk=subject.pk)
    subject.protected_address = protected_address
    subject.save(
        update_fields=[
            "protected_address",
            *_set_language_needs(subject, language, interpreter),
        ]
    )
    _audit(actor, AuditAction.UPDATE, "subject", subject.pk, access.case.pk)
    return subject
