"""The nightly retention job, run by `manage.py db_worker` (django-tasks with its database
backend) when the scheduler enqueues it (see docs/RETENTION.md)."""

from django_tasks import task

from laget.retention.nightly import nightly


@task()
def retention_nightly() -> str:
    runs = nightly(dry_run=False)
    return ", ".join(f"{r.municipality_id or '-'}:{r.status}" for r in runs)
