"""`manage.py scale_load`: the load profile alone, on data from `scale_generate`.

    manage.py scale_load                                  # 5 minutes on the production setup
    manage.py scale_load --seconds 60 --server gthread:2x8 --server granian:2x8

Prints one line per server: requests/s, latency, errors, writes, CPU ms per request of the app
and of PostgreSQL (laget/scale/load.py). `scale_benchmark` runs the same and writes the report.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from laget.lib.demo import ensure_demo_enabled
from laget.scale.load import LoadResult, run_profile
from laget.scale.people import API_CLIENTS, COORDINATORS, FAMILY, STAFF, Sizes
from laget.scale.servers import Server


def add_profile_arguments(parser: CommandParser, *, seconds: int) -> None:
    parser.add_argument("--seconds", type=int, default=seconds, help="Length of each run.")
    parser.add_argument(
        "--think", type=float, default=10.0, help="Mean seconds between one person's actions."
    )
    parser.add_argument("--staff", type=int, default=STAFF)
    parser.add_argument("--coordinators", type=int, default=COORDINATORS)
    parser.add_argument("--family", type=int, default=FAMILY)
    parser.add_argument("--api-clients", type=int, default=API_CLIENTS)
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=settings.DATABASES["default"].get("CONN_MAX_AGE") or 0,
        help="LAGET_DB_CONN_MAX_AGE for the server (default: this environment's).",
    )


def sizes_of(options: dict[str, Any]) -> Sizes:
    return Sizes(
        staff=options["staff"],
        coordinators=options["coordinators"],
        family=options["family"],
        api=options["api_clients"],
    )


def describe(r: LoadResult) -> str:
    def cpu(value: float | None) -> str:
        return "–" if value is None else f"{value:.1f}"

    return (
        f"{r.server}: {r.requests:,} requests, {r.per_second:.1f}/s, p50 {r.latency_p50_ms:.0f} "
        f"ms, p99 {r.latency_p99_ms:.0f} ms, {r.errors} errors, {r.writes} writes; CPU ms per "
        f"request: app {cpu(r.app_cpu_ms)}, PostgreSQL {cpu(r.pg_cpu_ms)}, "
        f"locust {cpu(r.locust_cpu_ms)}; start-up {r.boot_cpu_s or 0:.1f} s CPU"
    )


class Command(BaseCommand):
    help = "Runs the load profile (locust) against an app server on generated data."

    def add_arguments(self, parser: CommandParser) -> None:
        add_profile_arguments(parser, seconds=300)
        parser.add_argument(
            "--server",
            action="append",
            help="production (default), sync:W, gthread:WxT, granian:WxT or uvicorn:W; repeat "
            "to compare.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_demo_enabled()
        for spec in options["server"] or ["production"]:
            result = run_profile(
                Server.parse(spec, options["conn_max_age"]),
                seconds=options["seconds"],
                think=options["think"],
                sizes=sizes_of(options),
            )
            self.stdout.write(describe(result))
            for page in result.pages:
                self.stdout.write(
                    f"  {page.name:<18}{page.requests:>8}{page.errors:>5}"
                    f"{page.p50_ms:>8.0f}{page.p99_ms:>8.0f}"
                )
            for failure in result.failures:
                self.stdout.write(f"  ! {failure}")
