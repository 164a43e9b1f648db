"""`manage.py scale_benchmark`: the benchmark suite on data from `scale_generate`.

Times the pages the issue names (median, p95, queries, the floor of bare SQL and the ratio),
the registry import, and throughput under load (gunicorn + wrk), prints a table and writes it
into BENCHMARKS.md between its markers. Run through `./dev bench`, which sets up PostgreSQL
and the national data first.
"""

import datetime
import io
import os
import platform
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
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
from laget.scale.load import LoadResult, load
from laget.scale.report import write_report

HOST = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "127.0.0.1"


def session_cookie(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def client_for(user: User) -> Client:
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    return client


class Command(BaseCommand):
    help = "Times pages, the registry import and load on generated data; writes BENCHMARKS.md."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=50)
        parser.add_argument("--load-seconds", type=int, default=300)
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2)
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
            ("Municipal dashboard, computed", steering, reverse("monitoring:dashboard")),
            ("Municipal dashboard, cached", steering, reverse("monitoring:dashboard")),
            (
                "Municipal dashboard per unit, computed",
                steering,
                reverse("monitoring:dashboard_units"),
            ),
            ("National aggregate, computed", admin_client, aggregate),
            ("National aggregate, cached", admin_client, aggregate),
        ]
        results: list[Measured] = []
        for name, client, url in pages:
            # "computed": the figure cache off (LAGET_FIGURE_CACHE_SECONDS), so every request
            # computes everything; "cached": as a second visitor within ten minutes sees it.
            seconds = 0 if name.endswith("computed") else settings.LAGET_FIGURE_CACHE_SECONDS
            with override_settings(LAGET_FIGURE_CACHE_SECONDS=seconds):
                result = measure(name, client, url, runs)
            if result.status != 200:
                raise CommandError(f"{name}: {url} answered {result.status}")
            results.append(result)
            self.stdout.write(
                f"{name:<26}{result.median_ms:>9.1f}{result.p95_ms:>9.1f}{result.queries:>6}"
                f"{result.floor_ms:>9.1f}{result.ratio:>7.1f}"
            )
        import_seconds = self.registry_import(options["import_rows"])
        url_of = {name: url for name, _client, url in pages}
        paths = [url_of[n] for n in ("Case page, 50 entries", "My cases", "API case")]
        self.stdout.write(f"Load: {options['load_seconds']} s on {paths} ...")
        loaded: LoadResult = load(
            session_cookie(holder),
            paths,
            workers=options["workers"],
            seconds=options["load_seconds"],
            connections=options["connections"],
        )
        self.stdout.write(
            f"{loaded.requests} requests, {loaded.per_second:.0f}/s, {loaded.errors} errors, "
            f"p50 {loaded.latency_p50_ms:.0f} ms, p99 {loaded.latency_p99_ms:.0f} ms "
            f"({loaded.workers} workers, {loaded.connections} connections)"
        )
        text = write_report(
            results=results,
            import_rows=options["import_rows"],
            import_seconds=import_seconds,
            loaded=loaded,
            paths=paths,
            sizes=self.sizes(),
            command=options["command"],
            machine=f"{os.cpu_count()} CPUs, {platform.python_implementation()} "
            f"{platform.python_version()}, {connection.vendor} {self.server_version()}",
            today=datetime.date.today(),
            path=None if options["no_write"] else Path(settings.BASE_DIR) / "BENCHMARKS.md",
        )
        self.stdout.write(text)

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
