"""Whether a date typed into a case is one the case could hold.

A birth date in 1800 or a meeting in the year 9999 is a slip of the keyboard, and once saved it
sorts a log wrongly and sends reminders at the wrong time. The services check the dates they are
given (so the web, the API and every import share one rule) against a window around today and
answer with the field's name and the window in the message. Dates already saved are not
checked again: a measure from six years ago may still be evaluated.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# A child in Laget is under 18, followed up to 25 at the most (aftercare).
CHILD_MAX_AGE_YEARS = 25
# Someone expecting a child is between these ages.
EXPECTING_MIN_AGE_YEARS = 10
EXPECTING_MAX_AGE_YEARS = 60
# An expected child: the due date lies at most 44 weeks ahead, and may have passed by a little
# while the birth is not yet registered.
DUE_AHEAD_DAYS = 44 * 7
DUE_PASSED_DAYS = 90
# Measures, meetings and transitions are planned and recorded within this many years of today.
CASE_DATE_YEARS = 5


@dataclass(frozen=True)
class Window:
    earliest: datetime.date
    latest: datetime.date
    message: str

    def error(self) -> str:
        return self.message.format(
            earliest=f"{self.earliest:%d.%m.%Y}", latest=f"{self.latest:%d.%m.%Y}"
        )


def _years_from(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without it
        return day.replace(year=day.year + years, day=28)


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def birth_dates(today: datetime.date | None = None) -> Window:
    day = _today(today)
    return Window(
        _years_from(day, -CHILD_MAX_AGE_YEARS),
        day,
        _("En fødselsdato må ligge mellom {earliest} og i dag ({latest})."),
    )


def expecting_birth_dates(today: datetime.date | None = None) -> Window:
    """The birth date of someone expecting a child (the subject of a log before the birth)."""
    day = _today(today)
    return Window(
        _years_from(day, -EXPECTING_MAX_AGE_YEARS),
        _years_from(day, -EXPECTING_MIN_AGE_YEARS),
        _("En fødselsdato for den som venter barn må ligge mellom {earliest} og {latest}."),
    )


def due_dates(today: datetime.date | None = None) -> Window:
    day = _today(today)
    return Window(
        day - datetime.timedelta(days=DUE_PASSED_DAYS),
        day + datetime.timedelta(days=DUE_AHEAD_DAYS),
        _("En termindato må ligge mellom {earliest} og {latest}."),
    )


def case_dates(today: datetime.date | None = None) -> Window:
    day = _today(today)
    return Window(
        _years_from(day, -CASE_DATE_YEARS),
        _years_from(day, CASE_DATE_YEARS),
        _("Datoen må ligge mellom {earliest} og {latest}."),
    )


def future_dates(max_days: int, today: datetime.date | None = None) -> Window:
    """From tomorrow up to `max_days` ahead (an expiry, a deadline)."""
    day = _today(today)
    return Window(
        day + datetime.timedelta(days=1),
        day + datetime.timedelta(days=max_days),
        _("Datoen må ligge mellom {earliest} og {latest}."),
    )


def as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def ensure_plausible(
    dates: Mapping[str, tuple[datetime.date | datetime.datetime | None, Window]],
) -> None:
    """Raise one ValidationError naming every field whose date lies outside its window.
    A missing date (None) is left to the field's own rules."""
    errors = {}
    for field, (value, window) in dates.items():
        if value is None:
            continue
        day = as_date(value)
        if not window.earliest <= day <= window.latest:
            errors[field] = ValidationError(window.error(), code="implausible_date")
    if errors:
        raise ValidationError(errors)
