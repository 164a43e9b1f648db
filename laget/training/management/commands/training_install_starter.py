"""Install Laget's starter training as the national set (or one municipality's own)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from laget.orgs.models import Municipality
from laget.training.starter import install_starter_training


class Command(BaseCommand):
    help = "Install Laget's starter training (national, or --municipality NUMBER's own)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", default="", help="municipality number (4 digits)")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = None
        if options["municipality"]:
            municipality = Municipality.objects.filter(number=options["municipality"]).first()
            if municipality is None:
                raise CommandError("No municipality with that number.")
        items = install_starter_training(by=None, municipality=municipality)
        self.stdout.write(f"{len(items)} training items installed.")
