"""manage.py guide_export <municipality_number> > file.json: the guide with its tools as JSON."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from laget.guide.exchange import dumps, export_guide
from laget.orgs.models import Municipality


class Command(BaseCommand):
    help = "Skriver kommunens handlingsveileder med verktøy som JSON til standard ut."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("municipality_number")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(number=options["municipality_number"]).first()
        if municipality is None:
            raise CommandError("Ukjent kommunenummer.")
        try:
            data = export_guide(municipality)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(dumps(data), ending="")
