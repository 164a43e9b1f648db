"""Daily job: remove practice cases started more than LAGET_PRACTICE_KEEP_DAYS ago, and those
of users who can no longer log in (laget.practice.services.practice_clean). Prints a count
only."""

from typing import Any

from django.core.management.base import BaseCommand

from laget.practice.services import practice_clean


class Command(BaseCommand):
    help = "Remove old practice cases and those of users who can no longer log in."

    def handle(self, *args: Any, **options: Any) -> None:
        count = practice_clean()
        self.stdout.write(f"{count} practice case(s) removed.")
