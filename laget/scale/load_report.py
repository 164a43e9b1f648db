"""The load profile's part of BENCHMARKS.md, and the records that show how it grows with data.

Each `scale_benchmark` run keeps its load result in var/bench/load-<children>.json, so that a
run on a tenth of the country (`./dev bench --small`) and one on all of it are shown side by
side, each with the day it was measured.
"""

import dataclasses
import datetime
import json
from collections.abc import Sequence
from pathlib import Path

from laget.scale.load import LoadResult, PageStat

TARGET_PER_SECOND, TARGET_P99_MS = 100.0, 500.0
NATIONAL_CHILDREN = 1_100_000


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} ms"


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _share(children: int) -> str:
    return f"{children / NATIONAL_CHILDREN:.0%} of the country ({children:,} children)"


def load_lines(
    loaded: LoadResult,
    *,
    trials: Sequence[LoadResult],
    growth: Sequence[tuple[int, str, LoadResult]],
) -> list[str]:
    p = loaded.people
    lines = [
        f"Load profile (laget/scale/locustfile.py): locust in its own process on loopback, "
        f"{sum(p.values()):,} people signed in ahead — {p['staff']:,} stafettholders, "
        f"{p['coordinators']} coordinators, {p['family']} family members in the portal, "
        f"{p['api']} API clients with tokens — each acting every {loaded.think_seconds:g} s on "
        "average: my cases, a case page, an entry written and an evaluation of a measure "
        "through their forms (CSRF token, POST, the case page after), the dashboard, the "
        f"portal's pages, the API's case list, case and entries. {loaded.seconds} s on "
        f"{loaded.server}; CPU from /proc for the server's and PostgreSQL's processes.",
        "",
        "| Measure | Result | Target | Met |",
        "|---|---|---|---|",
        f"| Requests/s | {loaded.per_second:.1f} ({loaded.requests:,} in {loaded.seconds} s) | "
        f"≥ {TARGET_PER_SECOND:g} | {_met(loaded.per_second >= TARGET_PER_SECOND)} |",
        f"| Latency p50 / p99 | {loaded.latency_p50_ms:.0f} / {loaded.latency_p99_ms:.0f} ms | "
        f"p99 ≤ {TARGET_P99_MS:g} ms | {_met(loaded.latency_p99_ms <= TARGET_P99_MS)} |",
        f"| Errors | {loaded.errors} | 0 | {_met(loaded.errors == 0)} |",
        f"| Writes saved (entries, evaluations) | {loaded.writes:,} | – | – |",
        f"| CPU per request: app / PostgreSQL / locust | {_ms(loaded.app_cpu_ms)} / "
        f"{_ms(loaded.pg_cpu_ms)} / {_ms(loaded.locust_cpu_ms)} | – | – |",
        f"| CPU of the server's start (its processes importing the app) | "
        f"{'–' if loaded.boot_cpu_s is None else f'{loaded.boot_cpu_s:.1f} s'} | – | – |",
        "",
        "| Request | Count | Errors | p50 | p99 |",
        "|---|---|---|---|---|",
        *[
            f"| {s.name} | {s.requests:,} | {s.errors} | {s.p50_ms:.0f} ms | {s.p99_ms:.0f} ms |"
            for s in loaded.pages
        ],
    ]
    lines += [f"- {failure}" for failure in loaded.failures[:10]]
    if trials:
        lines += [
            "",
            f"Server set-ups, the same profile for {trials[0].seconds} s each:",
            "",
            "| Server | Requests/s | p50 | p99 | Errors | App CPU/request | PostgreSQL CPU/request |",
            "|---|---|---|---|---|---|---|",
            *[_row(t.server, t) for t in trials],
        ]
    if growth:
        lines += [
            "",
            "The same profile on more data (the run of each size kept in var/bench/):",
            "",
            "| Data | Measured | Requests/s | p50 | p99 | Errors | App CPU/request | "
            "PostgreSQL CPU/request |",
            "|---|---|---|---|---|---|---|---|",
            *[
                _row(f"{_share(children)} | {day}", r)
                for children, day, r in sorted(growth, key=lambda g: g[0])
            ],
        ]
    return lines


def _row(label: str, r: LoadResult) -> str:
    return (
        f"| {label} | {r.per_second:.1f} | {r.latency_p50_ms:.0f} ms | {r.latency_p99_ms:.0f} ms "
        f"| {r.errors} | {_ms(r.app_cpu_ms)} | {_ms(r.pg_cpu_ms)} |"
    )


def keep(directory: Path, children: int, day: datetime.date, result: LoadResult) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    record = {"children": children, "day": day.isoformat(), "result": dataclasses.asdict(result)}
    (directory / f"load-{children}.json").write_text(json.dumps(record, indent=1), "utf-8")


def kept(directory: Path) -> list[tuple[int, str, LoadResult]]:
    records = []
    for path in sorted(directory.glob("load-*.json")):
        data = json.loads(path.read_text("utf-8"))
        result = data["result"]
        result["pages"] = [PageStat(**page) for page in result["pages"]]
        records.append((int(data["children"]), str(data["day"]), LoadResult(**result)))
    return records
