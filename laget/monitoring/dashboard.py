"""The municipal dashboard: every indicator for one municipality, per unit, as figures.

`municipal_dashboard` reads the case figures from the municipality's rollup, which the
background refresh keeps (`rollups.py`), or computes them when there is no fresh one; either
way a fixed number of queries whatever the number of cases. The dashboard page, the page per
unit and the steering-group PDF all render what it returns.

The figures are the municipality's own and are shown to its coordinators and admins in full;
small numbers are suppressed only where figures leave the municipality (`aggregates.py`).
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from laget.cases.choices import Level
from laget.monitoring import indicators
from laget.monitoring.figures import (
    DASH,
    Bar,
    Figure,
    days_text,
    median_days,
    percent,
)
from laget.monitoring.indicators import Key, Share
from laget.monitoring.rollups import YEARS_SHOWN, CaseFigures, case_figures, years_shown
from laget.monitoring.sections import Section, implementation_parts
from laget.orgs.models import Municipality, Unit, UnitKind

__all__ = ["YEARS_SHOWN", "Dashboard", "KeyFigure", "municipal_dashboard"]


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    detail: str


@dataclass(frozen=True)
class Dashboard:
    municipality: Municipality
    year: int
    today: datetime.date
    key_figures: tuple[KeyFigure, ...]
    figures: tuple[Figure, ...]
    sections: tuple[Section, ...] = ()
    per_unit: bool = False
    # When the case figures were counted, and whether they come from the rollup the background
    # refresh keeps (rollups.py) or were computed for this request.
    as_of: datetime.datetime | None = None
    rolled_up: bool = False

    @property
    def years(self) -> list[int]:
        return list(range(self.today.year, self.today.year - YEARS_SHOWN, -1))


def municipal_dashboard(
    municipality: Municipality,
    year: int | None = None,
    today: datetime.date | None = None,
    *,
    per_unit: bool = False,
) -> Dashboard:
    """Every figure per kind of service (kindergartens, schools, …), or with `per_unit` per
    unit: the largest municipalities have more than a thousand units, which is a page of its
    own, not a dashboard."""
    today = today or timezone.localdate()
    year = year or today.year
    unit_rows = _units(municipality)
    figures_of = case_figures(municipality, year, today)
    names: dict[Key, str]
    if per_unit:
        heading = _("Enhet")
        names = {pk: name for pk, name, _kind, active in unit_rows if active}
        names.update({pk: name for pk, name, _kind, active in unit_rows if not active})
        tables = figures_of
    else:
        heading = _("Tjeneste")
        names = {kind.value: str(kind.label) for kind in UnitKind}
        tables = figures_of.grouped(_kinds(unit_rows, figures_of))

    levels, on_time, holders = tables.levels, tables.on_time, tables.holders
    first, family, transitions = tables.first, tables.family, tables.transitions
    years = years_shown(today)
    reached = tables.reached

    shown_units = [pk for pk in names if _has_any(pk, levels, on_time, holders, first, family)]
    all_days = [d for days in first.values() for d in days]
    total_levels = [sum(row[i] for row in levels.values()) for i in range(4)]
    figures = (
        _levels_figure(levels, names, shown_units, total_levels, heading),
        _share_figure(
            "on_time",
            _("Tiltak evaluert innen fristen"),
            _("Tiltak med evalueringsdato i %(year)s som var evaluert innen datoen.")
            % {"year": year},
            _("Evaluert i tide"),
            _("Tiltak til evaluering"),
            on_time,
            names,
            heading,
        ),
        _share_figure(
            "stafettholder",
            _("Saker med stafettholder"),
            _("Åpne saker på nivå 1–3 som har en stafettholder nå."),
            _("Med stafettholder"),
            _("Saker på nivå 1–3"),
            holders,
            names,
            heading,
        ),
        _days_figure(first, names, year, heading),
        _family_figure(family, names, heading),
        _share_figure(
            "transitions",
            _("Overganger med overgangsmøte"),
            _("Overganger i %(year)s der overgangsmøtet ble holdt.") % {"year": year},
            _("Med overgangsmøte"),
            _("Overganger"),
            transitions,
            names,
            heading,
        ),
        _reached_figure(reached, years),
        _share_figure(
            "training",
            _("Ansatte med grunnopplæringen"),
            _(
                "Ansatte i enhetene nå som har fullført all opplæring merket som "
                "grunnopplæring (i Lagets startmateriell: samtaleøvelsen og nivå 0)."
            ),
            _("Har fullført"),
            _("Ansatte"),
            tables.training,
            names,
            heading,
        ),
    )
    key_figures = (
        KeyFigure(_("Åpne saker"), str(sum(total_levels)), _("på alle nivåer")),
        KeyFigure(
            _("Med stafettholder"),
            percent(_sum(holders).ratio),
            _("av åpne saker på nivå 1–3"),
        ),
        KeyFigure(
            _("Evaluert i tide"), percent(_sum(on_time).ratio), _("av tiltak til evaluering")
        ),
        KeyFigure(
            _("Fra undring til tiltak"),
            days_text(median_days(all_days)),
            _("median, saker opprettet i %(year)s") % {"year": year},
        ),
        KeyFigure(
            _("Familien har skrevet"),
            percent(_sum_family(family).ratio),
            _("i åpne saker på nivå 1–3"),
        ),
    )
    parts = implementation_parts(municipality)
    return Dashboard(
        municipality,
        year,
        today,
        key_figures,
        figures + parts.figures,
        parts.sections,
        per_unit=per_unit,
        as_of=figures_of.as_of,
        rolled_up=figures_of.rolled_up,
    )


def _units(municipality: Municipality) -> list[tuple[int, str, str, bool]]:
    """The municipality's units: (id, name, kind, active), by name. One query."""
    return list(
        Unit.objects.filter(municipality=municipality)
        .order_by("name")
        .values_list("pk", "name", "kind", "is_active")
    )


