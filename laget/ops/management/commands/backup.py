"""`manage.py backup --output PATH`: a pg_dump of the database (custom format, mode 0600) and
PATH.manifest.json beside it, with the row count of every table, the newest audit checkpoint
(written just before the dump) and the dump's sha256. Then an audit anchor (laget/audit/
anchors.py): the log is checked and the newest checkpoint is written to the log and the anchor
folder; a log that does not verify fails the command after the backup is written. See
docs/BACKUP.md."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from laget.audit.anchors import AnchorFileError, AuditChainBroken, anchor_take
from laget.audit.checkpoints import audit_checkpoint
from laget.ops.backup import backup_create, manifest_path
from laget.ops.postgres import OpsError


class Command(BaseCommand):
    help = "Back up the database with pg_dump and write a manifest to check a restore against."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="The dump file to write (new).")

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        # The chains' heads as they are now, so that the manifest names them.
        audit_checkpoint()
        try:
            manifest = backup_create(db=connections["default"].settings_dict, output=output)
        except OpsError as e:
            raise CommandError(str(e)) from e
        head = manifest["audit_head"]
        self.stdout.write(
            f"Backup written to {output} ({manifest['dump']['bytes']} bytes, "
            f"sha256 {manifest['dump']['sha256']}): {len(manifest['tables'])} tables, "
            f"{sum(manifest['tables'].values())} rows, "
            + (f"audit log up to checkpoint {head['id']}" if head else "no audit checkpoint")
            + f". Manifest: {manifest_path(output)}"
        )
        try:
            _, anchor = anchor_take(source="backup")
        except (AuditChainBroken, AnchorFileError) as e:
            raise CommandError(f"The backup is written, but: {e}") from e
        if anchor.hash:
            self.stdout.write(f"Audit anchor: checkpoint {anchor.id} ({anchor.hash[:12]}…).")
