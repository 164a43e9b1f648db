"""The load profile's lines in BENCHMARKS.md: targets judged, runs kept for the growth table."""

import dataclasses
import datetime
from pathlib import Path

from laget.scale.load import LoadResult, PageStat
from laget.scale.load_report import keep, kept, load_lines

RESULT = LoadResult(
    server="gunicorn, deploy/gunicorn.conf.py",
    people={"staff": 950, "coordinators": 50, "family": 200, "api": 20},
    seconds=300,
    think_seconds=10.0,
    boot_cpu_s=6.0,
    requests=36_000,
    per_second=120.0,
    errors=0,
    latency_p50_ms=40.0,
    latency_p99_ms=620.0,
    writes=2_100,
    app_cpu_ms=9.5,
    pg_cpu_ms=None,
    locust_cpu_ms=1.2,
    pages=[PageStat("case page", 12_000, 0, 45.0, 300.0)],
)


def test_the_targets_are_judged() -> None:
    text = "\n".join(load_lines(RESULT, trials=[], growth=[]))

    assert "| Requests/s | 120.0 (36,000 in 300 s) | ≥ 100 | yes |" in text
    assert "| Latency p50 / p99 | 40 / 620 ms | p99 ≤ 500 ms | **no** |" in text
    assert "| Errors | 0 | 0 | yes |" in text
    assert "9.5 ms / – / 1.2 ms" in text  # PostgreSQL's processes could not be read
    assert "| case page | 12,000 | 0 | 45 ms | 300 ms |" in text


def test_runs_on_two_sizes_are_shown_side_by_side(tmp_path: Path) -> None:
    national = dataclasses.replace(RESULT, per_second=80.0)
    keep(tmp_path, 110_000, datetime.date(2026, 12, 5), RESULT)
    keep(tmp_path, 1_100_000, datetime.date(2026, 12, 6), national)

    growth = kept(tmp_path)
    text = "\n".join(load_lines(national, trials=[RESULT], growth=growth))

    assert growth[0] == (110_000, "2026-12-05", RESULT)
    assert "| 10% of the country (110,000 children) | 2026-12-05 | 120.0 |" in text
    assert "| 100% of the country (1,100,000 children) | 2026-12-06 | 80.0 |" in text
    assert "| gunicorn, deploy/gunicorn.conf.py | 120.0 |" in text
