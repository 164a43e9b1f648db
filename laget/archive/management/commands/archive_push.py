"""Deliver the archive packages not yet delivered (docs/ARCHIVE.md). Run it from cron, e.g.
nightly after the worker has made the day's packages; a second run sends nothing twice."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from laget.archive.push import PushNotConfigured, push_all


class Command(BaseCommand):
    help = "Leverer nye arkivpakker til arkivet (LAGET_ARCHIVE_PUSH_DIR / LAGET_ARCHIVE_PUSH_URL)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = push_all()
        except PushNotConfigured:
            raise CommandError(
                "Ingen mottaker satt: LAGET_ARCHIVE_PUSH_DIR eller LAGET_ARCHIVE_PUSH_URL."
            ) from None
        for reference in result.pushed:
            self.stdout.write(f"levert {reference}")
        for failure in result.failed:
            self.stderr.write(f"feilet {failure}")
        self.stdout.write(f"{len(result.pushed)} levert, {len(result.failed)} feilet")
        if result.failed:
            raise CommandError(f"{len(result.failed)} pakke(r) ble ikke levert")
