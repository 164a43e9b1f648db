"""`manage.py scale_generate`: a fictional country's data, deterministic for a seed.

    manage.py scale_generate                      # national scale: 357 municipalities, ...
    manage.py scale_generate --municipalities 5 --children 3000 --open-logs 120

Writes in one transaction (COPY on PostgreSQL). Needs LAGET_DEMO and an empty database (no
municipality yet): the municipality numbers 1000– and the benchmark users are fixed.
"""

import datetime
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction

from laget.lib.demo import ensure_demo_database
from laget.orgs.models import Municipality
from laget.scale.generate import Scale, generate
from laget.scale.writer import DatabaseSink


class Command(BaseCommand):
    help = "Generates fictional municipalities, staff, children, logs and their history."

    def add_arguments(self, parser: CommandParser) -> None:
        national = Scale()
        parser.add_argument("--municipalities", type=int, default=national.municipalities)
        parser.add_argument("--children", type=int, default=national.children)
        parser.add_argument("--open-logs", type=int, default=national.open_logs)
        parser.add_argument("--seed", type=int, default=national.seed)
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=datetime.date.today(),
            help="The day the data ends (default today); with the seed it fixes every row.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_demo_database(Municipality.objects.all(), "municipalities")
        scale = Scale(
            municipalities=options["municipalities"],
            children=options["children"],
            open_logs=options["open_logs"],
            seed=options["seed"],
            today=options["today"],
        )
        started = time.perf_counter()
        with transaction.atomic():
            summary = generate(scale, DatabaseSink())
        took = time.perf_counter() - started
        if connection.vendor == "postgresql":
            # Statistics for the planner and the visibility map, now rather than by autovacuum
            # in the middle of the measurements that follow.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE)")
        rows = sum(summary.counts.values())
        self.stdout.write(
            f"{rows:,} rows in {took:.0f} s ({rows / took:,.0f} rows/s); benchmark cases in "
            f"municipality {summary.largest}."
        )
        for table, count in sorted(summary.counts.items()):
            self.stdout.write(f"  {table:<32}{count:>12,}")
