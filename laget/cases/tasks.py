"""Periodic jobs of the stafettlogg for the background worker (django-tasks, README
"Background worker")."""

from django_tasks import task

from laget.cases.register_feed import follow
from laget.folkeregister.connect import job_client, register_configured


@task()
def folkeregister_follow() -> str:
    """The population register's change feed, applied to open logs (manage.py
    folkeregister_follow does the same from a scheduler)."""
    if not register_configured():
        return "not configured"
    with job_client() as register:
        result = follow(register)
    return f"{result.read} read, {result.applied} applied, at {result.last_sequence}"
