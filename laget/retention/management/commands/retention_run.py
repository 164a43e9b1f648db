"""`manage.py retention_run [--dry-run] [--municipality NUMBER ...]`: the retention job for
every municipality (or those named by municipality number), then the installation's sessions
and API tokens. One line per run: kinds and counts, never names. A real run for a
municipality whose admin has not yet approved a dry run takes nothing and says so. Exit 1 if a
run failed (it rolled back whole)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from laget.orgs.models import Municipality
from laget.retention.models import RunStatus
from laget.retention.nightly import nightly


class Command(BaseCommand):
    help = "Delete or anonymise what the retention policies say (or, with --dry-run, list it)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="List, take nothing.")
        parser.add_argument(
            "--municipality",
            action="append",
            default=[],
            help="A municipality number (repeatable); default every municipality.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ids = None
        if options["municipality"]:
            found = dict(
                Municipality.objects.filter(number__in=options["municipality"]).values_list(
                    "number", "pk"
                )
            )
            missing = sorted(set(options["municipality"]) - set(found))
            if missing:
                raise CommandError(f"No municipality numbered {', '.join(missing)}.")
            ids = list(found.values())
        runs = nightly(dry_run=options["dry_run"], municipality_ids=ids)
        for run in runs:
            where = run.municipality.number if run.municipality else "installation"
            counts = ", ".join(f"{i['kind']} {i['count']}" for i in run.items) or "nothing"
            kind = "dry run" if run.dry_run else "run"
            self.stdout.write(f"{where}: {kind} {run.status}: {counts}")
        if any(run.status == RunStatus.FAILED for run in runs):
            raise CommandError("A retention run failed and was rolled back; see the log.")
