"""`manage.py scale_benchmark`: the benchmark suite on data from `scale_generate`.

Times the pages the issue names (median, p95, queries, the floor of bare SQL and the ratio),
the registry import, and the load profile (laget/scale/load.py: an app server and locust in
processes of their own, the server set-ups compared first), prints a table and writes it into
BENCHMARKS.md between its markers. Run through `./dev bench`, which sets up PostgreSQL
and the national data first.
"""

import datetime
import io
import os
import platform
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from laget.accounts.models import User
from laget.cases.models import Case
from laget.lib.demo import ensure_demo_enabled
from laget.lib.measure import Measured, measure
from laget.orgs.models import Municipality
from laget.people.models import Guardian
from laget.registry.management.commands.registry_benchmark_import import (
    Command as ImportBenchmark,
)
from laget.scale.generate import LARGEST, bench_case
from laget.scale.load import LoadResult, run_profile
from laget.scale.load_report import keep, kept
from laget.scale.management.commands.scale_load import add_profile_arguments, describe, sizes_of
from laget.scale.report import write_report
from laget.scale.servers import Server

HOST = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "127.0.0.1"


# The server set-ups compared before the profile's run (laget/scale/servers.py).
COMPARED = ("sync:5", "gthread:2x8", "granian:2x8", "uvicorn:5")


def client_for(user: User) -> Client:
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    return client


class Command(BaseCommand):
    help = "Times pages, the registry import and load on generated data; writes BENCHMARKS.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=50)
        add_profile_arguments(parser, seconds=300)
        parser.add_argument(
            "--server", default="production", help="The set-up of the profile's run."
        )
        parser.add_argument(
            "--compare",
            action="append",
            help=f"A server set-up to compare (repeat); default {', '.join(COMPARED)}.",
        )
        parser.add_argument(
            "--compare-seconds", type=int, default=60, help="Each compared set-up's run; 0: none."
        )
        parser.add_argument("--import-rows", type=int, default=100_000)
        parser.add_argument("--no-write", action="store_true", help="Print only.")
        parser.add_argument("--command", default="./dev bench", help="Recorded in the report.")

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_demo_enabled()
        try:
            holder = User.objects.get(username="maaler-stafettholder")
            coordinator = User.objects.get(username="maaler-koordinator")
            program_admin = User.objects.get(username="maaler-program")
        except User.DoesNotExist:
            raise CommandError("No generated data: run `manage.py scale_generate` first.") from None
        small, large = bench_case(50), bench_case(500)
        guardian = Guardian.objects.filter(subject=small.subject, user__isnull=False).first()
        if guardian is None or guardian.user is None:
            raise CommandError("The benchmark's family has no portal user.")
        runs = options["runs"]
        staff, family = client_for(holder), client_for(guardian.user)
        admin_client, aggregate = client_for(program_admin), reverse("monitoring:aggregate")
        steering = client_for(coordinator)
        pages = [
            ("Case page, 50 entries", staff, reverse("cases:case_detail", args=[small.pk])),
            ("Case page, 500 entries", staff, reverse("cases:case_detail", args=[large.pk])),
            (
                "Case page, whole log of 500",
                staff,
                reverse("cases:case_detail", args=[large.pk]) + "?logg=alle",
            ),
            ("My cases", staff, reverse("cases:my_cases")),
            ("Family portal, case", family, reverse("portal:case", args=[small.pk])),
            ("API case", staff, reverse("api:case", args=[small.pk])),
            ("Municipal dashboard, from rollups", steering, reverse("monitoring:dashboard")),
            ("Municipal dashboard, computed", steering, reverse("monitoring:dashboard")),
            (
                "Municipal dashboard per unit, from rollups",
                steering,
                reverse("monitoring:dashboard_units"),
            ),
            (
                "Municipal dashboard per unit, computed",
                steering,
                reverse("monitoring:dashboard_units"),
            ),
            ("National aggregate, computed", admin_client, aggregate),
            ("National aggregate, cached", admin_client, aggregate),
        ]
        results: list[Measured] = []
        # The dashboard's rollups as the five-minute timer keeps them (laget/monitoring/rollups.py).
        call_command("refresh_figures", stdout=io.StringIO())
        for name, client, url in pages:
            # "computed": the figure cache and the rollups off, so every request computes
            # everything; "cached": as a second visitor within ten minutes sees it.
            computed = name.endswith("computed")
            with override_settings(
                LAGET_FIGURE_CACHE_SECONDS=0 if computed else settings.LAGET_FIGURE_CACHE_SECONDS,
                LAGET_ROLLUP_MAX_AGE_SECONDS=(
                    0 if computed else settings.LAGET_ROLLUP_MAX_AGE_SECONDS
                ),
            ):
                result = measure(name, client, url, runs)
            if result.status != 200:
                raise CommandError(f"{name}: {url} answered {result.status}")
            results.append(result)
            self.stdout.write(
                f"{name:<26}{result.median_ms:>9.1f}{result.p95_ms:>9.1f}{result.queries:>6}"
                f"{result.floor_ms:>9.1f}{result.ratio:>7.1f}"
            )
        import_seconds = self.registry_import(options["import_rows"])
        trials = []
        for spec in (options["compare"] or COMPARED) if options["compare_seconds"] else []:
            self.stdout.write(f"Load, {spec}: {options['compare_seconds']} s ...")
            trials.append(self.load(options, spec, options["compare_seconds"]))
        self.stdout.write(f"Load profile: {options['seconds']} s ...")
        loaded = self.load(options, options["server"], options["seconds"])
        sizes = self.sizes()
        kept_in = Path(settings.BASE_DIR) / "var" / "bench"
        keep(kept_in, sizes["children"], datetime.date.today(), loaded)
        text = write_report(
            results=results,
            import_rows=options["import_rows"],
            import_seconds=import_seconds,
            loaded=loaded,
            trials=trials,
            growth=kept(kept_in),
            sizes=sizes,
            command=options["command"],
            machine=f"{os.cpu_count()} CPUs, {platform.python_implementation()} "
            f"{platform.python_version()}, {connection.vendor} {self.server_version()}",
            today=datetime.date.today(),
            path=None if options["no_write"] else Path(settings.BASE_DIR) / "BENCHMARKS.md",
        )
        self.stdout.write(text)

    def load(self, options: dict[str, Any], spec: str, seconds: int) -> LoadResult:
        result = run_profile(
            Server.parse(spec, options["conn_max_age"]),
            seconds=seconds,
            think=options["think"],
            sizes=sizes_of(options),
        )
        self.stdout.write(describe(result))
        return result

    def registry_import(self, rows: int) -> float:
        """Seconds of the first import (all rows new), rolled back."""
        command = ImportBenchmark(stdout=io.StringIO(), stderr=io.StringIO())
        call_command(command, rows=rows)
        return command.seconds[0]

    def sizes(self) -> dict[str, int]:
        with connection.cursor() as cursor:
            counts = {}
            for label, table in (
                ("municipalities", "orgs_municipality"),
                ("children", "people_subject"),
                ("logs", "cases_case"),
                ("entries", "cases_entry"),
                ("audit rows", "audit_auditevent"),
            ):
                cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
                counts[label] = int(cursor.fetchone()[0])
            counts["open logs"] = Case.objects.filter(closed_at__isnull=True).count()
            counts["largest municipality's open logs"] = Case.objects.filter(
                closed_at__isnull=True,
                municipality=Municipality.objects.filter(number=LARGEST).first(),
            ).count()
        return counts

    def server_version(self) -> str:
        if connection.vendor != "postgresql":
            return ""
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return str(cursor.fetchone()[0]).split()[0]
