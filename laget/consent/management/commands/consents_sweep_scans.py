"""Daily job: delete scanned paper consents that no record names (laget/consent/scans.py).
Prints a count only."""

from typing import Any

from django.core.management.base import BaseCommand

from laget.consent.scans import sweep_orphan_scans


class Command(BaseCommand):
    help = "Delete scanned consents that no consent names (older than an hour)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = sweep_orphan_scans()
        self.stdout.write(f"{count} orphan scan(s) deleted.")
