"""`manage.py audit_checkpoint`: chain the heads of the audit chains that moved since the last
checkpoint into a new one (laget/audit/checkpoints.py). Run every five minutes
(deploy/systemd/laget-audit-checkpoint.timer): the longest stretch in which the newest rows of
a chain could be removed unnoticed. Ids and counts only."""

from typing import Any

from django.core.management.base import BaseCommand

from laget.audit.checkpoints import audit_checkpoint


class Command(BaseCommand):
    help = "Write a checkpoint of the audit chains that moved since the last one."

    def handle(self, *args: Any, **options: Any) -> None:
        checkpoint = audit_checkpoint()
        if checkpoint is None:
            self.stdout.write("No audit chain moved since the last checkpoint.")
            return
        self.stdout.write(f"Checkpoint {checkpoint.pk}: {len(checkpoint.heads)} chains moved.")
