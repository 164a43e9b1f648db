"""manage.py folkeregister_follow: apply the population register's change feed to open logs
(laget/cases/register_feed.py). Run every few minutes; a run resumes where the last stopped."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from laget.cases.register_feed import follow
from laget.folkeregister.connect import job_client, register_configured
from laget.folkeregister.errors import RegisterError


class Command(BaseCommand):
    help = "Apply the population register's change feed to children with open logs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--max-pages", type=int, default=None, help="stop after N pages")

    def handle(self, *args: Any, **options: Any) -> None:
        if not register_configured():
            self.stdout.write(
                "The population register is not configured (LAGET_FOLKEREGISTER_URL)."
            )
            return
        try:
            with job_client() as register:
                result = follow(register, max_pages=options["max_pages"])
        except RegisterError as error:
            # Nothing half-applied: the next run starts from the same event.
            raise CommandError(f"stopped: {error}") from None
        self.stdout.write(
            f"read {result.read} events, {result.applied} changed a log; "
            f"at sequence {result.last_sequence}"
        )
