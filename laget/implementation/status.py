"""A milestone's status as shown: the stored status, or "late" when past its due date."""

import datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from laget.implementation.models import MilestoneStatus

LATE = "late"
STATUS_LABELS: dict[str, Promise] = {
    **{s.value: s.label for s in MilestoneStatus},
    LATE: _("Forsinket"),
}


def milestone_status(status: str, due_on: datetime.date, today: datetime.date) -> str:
    """Done stays done; anything else past its due date (before `today`) is late."""
    if status == MilestoneStatus.DONE:
        return MilestoneStatus.DONE.value
    if due_on < today:
        return LATE
    return status
