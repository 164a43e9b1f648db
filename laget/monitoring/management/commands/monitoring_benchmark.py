"""Benchmark (not a test): the municipal dashboard and the national figures on many cases.

Creates a fictional municipality with `--cases` load-only cases (laget/monitoring/sample.py),
renders the dashboard page through the full Django stack `--runs` times as its coordinator and
prints the median and 95th percentile, with the number of queries. `--neighbours` adds
municipalities that share figures and times the national view too. Everything is rolled back.
"""

import random
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from laget.accounts.models import User
from laget.lib.measure import measure
from laget.monitoring.models import FigureSharing
from laget.monitoring.sample import add_sample_cases
from laget.orgs.models import Membership, Municipality, Role, Unit, UnitKind

KINDS = (UnitKind.KINDERGARTEN, UnitKind.HEALTH_CLINIC, UnitKind.SCHOOL, UnitKind.PPT)


class Rollback(Exception):
    pass


def town(number: str, cases: int, author: User, seed: int, units_per_kind: int = 3) -> Municipality:
    m = Municipality.objects.create(name=f"Måleby {number}", number=number, region="Måleregion")
    units = [
        Unit.objects.create(municipality=m, name=f"{kind.label} {i + 1}", kind=kind)
        for kind in KINDS
        for i in range(units_per_kind)
    ]
    add_sample_cases(m, units, author, cases, seed=seed)
    FigureSharing.objects.create(municipality=m, shares=True)
    return m


class Command(BaseCommand):
    help = "Times the municipal dashboard (and the national view) on generated cases."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=5000)
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--neighbours", type=int, default=0)

    def handle(self, *args: Any, **options: Any) -> None:
        cases, runs = options["cases"], options["runs"]
        rng = random.Random(2026)  # noqa: S311 - load for measuring, not secrets
        try:
            with transaction.atomic():
                author = User.objects.create_user(username="maaler", password=None)
                started = time.perf_counter()
                m = town("6901", cases, author, seed=1)
                for i in range(options["neighbours"]):
                    town(f"69{i + 2:02d}", rng.randrange(50, cases), author, seed=i + 2)
                self.stdout.write(f"Generated in {time.perf_counter() - started:.1f} s.")
                Membership.objects.create(user=author, municipality=m, role=Role.COORDINATOR)
                client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
                client.force_login(author)
                rows = [
                    ("dashboard", reverse("monitoring:dashboard")),
                    ("report_pdf", reverse("monitoring:report_pdf")),
                    ("aggregate", reverse("monitoring:aggregate")),
                ]
                self.stdout.write(
                    f"{connection.vendor}, {cases} cases, {options['neighbours']} neighbours, "
                    f"{runs} runs"
                )
                self.stdout.write(
                    f"{'page':<12}{'median ms':>10}{'p95 ms':>10}{'queries':>9}{'floor ms':>10}"
                )
                for name, url in rows:
                    r = measure(name, client, url, runs)
                    self.stdout.write(
                        f"{name:<12}{r.median_ms:>10.1f}{r.p95_ms:>10.1f}{r.queries:>9}"
                        f"{r.floor_ms:>10.1f}"
                    )
                raise Rollback
        except Rollback:
            pass