def _kinds(unit_rows: list[tuple[int, str, str, bool]], figures: CaseFigures) -> dict[Key, Key]:
    """Each unit's kind of service, for the units the figures count. A case's unit is one of
    its municipality's; should one not be, its kind is read (one more query, only then)."""
    kinds: dict[Key, Key] = {pk: kind for pk, _name, kind, _active in unit_rows}
    others = figures.unit_ids() - kinds.keys()
    if others:
        kinds.update(Unit.objects.filter(pk__in=others).values_list("pk", "kind"))
    return kinds


def _by_name(names: dict[Key, str]) -> Callable[[tuple[Key, object]], tuple[str, str]]:
    """Rows by name; rows of the same name (two units may share one) by id, so that the order
    does not depend on the order the database returned them in."""
    return lambda item: (names.get(item[0], ""), str(item[0]))


def _has_any(pk: Key, *tables: Mapping[Key, object]) -> bool:
    return any(pk in table for table in tables)


def _sum(shares: dict[Key, Share]) -> Share:
    return sum(shares.values(), Share(0, 0))


def _sum_family(family: dict[Key, indicators.FamilyParticipation]) -> Share:
    return sum((f.cases for f in family.values()), Share(0, 0))


def _levels_figure(
    levels: dict[Key, list[int]],
    names: dict[Key, str],
    units: list[Key],
    total: list[int],
    heading: str,
) -> Figure:
    labels = [str(Level(n).label) for n in indicators.LEVELS]
    rows = tuple(
        (names[pk], *(str(v) for v in levels.get(pk, [0, 0, 0, 0])), str(sum(levels.get(pk, []))))
        for pk in units
        if pk in levels
    )
    return Figure(
        slug="levels",
        title=_("Åpne saker per nivå"),
        summary=_("Saker som er åpne nå, etter nivået de står på, per ansvarlig enhet."),
        columns=(heading, _("Nivå 0"), _("Nivå 1"), _("Nivå 2"), _("Nivå 3"), _("I alt")),
        rows=rows,
        bars=tuple(
            Bar(label, value, str(value)) for label, value in zip(labels, total, strict=True)
        ),
        total=(_("I alt"), *(str(v) for v in total), str(sum(total))),
    )


