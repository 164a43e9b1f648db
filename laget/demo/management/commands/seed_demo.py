"""`manage.py seed_demo`: load the fictional demo municipality and print its logins."""

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from laget.cases.models import Case
from laget.demo import data
from laget.demo.seed import demo_present, login_lines, seed_demo


class Command(BaseCommand):
    help = (
        "Fill the database with one fictional municipality (units, staff of every role and "
        "about 30 cases) and print the demo logins. Does nothing if it is already there."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if demo_present():
            self.stdout.write(f"Demo data already present ({data.MUNICIPALITY_NAME}).")
        else:
            started = time.monotonic()
            try:
                town = seed_demo()
            except ValidationError as error:
                raise CommandError(f"Could not load the demo data: {error}") from error
            cases = Case.objects.filter(municipality=town.municipality).count()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data loaded: {data.MUNICIPALITY_NAME} (fictional), {len(town.units)} "
                    f"units, {len(town.users)} staff users, {cases} cases "
                    f"in {time.monotonic() - started:.1f} s."
                )
            )
        for line in login_lines():
            self.stdout.write(line)
