"""Carrying out retention: one run per municipality, one transaction, a report either way.

A dry run stores what would go and why. A real run waits (stores its report, takes nothing)
until an admin has approved a dry run of that municipality; after that each run carries out its
plan and records every kind it took in a DeletionRecord. If anything fails, the transaction
rolls back whole and a failed run (the error's class only) is stored instead.
"""

import datetime
import logging

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from knox.models import AuthToken

from laget.accounts.models import UserSession
from laget.audit.models import AuditAction, Via
from laget.audit.services import Actor, audit_record
from laget.orgs.models import Municipality
from laget.retention.models import DeletionRecord, RetentionRun, RunStatus
from laget.retention.parts import DELETE, RULE_CLOSED_CASE, Part
from laget.retention.plan import Plan, plan_for

logger = logging.getLogger("laget.retention")

RULE_SESSION = "session_ended"
RULE_TOKEN = "token_expired"


class RetentionMismatch(Exception):
    """Rows changed between the plan and the run: nothing is taken (the run rolls back)."""


def is_approved(municipality: Municipality) -> bool:
    return RetentionRun.objects.filter(
        municipality=municipality, dry_run=True, approved_at__isnull=False
    ).exists()


def retention_run(
    *, municipality: Municipality, dry_run: bool, now: datetime.datetime | None = None
) -> RetentionRun:
    now = now or timezone.now()
    if not dry_run and not is_approved(municipality):
        plan = plan_for(municipality, now)
        return RetentionRun.objects.create(
            municipality=municipality,
            dry_run=False,
            started_at=now,
            status=RunStatus.WAITING,
            report=plan.report(),
        )
    try:
        with transaction.atomic():
            # One run at a time per municipality: a second waits, then finds what is left.
            Municipality.objects.select_for_update().filter(pk=municipality.pk).first()
            plan = plan_for(municipality, now)
            run = RetentionRun.objects.create(
                municipality=municipality,
                dry_run=dry_run,
                started_at=now,
                status=RunStatus.DONE,
                report=plan.report(),
            )
            if not dry_run:
                _carry_out(plan, run)
    except Exception as error:
        # The class only: a database error may quote a row.
        logger.error(
            "Retention run for municipality %s failed: %s", municipality.pk, type(error).__name__
        )
        return RetentionRun.objects.create(
            municipality=municipality,
            dry_run=dry_run,
            started_at=now,
            status=RunStatus.FAILED,
            error=type(error).__name__,
        )
    return run


def _carry_out(plan: Plan, run: RetentionRun) -> None:
    for part in plan.parts:
        if part.count:
            _take(part, run)
    files = list(plan.files)
    if files:
        transaction.on_commit(lambda: _delete_files(files))
    anonymised = next(
        (p.ids for p in plan.parts if p.kind == "case" and p.rule == RULE_CLOSED_CASE), ()
    )
    audit_record(
        actor=Actor(None, via=Via.SYSTEM),
        action=AuditAction.DELETE,
        object_type="retention_run",
        object_id=run.pk,
        case_ids=anonymised,
    )


def _take(part: Part, run: RetentionRun) -> None:
    rows = part.model._default_manager.filter(pk__in=part.ids)
    label = part.model._meta.label
    if part.action == DELETE:
        _total, per_model = rows.delete()
        taken = per_model.pop(label, 0)
        # What went with the rows (a consent's parties and events): recorded as such.
        for other, count in sorted(per_model.items()):
            if count:
                _record(run, f"{part.kind}:{other.split('.')[1].lower()}", part.rule, count)
    else:
        taken = rows.update(**part.changes)
    if taken != part.count:
        raise RetentionMismatch(f"{part.kind}: planned {part.count}, found {taken}")
    _record(run, part.kind, part.rule, taken)


def _record(run: RetentionRun, kind: str, rule: str, count: int) -> None:
    DeletionRecord.objects.create(
        run=run,
        municipality=run.municipality,
        kind=kind,
        rule=rule,
        count=count,
        at=run.started_at,
    )


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError as error:
            logger.warning("A scanned copy was not removed: %s", type(error).__name__)


@transaction.atomic
def credentials_run(*, dry_run: bool, now: datetime.datetime | None = None) -> RetentionRun:
    """The installation's sessions and API tokens that ended more than their days ago. Nothing
    in them is anyone's record, so no approval is needed; the run is recorded all the same."""
    now = now or timezone.now()
    # Ended as `clearsessions` sees it (expired, idle too long, or too old), days ago.
    before = now - datetime.timedelta(days=settings.LAGET_RETENTION_SESSION_DAYS)
    ended = (
        Q(expire_date__lt=before)
        | Q(active_at__lte=before - datetime.timedelta(seconds=settings.LAGET_SESSION_IDLE_SECONDS))
        | Q(signed_in_at__lte=before - datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE))
    )
    parts = [
        Part(
            "session",
            RULE_SESSION,
            DELETE,
            UserSession,
            tuple(UserSession.objects.filter(ended).order_by("pk").values_list("pk", flat=True)),
        ),
        Part(
            "api_token",
            RULE_TOKEN,
            DELETE,
            AuthToken,
            tuple(
                AuthToken.objects.filter(
                    expiry__lt=now - datetime.timedelta(days=settings.LAGET_RETENTION_TOKEN_DAYS)
                )
                .order_by("pk")
                .values_list("pk", flat=True)
            ),
        ),
    ]
    report = {
        "at": now.isoformat(),
        # Session keys and token digests are credentials: counts only.
        "items": [
            {"kind": p.kind, "rule": p.rule, "action": DELETE, "count": p.count, "ids": []}
            for p in parts
            if p.count
        ],
        "blocked": [],
    }
    run = RetentionRun.objects.create(
        municipality=None, dry_run=dry_run, started_at=now, status=RunStatus.DONE, report=report
    )
    if not dry_run:
        for part in parts:
            if part.count:
                _take(part, run)
    return run
