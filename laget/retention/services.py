"""The admin's writes on the retention page: the policy, legal holds and the approval of a
dry run. One transaction each, audited; field errors as ValidationError."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.accounts.models import User
from laget.audit.models import AuditAction
from laget.audit.services import Actor, audit_record
from laget.cases.models import Case
from laget.orgs.models import Municipality
from laget.retention.models import LegalHold, RetentionPolicy, RetentionRun, RunStatus
from laget.retention.plan import policy_for

MSG_NO_SUCH_CASE = _("Kommunen har ingen stafettlogg med dette nummeret.")
MSG_ALREADY_ANONYMISED = _("Denne loggen er allerede anonymisert.")
MSG_ALREADY_HELD = _("Denne loggen er allerede holdt tilbake.")
MSG_NOT_APPROVABLE = _("Bare en fullført tørrkjøring som ikke er godkjent, kan godkjennes.")
MSG_NO_SUCH_HOLD = _("Fant ikke denne tilbakeholdelsen.")

POLICY_FIELDS = (
    "closed_case_months",
    "archives_in_laget",
    "consent_months",
    "scan_months",
    "notification_months",
)


@transaction.atomic
def policy_update(
    *, actor: Actor, by: User, municipality: Municipality, **values: object
) -> RetentionPolicy:
    policy = policy_for(municipality)
    if policy.pk is not None:
        policy = RetentionPolicy.objects.select_for_update().get(pk=policy.pk)
    for name in POLICY_FIELDS:
        if name in values:
            setattr(policy, name, values[name])
    policy.updated_at = timezone.now()
    policy.updated_by = by
    policy.full_clean()
    policy.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="retention_policy",
        object_id=policy.pk,
    )
    return policy


@transaction.atomic
def hold_set(
    *, actor: Actor, by: User, municipality: Municipality, case_id: int, reason: str
) -> LegalHold:
    case = Case.objects.filter(pk=case_id, municipality=municipality).first()
    if case is None:
        raise ValidationError({"case_id": MSG_NO_SUCH_CASE})
    if case.anonymised_at is not None:
        raise ValidationError({"case_id": MSG_ALREADY_ANONYMISED})
    if LegalHold.objects.filter(case=case, released_at__isnull=True).exists():
        raise ValidationError({"case_id": MSG_ALREADY_HELD})
    hold = LegalHold(case=case, reason=reason.strip(), set_by=by, set_at=timezone.now())
    hold.full_clean()
    hold.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="legal_hold",
        object_id=hold.pk,
        case_id=case.pk,
    )
    return hold


@transaction.atomic
def hold_release(*, actor: Actor, by: User, municipality: Municipality, hold_id: int) -> LegalHold:
    hold = (
        LegalHold.objects.select_for_update()
        .filter(pk=hold_id, case__municipality=municipality, released_at__isnull=True)
        .first()
    )
    if hold is None:
        raise ValidationError(MSG_NO_SUCH_HOLD)
    hold.released_at = timezone.now()
    hold.released_by = by
    hold.save(update_fields=["released_at", "released_by"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="legal_hold",
        object_id=hold.pk,
        case_id=hold.case_id,
    )
    return hold


@transaction.atomic
def run_approve(*, actor: Actor, by: User, municipality: Municipality, run_id: int) -> RetentionRun:
    run = (
        RetentionRun.objects.select_for_update()
        .filter(
            pk=run_id,
            municipality=municipality,
            dry_run=True,
            status=RunStatus.DONE,
            approved_at__isnull=True,
        )
        .first()
    )
    if run is None:
        raise ValidationError(MSG_NOT_APPROVABLE)
    run.approved_by = by
    run.approved_at = timezone.now()
    run.save(update_fields=["approved_by", "approved_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="retention_run",
        object_id=run.pk,
    )
    return run
