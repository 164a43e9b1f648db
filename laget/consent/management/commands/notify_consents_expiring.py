"""`manage.py notify_consents_expiring`: the daily job that tells guardians a consent ends in
30 days. Running it twice on one day tells no one twice."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from laget.consent.notifications import notify_consents_expiring


class Command(BaseCommand):
    help = "Queue an email to the guardians of every consent that expires in 30 days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Run as if today were this date (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date, YYYY-MM-DD") from None
        queued = notify_consents_expiring(today)
        self.stdout.write(f"{len(queued)} notifications queued.")
