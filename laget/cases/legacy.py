"""What an evaluation stored on a measure before evaluations were their own rows becomes: used
by the migration that moved them (cases 0014) and by the transfer importer for a package written
before it (laget/transfer/package.py). A pure function of the old fields."""

import datetime
from typing import Any

from django.utils import timezone

# What an evaluation could decide then as now: the measure continues, is completed or stopped.
EVALUATION_STATUSES = ("active", "completed", "stopped")


def old_evaluation(
    *,
    outcome: str,
    text: str,
    evaluated_at: datetime.datetime | None,
    evaluated_by_id: int | None,
    created_by_id: int,
    start_date: datetime.date,
    evaluation_date: datetime.date,
    status: str,
) -> dict[str, Any] | None:
    """The row an evaluation stored on a measure becomes (without measure and unit), or None
    for a measure not evaluated. Its day is that of `evaluated_at` (the evaluation date where
    that is missing), never before the start; a measure still in follow-up continued, with its
    evaluation date as the next one when that lies after."""
    if not outcome:
        return None
    evaluated_on = timezone.localdate(evaluated_at) if evaluated_at is not None else evaluation_date
    evaluated_on = max(evaluated_on, start_date)
    decided = status if status in EVALUATION_STATUSES else "active"
    next_on = evaluation_date if decided == "active" and evaluation_date > evaluated_on else None
    return {
        "evaluated_on": evaluated_on,
        "due_on": evaluation_date,
        "outcome": outcome,
        "text": text or "-",
        "status": decided,
        "next_evaluation_on": next_on,
        "author_id": evaluated_by_id or created_by_id,
        "created_at": evaluated_at or timezone.now(),
    }
