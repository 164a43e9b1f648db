from django.core.exceptions import ValidationError
from django.db import models

from laget.audit.models import AuditAction
from laget.audit.services import Actor, audit_record
from laget.cases.access import CaseAccess
from laget.cases.messages import MSG_CASE_CLOSED, MSG_REASON_REQUIRED


def ensure_open(access: CaseAccess) -> None:
    if access.case.is_closed:
        raise ValidationError(MSG_CASE_CLOSED, code="closed")


def require_text(field: str, value: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: MSG_REASON_REQUIRED}, code="required")
    return value


def audit_write(actor: Actor, action: AuditAction, obj: models.Model, case_id: int) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type=obj._meta.model_name or "",
        object_id=obj.pk,
        case_id=case_id,
    )
