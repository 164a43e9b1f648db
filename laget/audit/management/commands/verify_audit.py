"""`manage.py verify_audit`: check the whole audit chain with the keys of LAGET_AUDIT_KEYS and
against every anchor (the anchor file in LAGET_AUDIT_ANCHOR_DIR, and backup manifests given
with --manifest). One line out; exit status 1 and the line on stderr (and in the log) when the
chain is broken. Ids and counts only, no personal data. See docs/PRODUCTION.md."""

import logging
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from laget.audit.anchors import AnchorFileError, anchor_from_manifest, anchors_read
from laget.audit.chain import chain_verify

logger = logging.getLogger("laget.audit")


class Command(BaseCommand):
    help = "Check the audit log's hash chain with the audit keys and against its anchors."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchor-dir", help="Folder of audit-anchors.jsonl (default LAGET_AUDIT_ANCHOR_DIR)."
        )
        parser.add_argument(
            "--manifest",
            action="append",
            default=[],
            help="A backup manifest whose audit head must be in the chain (repeatable).",
        )
        parser.add_argument("--database", default="default", help="The database alias to check.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            anchors = anchors_read(options["anchor_dir"])
            for path in options["manifest"]:
                if (anchor := anchor_from_manifest(Path(path))) is not None:
                    anchors.append(anchor)
        except AnchorFileError as e:
            raise CommandError(str(e)) from e
        check = chain_verify(using=options["database"], anchors=anchors)
        if not check.ok:
            logger.error(check.summary())
            raise CommandError(check.summary())
        seconds = time.monotonic() - started
        self.stdout.write(f"{check.summary()} ({seconds:.1f} s)")
