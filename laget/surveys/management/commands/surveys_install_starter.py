"""Install the starter employee questionnaire in a municipality (by its number)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from laget.orgs.models import Municipality
from laget.surveys.starter import install_starter_questionnaire


class Command(BaseCommand):
    help = "Legger inn startskjemaet for medarbeiderundersøkelser i en kommune."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kommunenummer", help="Kommunenummeret, fire sifre.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            municipality = Municipality.objects.get(number=options["kommunenummer"])
        except Municipality.DoesNotExist:
            raise CommandError("Fant ingen kommune med det nummeret.") from None
        questionnaire = install_starter_questionnaire(municipality)
        self.stdout.write(f"{questionnaire.name} ({municipality.name}): {questionnaire.pk}")
