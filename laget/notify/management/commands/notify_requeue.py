"""`manage.py notify_requeue`: hand queued notifications to the worker again when their
hand-over was lost (the process stopped between the commit and the hand-over, or a worker
died mid-send). Harmless to run often: a notification is sent at most once."""

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from laget.notify.models import Notification, Status
from laget.notify.services import hand_over


class Command(BaseCommand):
    help = "Queue a send for notifications that have waited longer than they should."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            default=15,
            help="Minutes past their time before a notification counts as lost (default 15).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = timezone.now() - datetime.timedelta(minutes=options["older_than"])
        lost = Notification.objects.filter(status=Status.QUEUED, next_attempt_at__lt=cutoff)
        # A worker died during the last attempt: nothing is left to try.
        spent = lost.filter(attempts__gte=settings.LAGET_NOTIFY_MAX_ATTEMPTS).update(
            status=Status.FAILED, last_error="WorkerLost"
        )
        ids = list(
            lost.filter(attempts__lt=settings.LAGET_NOTIFY_MAX_ATTEMPTS).values_list(
                "pk", flat=True
            )
        )
        for notification_id in ids:
            hand_over(notification_id)
        self.stdout.write(
            f"{len(ids)} notifications handed to the worker again, {spent} marked failed."
        )
