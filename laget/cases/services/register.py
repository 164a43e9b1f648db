"""Identifying a child with the population register (issue 18, part 3).

The stafettholder gives the child's national id or D-number; Laget asks the register for the
parts it needs and proposes the family: the holders of parental responsibility as guardians, a
parent without it as such, with name and national id, and whether the child lives with both
(shared residence). Nothing is stored until the stafettholder confirms, and the confirmation
looks the child up again rather than trusting what the page posted. Then only the facts used
are kept, with the day they were read: names, national ids, roles, shared residence, the
protection grade and the Sami-language preference. No address is ever read.

A protected address (fortrolig or strengt fortrolig) is not a choice: it is set on the child
and on each member the register protects, and laget.family.access does the rest. Every lookup
is in the access log (object "register_lookup"). Practice cases are never looked up.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.audit.models import AuditAction
from laget.audit.services import Actor, audit_record
from laget.cases.access import CaseAccess
from laget.cases.messages import MSG_ALREADY_IDENTIFIED
from laget.cases.services.common import audit_write, ensure_open
from laget.cases.services.guardians import guardian_add
from laget.cases.services.lifecycle import case_identify
from laget.folkeregister.client import RegisterClient
from laget.folkeregister.facts import Protection, RegisterPerson
from laget.people.models import FamilyRole, ProtectedAddress, Subject, SubjectKind

# The parts identifying a child needs, and no more: no address (the grade is enough), no
# civil status, no citizenship.
CHILD_PARTS = (
    "navn",
    "foedsel",
    "status",
    "foreldreansvar",
    "familierelasjon",
    "deltBosted",
    "adressebeskyttelse",
    "brukAvSamiskSpraak",
)
MEMBER_PARTS = ("navn", "doedsfall", "status", "adressebeskyttelse", "brukAvSamiskSpraak")

LOOKUP = "register_lookup"
PARENT_ROLES = {"MOR": _("mor"), "FAR": _("far"), "MEDMOR": _("medmor")}
# The register's Sami languages and the family languages Laget has (laget/lib/languages.py).
SAMI_LANGUAGE = {"NORDSAMISK": "se"}


def protected_address(protection: Protection | None) -> str:
    if protection is Protection.STRICTLY_CONFIDENTIAL:
        return ProtectedAddress.STRICTLY_CONFIDENTIAL
    if protection is Protection.CONFIDENTIAL:
        return ProtectedAddress.CONFIDENTIAL
    return ProtectedAddress.NONE


def family_language(person: RegisterPerson | None) -> str:
    for language in person.sami_languages if person else ():
        if language in SAMI_LANGUAGE:
            return SAMI_LANGUAGE[language]
    return ""


@dataclass(frozen=True)
class ProposedMember:
    """One family member as the register has them. `key` is what the page's checkbox posts:
    the register id, or the place in the list for a holder the register names without one."""

    key: str
    name: str
    national_id: str
    role: str
    relation: str
    protected_address: str
    language: str

    @property
    def role_label(self) -> str:
        return str(FamilyRole(self.role).label)


@dataclass(frozen=True)
class Proposal:
    national_id: str
    given_name: str
    family_name: str
    birth_date: datetime.date | None
    shared_residence: bool
    protected_address: str
    language: str
    members: tuple[ProposedMember, ...]
    read_on: datetime.date
    # The number looked up was a D-number the register has replaced by a national id.
    replaced_id: bool = False


def _check(access: CaseAccess) -> None:
    ensure_open(access)
    if access.case.is_practice:
        raise Http404  # practice cases are fictional: never looked up
    if access.case.subject_id is not None:
        raise ValidationError(MSG_ALREADY_IDENTIFIED, code="identified")


def _lookup_audited(actor: Actor, access: CaseAccess) -> None:
    audit_record(actor=actor, action=AuditAction.READ, object_type=LOOKUP, case_id=access.case.pk)


def register_proposal(
    *, actor: Actor, access: CaseAccess, national_id: str, register: RegisterClient
) -> Proposal:
    """Look the child and its parents up; store nothing but the access log's two rows.
    Raises the register's errors (RegisterUnavailable, PersonNotFound, …) untouched."""
    _check(access)
    asked = "".join(national_id.split())
    child = register.person(asked, parts=CHILD_PARTS)
    _lookup_audited(actor, access)
    holders = child.holders()
    holder_ids = [h.holder_id for h in holders if h.holder_id]
    parents = {r.person_id: r.role for r in child.relatives if r.role in PARENT_ROLES}
    without = [pid for pid in parents if pid and pid not in holder_ids]
    ids = [*holder_ids, *without]
    found = register.persons(ids, parts=MEMBER_PARTS) if ids else {}
    if ids:
        _lookup_audited(actor, access)
    members: list[ProposedMember] = []
    for pid in ids:
        person = found.get(pid)
        if person is None or person.dead or person.name is None:
            continue  # not a member to propose: dead, or unknown to the register
        relation = parents.get(pid, "")
        members.append(
            ProposedMember(
                key=pid,
                name=str(person.name),
                national_id=person.id,
                role=FamilyRole.GUARDIAN if pid in holder_ids else FamilyRole.PARENT_NO_PR,
                relation=str(PARENT_ROLES[relation]) if relation else "",
                protected_address=protected_address(person.protection),
                language=family_language(person),
            )
        )
    for place, holder in enumerate(holders):
        if holder.holder_id is None and holder.holder_name is not None:
            members.append(
                ProposedMember(
                    key=f"uten-id-{place}",
                    name=str(holder.holder_name),
                    national_id="",
                    role=FamilyRole.GUARDIAN,
                    relation="",
                    protected_address="",
                    language="",
                )
            )
    today = timezone.localdate()
    name = child.name
    return Proposal(
        national_id=child.id,
        given_name=" ".join(p for p in (name.given, name.middle) if p) if name else "",
        family_name=name.family if name else "",
        birth_date=child.birth_date,
        shared_residence=any(
            s.start <= today and (s.end is None or s.end > today) for s in child.shared_residence
        ),
        protected_address=protected_address(child.protection),
        language=family_language(child),
        members=tuple(members),
        read_on=today,
        replaced_id=child.id != asked,
    )


