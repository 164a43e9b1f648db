"""Daily job: record the expiry of consents past their last day.

Access already ends at midnight after the last day (the access rule compares dates); this
writes the EXPIRED event into each consent's history and the audit log.
"""

from typing import Any

from django.core.management.base import BaseCommand

from laget.audit.models import Via
from laget.audit.services import Actor
from laget.consent.services import consents_expire


class Command(BaseCommand):
    help = "Record the expiry of consents past their last day."

    def handle(self, *args: Any, **options: Any) -> None:
        count = consents_expire(actor=Actor(user=None, via=Via.SYSTEM))
        self.stdout.write(f"{count} consent(s) expired.")
