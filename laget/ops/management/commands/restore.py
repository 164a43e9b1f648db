"""`manage.py restore --input PATH --database-url URL` (or `--database NAME` on the configured
server): checks the dump against its manifest, restores it into an empty database, then
checks row counts and the audit chain. `--verify-only` does the last step alone.
See docs/BACKUP.md."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from laget.ops.backup import manifest_load, manifest_path
from laget.ops.postgres import OpsError, database_settings
from laget.ops.restore import restore_into
from laget.ops.verify import verify_database

VERIFY_FAILED = "The restored database does not match the backup:\n  {problems}"


class Command(BaseCommand):
    help = "Restore a backup into a new, empty PostgreSQL database and verify it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, help="The dump `manage.py backup` wrote.")
        parser.add_argument(
            "--manifest", help="Its manifest (default: the input's name + .manifest.json)."
        )
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument(
            "--database-url", help="The empty target, e.g. postgres://user@host/laget_new."
        )
        target.add_argument(
            "--database", help="The empty target's name on the configured server and role."
        )
        parser.add_argument(
            "--no-privileges",
            action="store_true",
            help="Leave out the dump's GRANTs (when their roles do not exist on the target).",
        )
        parser.add_argument(
            "--verify-only",
            action="store_true",
            help="Restore nothing: check an already restored database against the manifest.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dump = Path(options["input"])
        target = database_settings(url=options["database_url"], name=options["database"])
        try:
            manifest = manifest_load(Path(options["manifest"] or manifest_path(dump)))
            if not options["verify_only"]:
                restore_into(
                    dump=dump,
                    manifest=manifest,
                    target=target,
                    privileges=not options["no_privileges"],
                )
                self.stdout.write(f"Restored {dump} into {target['NAME']}.")
            problems = verify_database(target, manifest)
        except OpsError as e:
            raise CommandError(str(e)) from e
        if problems:
            raise CommandError(VERIFY_FAILED.format(problems="\n  ".join(problems)))
        head = manifest["audit_head"]
        chain = f"the audit log unbroken up to checkpoint {head['id']}" if head else "no audit rows"
        self.stdout.write(
            f"Verified: {len(manifest['tables'])} tables with the backup's row counts, {chain}."
        )