def case_identify_from_register(
    *,
    actor: Actor,
    access: CaseAccess,
    national_id: str,
    chosen: set[str],
    register: RegisterClient,
) -> Subject:
    """The stafettholder confirms: look up again, then tie the case to the child and add the
    members chosen among those the register proposes now (a posted key the register does not
    propose is ignored). The protection is set whatever was chosen. The register is asked
    before the transaction (no lock is held while it answers): when it fails nothing is stored,
    and what is stored is stored in one transaction."""
    proposal = register_proposal(
        actor=actor, access=access, national_id=national_id, register=register
    )
    with transaction.atomic():
        return _apply(actor, access, proposal, chosen)


def _apply(actor: Actor, access: CaseAccess, proposal: Proposal, chosen: set[str]) -> Subject:
    subject = case_identify(
        actor=actor,
        access=access,
        kind=SubjectKind.CHILD,
        given_name=proposal.given_name,
        family_name=proposal.family_name,
        birth_date=proposal.birth_date,
        national_id=proposal.national_id,
    )
    subject.shared_residence = proposal.shared_residence
    subject.register_read_on = proposal.read_on
    subject.protected_address = proposal.protected_address
    subject.language = proposal.language
    subject.full_clean()
    subject.save(
        update_fields=["shared_residence", "register_read_on", "protected_address", "language"]
    )
    audit_write(actor, AuditAction.UPDATE, subject, access.case.pk)
    access.case.subject = subject
    for member in proposal.members:
        if member.key not in chosen:
            continue
        guardian_add(
            actor=actor,
            access=access,
            name=member.name,
            relation=member.relation,
            role=member.role,
            national_id=member.national_id,
            protected_address=member.protected_address,
            language=member.language,
            register_read_on=proposal.read_on,
        )
    return subject
