"""The benchmark suite's table, with the issue's targets, written into BENCHMARKS.md."""

import datetime
from collections.abc import Sequence
from pathlib import Path

from laget.lib.benchfile import markers, write_section
from laget.lib.measure import Measured
from laget.scale.load import LoadResult
from laget.scale.load_report import load_lines

SECTION = "scale-benchmark"
START, END = markers(SECTION)
# p95 targets in milliseconds (issues 7 and 16), by the page's name in the suite.
TARGETS = {
    "Case page, 50 entries": 35.0,
    "Case page, 500 entries": 35.0,
    "My cases": 30.0,
    "API case": 30.0,
    "Municipal dashboard, from rollups": 300.0,
    "Municipal dashboard per unit, from rollups": 500.0,
    "National aggregate, computed": 2000.0,
}
# Pages whose p95 must also be within this many times their bare SQL (issue 16).
FLOOR_TARGETS = {"Case page, 50 entries", "Case page, 500 entries", "API case"}
MAX_RATIO = 3.0


def _target(result: Measured) -> tuple[str, str]:
    target = TARGETS.get(result.name)
    if target is None:
        return "–", "–"
    if result.name in FLOOR_TARGETS:
        met = result.p95_ms <= target and result.ratio <= MAX_RATIO
        return f"≤ {target:g} ms, ≤ {MAX_RATIO:g}× floor", "yes" if met else "**no**"
    return f"≤ {target:g} ms", "yes" if result.p95_ms <= target else "**no**"


def render(
    *,
    results: Sequence[Measured],
    import_rows: int,
    import_seconds: float,
    loaded: LoadResult,
    trials: Sequence[LoadResult],
    growth: Sequence[tuple[int, str, LoadResult]],
    sizes: dict[str, int],
    command: str,
    machine: str,
    today: datetime.date,
) -> str:
    lines = [
        START,
        "",
        f"    {command}",
        "",
        f"Measured {today.isoformat()} on this machine ({machine}). Data: "
        + ", ".join(f"{value:,} {label}" for label, value in sizes.items())
        + ".",
        "",
        "Server time through the whole Django stack in one process (no network), "
        f"{results[0].runs} requests each after 3 warm-up requests; the floor is the same SQL "
        "replayed on the cursor (rolled back).",
        "",
        "| Page | Median | p95 | Queries | Bare SQL (floor) | × floor | Target (p95) | Met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        target, met = _target(r)
        lines.append(
            f"| {r.name} | {r.median_ms:.1f} ms | {r.p95_ms:.1f} ms | {r.queries} | "
            f"{r.floor_ms:.1f} ms | {r.ratio:.1f} | {target} | {met} |"
        )
    lines += [
        "",
        f"Registry import: {import_rows:,} new practitioners in {import_seconds:.1f} s "
        f"({import_rows / import_seconds:,.0f} rows/s), rolled back.",
        "",
        *load_lines(loaded, trials=trials, growth=growth),
        "",
        END,
    ]
    return "\n".join(lines)


def write_report(*, path: Path | None, **values: object) -> str:
    text = render(**values)  # type: ignore[arg-type]
    if path is not None:
        write_section(path, SECTION, text, heading="Benchmark suite at national scale (issue 7)")
    return text
