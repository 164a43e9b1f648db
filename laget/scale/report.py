"""The benchmark suite's table, with the issue's targets, written into BENCHMARKS.md."""

import datetime
from collections.abc import Sequence
from pathlib import Path

from laget.lib.measure import Measured
from laget.scale.load import LoadResult

START = "<!-- scale-benchmark:start -->"
END = "<!-- scale-benchmark:end -->"
# p95 targets in milliseconds (issue 7), by the page's name in the suite.
TARGETS = {
    "Case page, 50 entries": 50.0,
    "Case page, 500 entries": 50.0,
    "My cases": 50.0,
    "API case": 30.0,
    "Municipal dashboard, computed": 300.0,
    "National aggregate, computed": 2000.0,
}


def _target(result: Measured) -> tuple[str, str]:
    target = TARGETS.get(result.name)
    if target is None:
        return "–", "–"
    return f"≤ {target:g} ms", "yes" if result.p95_ms <= target else "**no**"


def render(
    *,
    results: Sequence[Measured],
    import_rows: int,
    import_seconds: float,
    loaded: LoadResult,
    paths: Sequence[str],
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
        f"Load: gunicorn with {loaded.workers} sync workers, wrk with {loaded.connections} "
        f"connections from a second process on loopback for {loaded.seconds} s, walking "
        + ", ".join(f"`{p}`" for p in paths)
        + f" as the stafettholder: {loaded.requests:,} requests, "
        f"{loaded.per_second:,.0f} requests/s, latency p50 {loaded.latency_p50_ms:.0f} ms, "
        f"p99 {loaded.latency_p99_ms:.0f} ms, **{loaded.errors} errors** "
        f"(target: 0{' — met' if loaded.errors == 0 else ' — not met'}).",
        "",
        END,
    ]
    return "\n".join(lines)


def write_report(*, path: Path | None, **values: object) -> str:
    text = render(**values)  # type: ignore[arg-type]
    if path is not None:
        current = path.read_text(encoding="utf-8")
        if START in current and END in current:
            before, rest = current.split(START, 1)
            after = rest.split(END, 1)[1]
            current = before + text + after
        else:
            current = current.rstrip() + "\n\n## Benchmark suite at national scale (issue 7)\n\n"
            current += text + "\n"
        path.write_text(current, encoding="utf-8")
    return text
