"""`manage.py refresh_figures`: count every municipality's dashboard figures into its rollups.

Started every five minutes by deploy/systemd/laget-figures.timer (see docs/MONITORING.md,
"Figures from rollups"). `--municipality NUMBER` refreshes one.
"""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from laget.monitoring.rollups import refresh_all_rollups, refresh_rollups
from laget.orgs.models import Municipality


class Command(BaseCommand):
    help = "Counts the municipal dashboard's case figures into rollups (all municipalities)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", help="The municipality's number; default all.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["municipality"]:
            municipality = Municipality.objects.filter(number=options["municipality"]).first()
            if municipality is None:
                raise CommandError(f"No municipality numbered {options['municipality']}.")
            refresh_rollups(municipality)
            count, failed = 1, list[int]()
        else:
            count, failed = refresh_all_rollups()
        took = time.perf_counter() - started
        self.stdout.write(f"Figures of {count} municipalities counted in {took:.1f} s.")
        if failed:
            # A failed run is what monitoring should alert on (systemd marks the unit failed).
            raise CommandError(f"Figures of {len(failed)} municipalities not counted: {failed}")