def _share_figure(
    slug: str,
    title: str,
    summary: str,
    part_label: str,
    whole_label: str,
    shares: dict[Key, Share],
    names: dict[Key, str],
    heading: str,
) -> Figure:
    ordered = sorted(shares.items(), key=_by_name(names))
    rows = tuple(
        (names.get(pk, DASH), str(s.part), str(s.whole), percent(s.ratio)) for pk, s in ordered
    )
    total = _sum(shares)
    return Figure(
        slug=slug,
        title=title,
        summary=summary,
        columns=(heading, part_label, whole_label, _("Andel")),
        rows=rows,
        bars=tuple(
            Bar(names.get(pk, DASH), 100 * s.ratio, percent(s.ratio))
            for pk, s in ordered
            if s.ratio is not None
        ),
        total=(_("I alt"), str(total.part), str(total.whole), percent(total.ratio)),
        percent=True,
    )


def _days_figure(
    first: dict[Key, list[int]], names: dict[Key, str], year: int, heading: str
) -> Figure:
    ordered = sorted(first.items(), key=_by_name(names))
    everything = [d for _key, days in ordered for d in days]
    return Figure(
        slug="first_measure",
        title=_("Dager fra undring til første tiltak"),
        summary=_(
            "Saker opprettet i %(year)s som har fått et tiltak: dager fra saken ble opprettet "
            "til første tiltak startet (median)."
        )
        % {"year": year},
        columns=(heading, _("Saker med tiltak"), _("Median"), _("Lengst")),
        rows=tuple(
            (
                names.get(pk, DASH),
                str(len(days)),
                days_text(median_days(days)),
                days_text(max(days)),
            )
            for pk, days in ordered
        ),
        bars=tuple(
            Bar(names.get(pk, DASH), float(median_days(days) or 0), days_text(median_days(days)))
            for pk, days in ordered
        ),
        total=(
            _("I alt"),
            str(len(everything)),
            days_text(median_days(everything)),
            days_text(max(everything)) if everything else DASH,
        ),
    )


def _family_figure(
    family: dict[Key, indicators.FamilyParticipation], names: dict[Key, str], heading: str
) -> Figure:
    ordered = sorted(family.items(), key=_by_name(names))
    total = _sum_family(family)
    return Figure(
        slug="family",
        title=_("Familiens deltakelse"),
        summary=_(
            "Åpne saker på nivå 1–3 der foresatte eller barnet selv har skrevet i loggen, "
            "og hvor mye familiene har skrevet (alle saker)."
        ),
        columns=(
            heading,
            _("Saker der familien har skrevet"),
            _("Saker på nivå 1–3"),
            _("Andel"),
            _("Innlegg fra familien"),
            _("Av dem lysglimt"),
        ),
        rows=tuple(
            (
                names.get(pk, DASH),
                str(f.cases.part),
                str(f.cases.whole),
                percent(f.cases.ratio),
                str(f.entries),
                str(f.glimmers),
            )
            for pk, f in ordered
        ),
        bars=tuple(
            Bar(names.get(pk, DASH), 100 * f.cases.ratio, percent(f.cases.ratio))
            for pk, f in ordered
            if f.cases.ratio is not None
        ),
        total=(
            _("I alt"),
            str(total.part),
            str(total.whole),
            percent(total.ratio),
            str(sum(f.entries for f in family.values())),
            str(sum(f.glimmers for f in family.values())),
        ),
        percent=True,
    )


def _reached_figure(reached: dict[tuple[str, int], indicators.Reached], years: list[int]) -> Figure:
    kinds = [k for k in UnitKind if any((k.value, y) in reached for y in years)]
    latest = years[-1]
    columns = [_("Tjeneste")]
    for y in years:
        columns += [_("Barn %(year)s") % {"year": y}, _("Familier %(year)s") % {"year": y}]
    rows = []
    for kind in kinds:
        row = [str(kind.label)]
        for y in years:
            r = reached.get((kind.value, y))
            row += [str(r.children), str(r.families)] if r else ["0", "0"]
        rows.append(tuple(row))
    return Figure(
        slug="reached",
        title=_("Barn og familier nådd"),
        summary=_(
            "Barn med en åpen sak i året der tjenesten var ansvarlig eller deltok; søsken med "
            "felles foresatt er én familie. Et barn kan telle i flere tjenester."
        ),
        columns=tuple(columns),
        rows=tuple(rows),
        bars=tuple(
            Bar(
                str(kind.label),
                reached[kind.value, latest].children,
                str(reached[kind.value, latest].children),
            )
            for kind in kinds
            if (kind.value, latest) in reached
        ),
        notes=(_("Stolpene viser barn i %(year)s.") % {"year": latest},),
    )
