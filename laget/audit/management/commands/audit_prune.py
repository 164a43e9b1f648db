"""`manage.py audit_prune [--dry-run]`: delete the access log's rows older than
LAGET_AUDIT_RETENTION_MONTHS, keeping the chain verifiable (laget/audit/prune.py). Run as the
database owner: the application's role may not delete audit rows. One line out: counts and ids,
no personal data. Exit 1 if the chain does not verify (then nothing is pruned)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from laget.audit.prune import AuditPruneRefused, audit_prune, prune_cutoff


class Command(BaseCommand):
    help = "Prune the access log's rows that are older than its retention period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        before = prune_cutoff()
        if before is None:
            self.stdout.write("LAGET_AUDIT_RETENTION_MONTHS is 0: the access log is kept for ever.")
            return
        try:
            result = audit_prune(before=before, dry_run=options["dry_run"])
        except AuditPruneRefused as e:
            raise CommandError(str(e)) from e
        verb = "Would prune" if options["dry_run"] else "Pruned"
        if result.through_id is None:
            self.stdout.write(f"No audit rows older than {before:%Y-%m-%d}.")
            return
        self.stdout.write(
            f"{verb} {result.rows} audit rows up to row {result.through_id} "
            f"(written before {before:%Y-%m-%d})."
        )
