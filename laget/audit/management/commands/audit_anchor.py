"""`manage.py audit_anchor`: write a checkpoint of the audit chains that moved, check the whole
log, then write the newest checkpoint (id and hash) outside the database: one line to the log
(logger `laget.audit.anchor`) and to LAGET_AUDIT_ANCHOR_DIR/audit-anchors.jsonl. Run hourly
(deploy/systemd/laget-audit-anchor.timer); a backup takes one too. Exit status 1, and no
anchor, when the log does not verify."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from laget.audit.anchors import AnchorFileError, AuditChainBroken, anchor_take


class Command(BaseCommand):
    help = "Check the audit log and write its newest checkpoint outside the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchor-dir", help="Folder of audit-anchors.jsonl (default LAGET_AUDIT_ANCHOR_DIR)."
        )
        parser.add_argument("--source", default="timer", help="Who took it, kept in the anchor.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            check, anchor = anchor_take(source=options["source"], directory=options["anchor_dir"])
        except (AuditChainBroken, AnchorFileError) as e:
            raise CommandError(str(e)) from e
        if check.head is None:
            self.stdout.write("The audit log has no checkpoint: nothing to anchor.")
            return
        self.stdout.write(
            f"Anchored checkpoint {anchor.id} ({anchor.hash[:12]}…) at {anchor.at}; "
            f"{check.rows} rows in {check.chains} chains checked."
        )
