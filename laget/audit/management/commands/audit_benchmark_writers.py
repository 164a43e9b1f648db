"""`manage.py audit_benchmark_writers`: audit appends per second with 1, 4 and 16 concurrent
writers, in per-person-and-case chains and, for comparison, behind one lock for the whole log
(laget/audit/benchmark.py). Writes its table into BENCHMARKS.md. Needs PostgreSQL and a
throwaway database (LAGET_DEMO): the rows it appends stay."""

import datetime
import os
import platform
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from laget.audit.benchmark import DESIGNS, benchmark_users, render, writers_run
from laget.lib.benchfile import write_section
from laget.lib.demo import ensure_demo_enabled


class Command(BaseCommand):
    help = "Audit appends per second with 1, 4 and 16 concurrent writers; writes BENCHMARKS.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seconds", type=float, default=10.0)
        parser.add_argument("--writers", type=int, nargs="+", default=[1, 4, 16])
        parser.add_argument("--no-write", action="store_true", help="Print only.")
        parser.add_argument("--command", default="./dev bench", help="Recorded in the report.")

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_demo_enabled()
        if connection.vendor != "postgresql":
            raise CommandError("Concurrent writers need PostgreSQL.")
        users = benchmark_users(max(options["writers"]))
        runs = []
        for design in DESIGNS:
            for writers in options["writers"]:
                run = writers_run(design, writers, users, options["seconds"])
                runs.append(run)
                self.stdout.write(
                    f"{design:<10}{writers:>4} writers: {run.appends:>7} appends, "
                    f"{run.per_second:,.0f}/s"
                )
        machine = (
            f"{os.cpu_count()} CPUs, {platform.python_implementation()} "
            f"{platform.python_version()}, PostgreSQL as `./dev bench` sets it up"
        )
        text = render(
            runs,
            command=options["command"],
            machine=machine,
            today=datetime.date.today().isoformat(),
        )
        if not options["no_write"]:
            write_section(
                Path(settings.BASE_DIR) / "BENCHMARKS.md",
                "audit-writers",
                text,
                heading="Audit appends from concurrent writers (issue 16)",
            )
        self.stdout.write(text)
