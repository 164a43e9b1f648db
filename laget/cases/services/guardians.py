"""Guardians of the person a case is about, added by the stafettholder."""

from django.core.exceptions import ValidationError
from django.db import transaction

from laget.audit.models import AuditAction
from laget.audit.services import Actor
from laget.cases.access import CaseAccess
from laget.cases.messages import MSG_NO_SUBJECT
from laget.cases.services.common import audit_write, ensure_open
from laget.people.models import Guardian


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
) -> Guardian:
    ensure_open(access)
    subject = access.case.subject
    if subject is None:
        raise ValidationError(MSG_NO_SUBJECT, code="no_subject")
    guardian = Guardian(
        subject=subject,
        name=name.strip(),
        relation=relation.strip(),
        has_parental_responsibility=has_parental_responsibility,
        phone=phone.strip(),
        email=email.strip(),
        national_id="".join(national_id.split()),
    )
    guardian.full_clean()
    guardian.save()
    audit_write(actor, AuditAction.CREATE, guardian, access.case.pk)
    return guardian
