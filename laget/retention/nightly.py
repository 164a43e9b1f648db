"""One night's retention: every municipality in turn (each its own transaction, a failure in
one leaves the others to run), then the installation's sessions and tokens."""

import datetime

from django.utils import timezone

from laget.orgs.models import Municipality
from laget.retention.models import RetentionRun
from laget.retention.run import credentials_run, retention_run


def nightly(
    *,
    dry_run: bool,
    municipality_ids: list[int] | None = None,
    now: datetime.datetime | None = None,
) -> list[RetentionRun]:
    now = now or timezone.now()
    municipalities = Municipality.objects.order_by("pk")
    if municipality_ids:
        municipalities = municipalities.filter(pk__in=municipality_ids)
    runs = [retention_run(municipality=m, dry_run=dry_run, now=now) for m in municipalities]
    if not municipality_ids:
        runs.append(credentials_run(dry_run=dry_run, now=now))
    return runs
