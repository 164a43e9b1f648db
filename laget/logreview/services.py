"""Signing off a month's log review: one transaction, kept and audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import Actor, audit_record
from laget.logreview.models import LogReview
from laget.logreview.review import Findings
from laget.orgs.models import Municipality


@transaction.atomic
def review_sign_off(
    *, actor: Actor, by: User, municipality: Municipality, findings: Findings, note: str
) -> LogReview:
    if findings.month.first >= timezone.localdate().replace(day=1):
        raise ValidationError({"maned": _("En måned kan signeres først når den er over.")})
    review = LogReview(
        municipality=municipality,
        period_start=findings.month.first,
        period_end=findings.month.last,
        reviewed_by=by,
        signed_at=timezone.now(),
        findings=findings.summary(),
        note=note.strip(),
    )
    review.save()
    audit_record(
        actor=actor, action=AuditAction.CREATE, object_type="log_review", object_id=review.pk
    )
    return review
