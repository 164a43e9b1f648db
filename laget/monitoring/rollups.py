"""Figures from rollups: the dashboard's case figures, kept current by a background refresh.

The case indicators (`indicators.py`) of a large municipality take half a second of database
time to compute. `refresh_rollups` computes them per unit for each year the dashboard offers and
stores them as one `FigureRollup` row per municipality and year; `manage.py refresh_figures`
does that for every municipality, started every few minutes by deploy/systemd/
laget-figures.timer. The dashboard then reads one row (`read_rollup`) instead of computing.

A rollup is used only while it is fresh: made for today (the figures count against "today":
evaluations due, transitions dated) and at most LAGET_ROLLUP_MAX_AGE_SECONDS old. Otherwise,
or when there is none, the figures are computed for the request (`compute_case_figures`), as
before rollups: slower, never wrong. The page says the time of its figures either way.

Rollups hold counts per unit; the dashboard groups them by kind of service (the sums of the
units of each kind) with the units' kinds as they are when it is read, so both pages come from
the same row and equal what `compute_case_figures` gives (the equality test).

The dashboard's reads are `read_rollup` and `compute_case_figures` (and the unit list in
dashboard.py): the functions a read replica's routing wraps.
"""

import datetime
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from laget.cases.models import Case
from laget.monitoring import indicators
from laget.monitoring.indicators import FamilyParticipation, Key, Reached, Share
from laget.monitoring.models import FigureRollup
from laget.orgs.models import Municipality
from laget.training.figures import core_completion_per_unit

YEARS_SHOWN = 3  # the years the dashboard offers: this year and the two before

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CaseFigures:
    """The case indicators of one municipality for one year, per unit, as of `as_of`.

    `reached` is per kind of service and year (the YEARS_SHOWN years up to today's), whatever
    `year` is. `rolled_up`: read from a rollup rather than computed for this request."""

    year: int
    today: datetime.date
    as_of: datetime.datetime
    levels: dict[Key, list[int]]
    on_time: dict[Key, Share]
    holders: dict[Key, Share]
    first: dict[Key, list[int]]
    family: dict[Key, FamilyParticipation]
    transitions: dict[Key, Share]
    reached: dict[tuple[str, int], Reached] = field(default_factory=dict)
    # Staff who completed the core training, per unit (laget/training/figures.py); as of now.
    training: dict[Key, Share] = field(default_factory=dict)
    rolled_up: bool = False

    def unit_ids(self) -> set[Key]:
        tables: Iterable[dict[Key, Any]] = (
            self.levels,
            self.on_time,
            self.holders,
            self.first,
            self.family,
            self.transitions,
            self.training,
        )
        return {key for table in tables for key in table}

    def grouped(self, group_of: Mapping[Key, Key]) -> "CaseFigures":
        """The same figures per group of units (e.g. per kind of service): sums of counts,
        all the days of the group's units."""

        def add(table: dict[Key, Any], zero: Any, plus: Any) -> dict[Key, Any]:
            out: dict[Key, Any] = {}
            for key, value in table.items():
                group = group_of[key]
                out[group] = plus(out.get(group, zero), value)
            return out

        return CaseFigures(
            year=self.year,
            today=self.today,
            as_of=self.as_of,
            levels=add(
                self.levels, [0, 0, 0, 0], lambda a, b: [x + y for x, y in zip(a, b, strict=True)]
            ),
            on_time=add(self.on_time, Share(0, 0), Share.__add__),
            holders=add(self.holders, Share(0, 0), Share.__add__),
            first=add(self.first, [], lambda a, b: a + b),
            family=add(self.family, FamilyParticipation(Share(0, 0), 0, 0), _add_family),
            transitions=add(self.transitions, Share(0, 0), Share.__add__),
            reached=self.reached,
            training=add(self.training, Share(0, 0), Share.__add__),
            rolled_up=self.rolled_up,
        )


def _add_family(a: FamilyParticipation, b: FamilyParticipation) -> FamilyParticipation:
    return FamilyParticipation(a.cases + b.cases, a.entries + b.entries, a.glimmers + b.glimmers)


def years_shown(today: datetime.date) -> list[int]:
    """The years of the "reached" figure and of the dashboard's year picker, oldest first."""
    return list(range(today.year - YEARS_SHOWN + 1, today.year + 1))


# --- reads ---------------------------------------------------------------------------------------


def case_figures(
    municipality: Municipality, year: int, today: datetime.date | None = None
) -> CaseFigures:
    """The municipality's case figures for `year`: from its rollup when that is fresh,
    otherwise computed now."""
    today = today or timezone.localdate()
    rollup = read_rollup(municipality, year)
    if rollup is not None and is_fresh(rollup, today):
        return decode(rollup)
    if rollup is not None and settings.LAGET_ROLLUP_MAX_AGE_SECONDS > 0:
        # The refresh should have run: worth a line in the log (the municipality's id only).
        logger.warning("Figure rollup of municipality %s is stale; computing.", municipality.pk)
    return compute_case_figures(municipality, year, today)


def read_rollup(municipality: Municipality, year: int) -> FigureRollup | None:
    """The stored rollup for the municipality and year, fresh or not. One query."""
    return FigureRollup.objects.filter(municipality=municipality, year=year).first()


def compute_case_figures(
    municipality: Municipality, year: int, today: datetime.date
) -> CaseFigures:
    """Every case indicator of the dashboard, per unit, from the cases themselves. A fixed
    number of queries (one or two per indicator, three for children reached)."""
    cases = Case.objects.filter(municipality=municipality)
    now = timezone.now()
    current = _current_part(cases)
    return CaseFigures(
        year=year,
        today=today,
        as_of=now,
        reached=_reached_part(cases, today),
        training=_training_part(municipality),
        **current,
        **_year_part(cases, year, today),
    )


