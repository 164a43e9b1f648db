"""Stage progress from completion dates: pure functions, no database.

For each stage:
- proportion = completed activities / activities of the stage (0.0 for a stage without
  activities);
- started_on = the earliest completion date in the stage (None when nothing is completed);
- duration_days = days from the earliest to the latest completion date in the stage, whatever
  order the activities were completed in: None when no activity is completed, 0 when only one
  date is known.
"""

import datetime
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from laget.implementation.sic_data import SIC_STAGES, SicStage


@dataclass(frozen=True)
class StageProgress:
    number: int
    done: int
    total: int
    proportion: float
    started_on: datetime.date | None
    duration_days: int | None


def stage_progress(stage: SicStage, completed: Mapping[str, datetime.date]) -> StageProgress:
    """One stage's progress; `completed` maps activity key → completion date."""
    dates = [completed[a.key] for a in stage.activities if a.key in completed]
    total = len(stage.activities)
    first = min(dates) if dates else None
    duration = (max(dates) - first).days if first is not None else None
    return StageProgress(
        number=stage.number,
        done=len(dates),
        total=total,
        proportion=len(dates) / total if total else 0.0,
        started_on=first,
        duration_days=duration,
    )


def progress(
    completed: Mapping[str, datetime.date], stages: Sequence[SicStage] = SIC_STAGES
) -> list[StageProgress]:
    """Every stage's progress, in stage order."""
    return [stage_progress(s, completed) for s in stages]


@dataclass(frozen=True)
class StageMedian:
    number: int
    proportion: float
    duration_days: float | None  # None when no plan has a duration for the stage


def medians(plans: Iterable[Sequence[StageProgress]]) -> list[StageMedian]:
    """Per stage, the median proportion and the median duration of the plans that have one."""
    by_stage: dict[int, list[StageProgress]] = {}
    for rows in plans:
        for row in rows:
            by_stage.setdefault(row.number, []).append(row)
    result = []
    for number in sorted(by_stage):
        rows = by_stage[number]
        durations = [r.duration_days for r in rows if r.duration_days is not None]
        result.append(
            StageMedian(
                number=number,
                proportion=statistics.median(r.proportion for r in rows),
                duration_days=statistics.median(durations) if durations else None,
            )
        )
    return result
