"""`manage.py seed_demo`: load the fictional demo municipality and print its logins."""

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from laget.cases.models import Case
from laget.demo import data
from laget.demo.monitoring import NEIGHBOURS, seed_neighbours
from laget.demo.moving import seed_moving
from laget.demo.register import MissingFamilies
from laget.demo.registry import seed_registry
from laget.demo.seed import demo_municipality_numbers, demo_present, login_lines, seed_demo
from laget.lib.demo import ensure_demo_database
from laget.orgs.models import Municipality


class Command(BaseCommand):
    help = (
        "Fill the database with one fictional municipality (units, staff of every role and "
        "about 30 cases) and print the demo logins. Does nothing if it is already there."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--without-neighbours",
            action="store_true",
            help="Leave out the neighbouring municipalities that share figures.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_demo_database(
            Municipality.objects.exclude(number__in=demo_municipality_numbers()),
            "municipalities",
        )
        if demo_present():
            self.stdout.write(f"Demo data already present ({data.MUNICIPALITY_NAME}).")
        else:
            started = time.monotonic()

            def progress(step: str) -> None:
                self.stdout.write(f"  {time.monotonic() - started:5.1f} s  {step}")

            try:
                town = seed_demo(progress)
                if not options["without_neighbours"]:
                    progress(f"{len(NEIGHBOURS)} neighbouring municipalities for the comparison")
                    seed_neighbours()
                    progress("a case on its way to another municipality")
                    seed_moving(town)
                progress("the program registry (TIBIR in the region)")
                seed_registry(town.today)
            except (ValidationError, MissingFamilies) as error:
                raise CommandError(f"Could not load the demo data: {error}") from error
            cases = Case.objects.filter(municipality=town.municipality).count()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data loaded: {data.MUNICIPALITY_NAME} (fictional), {len(town.units)} "
                    f"units, {len(town.users)} staff users, {cases} cases "
                    f"in {time.monotonic() - started:.1f} s; {len(NEIGHBOURS)} neighbouring "
                    "municipalities share figures for the comparison."
                )
            )
        for line in login_lines():
            self.stdout.write(line)
