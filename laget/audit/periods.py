"""Calendar months back from a moment, for retention periods set in months (the access log's
here, and the municipality's policy in laget/retention)."""

import calendar
import datetime
from typing import TypeVar

Moment = TypeVar("Moment", datetime.date, datetime.datetime)


def months_before(moment: Moment, months: int) -> Moment:
    """The same day `months` calendar months earlier (the month's last day where it is shorter:
    31 March less one month is 28 or 29 February)."""
    index = moment.month - 1 - months
    year, month = moment.year + index // 12, index % 12 + 1
    return moment.replace(
        year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1])
    )
