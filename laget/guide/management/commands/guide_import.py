"""manage.py guide_import <municipality_number> file.json [--publish] [--by username]."""

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from laget.accounts.models import User
from laget.guide.exchange import import_guide
from laget.orgs.models import Municipality
from laget.orgs.rules import MANAGER_ROLES


class Command(BaseCommand):
    help = "Importerer en handlingsveileder med verktøy fra en JSON-fil, som kladd."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("municipality_number")
        parser.add_argument("file")
        parser.add_argument("--publish", action="store_true", help="Publiser med en gang.")
        parser.add_argument(
            "--by",
            help="Brukernavn som står som forfatter (standard: kommunens første administrator "
            "eller koordinator).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(number=options["municipality_number"]).first()
        if municipality is None:
            raise CommandError("Ukjent kommunenummer.")
        if options["by"]:
            by = User.objects.filter(username=options["by"]).first()
        else:
            by = (
                User.objects.filter(
                    memberships__role__in=MANAGER_ROLES,
                    memberships__municipality=municipality,
                    memberships__is_active=True,
                )
                .order_by("pk")
                .first()
            )
        if by is None:
            raise CommandError("Fant ingen bruker å importere som. Bruk --by.")
        try:
            with open(options["file"], encoding="utf-8") as f:
                data = json.load(f)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Kan ikke lese filen: {exc}") from exc
        try:
            version = import_guide(
                municipality=municipality, data=data, by=by, publish=options["publish"], system=True
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"{version.guide.title}: versjon {version.number} ({version.status})")
