"""Make an Ed25519 key pair for transfer packages (docs/TRANSFER.md)."""

from typing import Any

from django.core.management.base import BaseCommand

from laget.transfer.keys import new_key_pair


class Command(BaseCommand):
    help = "Lager et nøkkelpar for overføringspakker. Den private nøkkelen vises bare nå."

    def handle(self, *args: Any, **options: Any) -> None:
        private, public = new_key_pair()
        self.stdout.write(f"LAGET_TRANSFER_KEY={private}")
        self.stdout.write(f"Offentlig nøkkel (gi den til mottakerne): {public}")
