"""The archive's answer to what the cases report (the cases sit below and cannot call it)."""

from typing import Any

from django.dispatch import receiver

from laget.archive.tasks import produce_archive_package
from laget.cases.signals import case_closed


@receiver(case_closed, dispatch_uid="archive.produce_package")
def queue_package(sender: object, *, case_id: int, **kwargs: Any) -> None:
    """Closing stays quick: the package is made by the background worker. The queue holds the
    case's id only."""
    produce_archive_package.enqueue(case_id)
