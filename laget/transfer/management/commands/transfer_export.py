"""Write the signed package of a transfer to another installation, and end the case here."""

import os
import tempfile
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import ProtectedError

from laget.audit.models import Via
from laget.audit.services import Actor
from laget.transfer.package import PackageRefused, transfer_export


class Command(BaseCommand):
    help = (
        "Lager den signerte overføringspakken for en flytting til en annen installasjon og "
        "sletter saken her (pakken er da eneste kopi). Alt eller ingenting."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("transfer_id", type=int)
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        target: Path = options["file"]
        if target.exists():
            raise CommandError(f"{target} finnes allerede.")
        try:
            with transaction.atomic():
                data = transfer_export(
                    actor=Actor(user=None, via=Via.SYSTEM), transfer_id=options["transfer_id"]
                )
                # Written before the commit: if the file cannot be written, nothing changes.
                _write_atomically(target, data)
        except (PackageRefused, ImproperlyConfigured) as exc:
            raise CommandError(str(exc)) from None
        except ProtectedError:
            # Rows this format does not carry (e.g. an individual plan's coordinator) still
            # point into the case: it stays here, whole.
            raise CommandError(
                "Saken har innhold som overføringspakken ikke kan ta med (for eksempel en "
                "individuell plan). Ingenting er endret."
            ) from None
        self.stdout.write(f"Pakken er skrevet til {target} ({len(data)} byte).")


def _write_atomically(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".laget-transfer-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
