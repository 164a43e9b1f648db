from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404

from laget.audit.models import AuditAction
from laget.audit.services import Actor, audit_record
from laget.cases.access import CaseAccess
from laget.cases.messages import MSG_CASE_CLOSED, MSG_REASON_REQUIRED, MSG_UNKNOWN_MEETING
from laget.cases.models import Case, Meeting


def ensure_case_open(case: Case) -> None:
    """The one guard for "a closed case is read-only": every write service of a case passes
    through here, staff and family alike (laget/tests/test_closed_case_guard.py calls each).
    Reads the row under lock rather than trusting the copy the request loaded: a case closed
    in between is refused too, and a close waits for writes already under way."""
    closed_at = (
        Case.all_objects.select_for_update(no_key=True)
        .filter(pk=case.pk)
        .values_list("closed_at", flat=True)
        .first()
    )
    if case.is_closed or closed_at is not None:
        raise ValidationError(MSG_CASE_CLOSED, code="closed")


def ensure_open(access: CaseAccess) -> None:
    """ensure_case_open for the case the access was checked for."""
    ensure_case_open(access.case)


def ensure_in_case(access: CaseAccess, obj: models.Model) -> None:
    """An object handed to a service must belong to the case the access was checked for."""
    if getattr(obj, "case_id", None) != access.case.pk:
        raise Http404


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


def case_meeting(access: CaseAccess, meeting_id: int | None) -> Meeting | None:
    if meeting_id is None:
        return None
    meeting = access.case.meetings.filter(pk=meeting_id).first()
    if meeting is None:
        raise ValidationError({"meeting": MSG_UNKNOWN_MEETING}, code="unknown")
    return meeting