def is_fresh(rollup: FigureRollup, today: datetime.date) -> bool:
    """Made for today and no older than LAGET_ROLLUP_MAX_AGE_SECONDS (0: rollups are off)."""
    max_age = settings.LAGET_ROLLUP_MAX_AGE_SECONDS
    if max_age <= 0 or rollup.for_date != today:
        return False
    return timezone.now() - rollup.computed_at <= datetime.timedelta(seconds=max_age)


def _current_part(cases: QuerySet[Case]) -> dict[str, Any]:
    """The figures of cases as they are now, whatever the year."""
    by = "unit_id"
    return {
        "levels": indicators.cases_per_level(cases, by),
        "holders": indicators.cases_with_stafettholder(cases, by),
        "family": indicators.family_participation(cases, by),
    }


def _year_part(cases: QuerySet[Case], year: int, today: datetime.date) -> dict[str, Any]:
    """The figures of one year: evaluations and transitions due from its first day up to today,
    and days to the first measure of the cases opened in it."""
    by = "unit_id"
    since = datetime.date(year, 1, 1)
    tz = timezone.get_current_timezone()
    opened_in_year = cases.filter(
        opened_at__gte=datetime.datetime(year, 1, 1, tzinfo=tz),
        opened_at__lt=datetime.datetime(year + 1, 1, 1, tzinfo=tz),
    )
    return {
        "on_time": indicators.measures_evaluated_on_time(cases, by, today, since),
        "first": indicators.days_to_first_measure(opened_in_year, by),
        "transitions": indicators.transitions_with_handover_meeting(cases, by, today, since),
    }


def _training_part(municipality: Municipality) -> dict[Key, Share]:
    return {k: Share(*v) for k, v in core_completion_per_unit(municipality).items()}


def _reached_part(cases: QuerySet[Case], today: datetime.date) -> dict[tuple[str, int], Reached]:
    return indicators.reached_per_service_and_year(cases, years_shown(today))


# --- the refresh (writes) ----------------------------------------------------------------------


def refresh_rollups(municipality: Municipality, today: datetime.date | None = None) -> None:
    """Compute the municipality's case figures for every year the dashboard offers and store
    them, replacing the rollups before; one transaction. The figures of the cases as they are
    now and the children reached are computed once for all the years."""
    today = today or timezone.localdate()
    cases = Case.objects.filter(municipality=municipality)
    now = timezone.now()
    current = _current_part(cases)
    reached = _reached_part(cases, today)
    training = _training_part(municipality)
    years = years_shown(today)
    rows = [
        FigureRollup(
            municipality=municipality,
            year=year,
            for_date=today,
            computed_at=now,
            figures=encode(
                CaseFigures(
                    year=year,
                    today=today,
                    as_of=now,
                    reached=reached,
                    training=training,
                    **current,
                    **_year_part(cases, year, today),
                )
            ),
        )
        for year in years
    ]
    with transaction.atomic():
        FigureRollup.objects.filter(municipality=municipality).exclude(year__in=years).delete()
        FigureRollup.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["municipality", "year"],
            update_fields=["for_date", "computed_at", "figures"],
        )


def refresh_all_rollups(today: datetime.date | None = None) -> tuple[int, list[int]]:
    """Refresh every municipality's rollups, one municipality (and transaction) at a time.
    A municipality whose refresh fails is logged and left (its dashboard computes its figures
    once the rollup is stale); the others go on. Returns how many were refreshed and the ids
    of those that failed."""
    done, failed = 0, []
    for municipality in Municipality.objects.order_by("pk"):
        try:
            refresh_rollups(municipality, today)
        except DatabaseError:
            logger.exception("Figure rollup of municipality %s failed.", municipality.pk)
            failed.append(municipality.pk)
        else:
            done += 1
    return done, failed


# --- the stored form ---------------------------------------------------------------------------
# JSON keys are strings; the units' ids are ints: tables are stored as [key, values...] lists.


def encode(figures: CaseFigures) -> dict[str, Any]:
    return {
        "levels": [[k, *v] for k, v in figures.levels.items()],
        "on_time": _shares(figures.on_time),
        "holders": _shares(figures.holders),
        "first": [[k, *v] for k, v in figures.first.items()],
        "family": [
            [k, f.cases.part, f.cases.whole, f.entries, f.glimmers]
            for k, f in figures.family.items()
        ],
        "transitions": _shares(figures.transitions),
        "reached": [[k, y, r.children, r.families] for (k, y), r in figures.reached.items()],
        "training": _shares(figures.training),
    }


def decode(rollup: FigureRollup) -> CaseFigures:
    data = rollup.figures
    return CaseFigures(
        year=rollup.year,
        today=rollup.for_date,
        as_of=rollup.computed_at,
        levels={row[0]: list(row[1:]) for row in data["levels"]},
        on_time=_unshares(data["on_time"]),
        holders=_unshares(data["holders"]),
        first={row[0]: list(row[1:]) for row in data["first"]},
        family={
            k: FamilyParticipation(Share(part, whole), entries, glimmers)
            for k, part, whole, entries, glimmers in data["family"]
        },
        transitions=_unshares(data["transitions"]),
        reached={(k, y): Reached(c, f) for k, y, c, f in data["reached"]},
        # Rollups made before the training figure have none: empty until the next refresh.
        training=_unshares(data.get("training", [])),
        rolled_up=True,
    )


def _shares(table: dict[Key, Share]) -> list[list[Any]]:
    return [[k, s.part, s.whole] for k, s in table.items()]


def _unshares(rows: list[list[Any]]) -> dict[Key, Share]:
    return {k: Share(part, whole) for k, part, whole in rows}
