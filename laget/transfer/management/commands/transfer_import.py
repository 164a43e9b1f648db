"""Take in a signed transfer package from another installation: all of it or nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from laget.orgs.models import Unit
from laget.transfer.package import PackageRefused, import_package


class Command(BaseCommand):
    help = (
        "Importerer en signert overføringspakke. Saken venter så i innboksen «Flytting av "
        "saker» til en leder i den mottakende enheten tar den imot og velger stafettholder."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--unit", type=int, required=True, help="Id-en til enheten som skal ta imot saken."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        unit = Unit.objects.filter(pk=options["unit"], is_active=True).first()
        if unit is None:
            raise CommandError("Ukjent eller inaktiv enhet.")
        try:
            data = options["file"].read_bytes()
        except OSError as exc:
            raise CommandError(str(exc)) from None
        try:
            transfer = import_package(data, unit=unit)
        except PackageRefused as exc:
            raise CommandError(f"Pakken er avvist: {exc}") from None
        self.stdout.write(
            f"Importert. Flytting {transfer.pk} venter på svar fra {unit.name} ({unit.municipality})."
        )
