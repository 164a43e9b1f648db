"""Background work, run by `manage.py db_worker` (django-tasks with its database backend)."""

from django_tasks import task

from laget.archive.services import archive_package_produce


@task()
def produce_archive_package(case_id: int) -> bool:
    """Make the closed case's archive package (once: a second run finds it made)."""
    return archive_package_produce(case_id=case_id) is not None
