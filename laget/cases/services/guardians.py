"""The family members of the person a case is about, added by the stafettholder: each with a
role (people.FamilyRole) and, where the population register says so, a protected address."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess
from laget.cases.messages import MSG_NO_SUBJECT
from laget.cases.services.common import audit_write, ensure_open
from laget.people.models import FamilyRole, Guardian


@transaction.atomic
def guardian_add(
    *,
    actor: Actor,
    access: CaseAccess,
    name: str,
    relation: str = "",
    has_parental_responsibility: bool = True,
    phone: str = "",
    email: str = "",
    national_id: str = "",
    role: str = "",
    protected_address: str = "",
    language: str = "",
    register_read_on: datetime.date | None = None,
) -> Guardian:
    """`role` decides what the member may read and do; without it, a guardian with parental
    responsibility or one without (`has_parental_responsibility`), as before roles."""
    ensure_open(access)
    subject = access.case.subject
    if subject is None:
        raise ValidationError(MSG_NO_SUBJECT, code="no_subject")
    if not role:
        role = FamilyRole.GUARDIAN if has_parental_responsibility else FamilyRole.GUARDIAN_NO_PR
    guardian = Guardian(
        subject=subject,
        name=name.strip(),
        relation=relation.strip(),
        protected_address=protected_address,
        phone=phone.strip(),
        email=email.strip(),
        national_id="".join(national_id.split()),
        language=language,
        register_read_on=register_read_on,
    )
    guardian.set_role(role)
    guardian.full_clean()
    guardian.save()
    audit_write(actor, AuditAction.CREATE, guardian, access.case.pk)
    return guardian
