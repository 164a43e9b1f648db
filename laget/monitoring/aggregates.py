"""Figures beyond the municipality: every municipality that shares its figures, side by side.

There is one table per indicator for the whole country, suppressed once (`suppression.py`) and
cached for a few minutes (it is the same for everyone); a
regional coordinator sees the rows of their region from that same table, with the national
totals. Because every view is a selection of rows from one suppressed table, no view adds an
equation another view lacks, and comparing two views recovers nothing.

Shares are suppressed as two-column count tables, (part, whole − part) per municipality: a share
is shown only when both are.

A municipality's coordinator or admin sees the municipality's own row in clear (its own figures,
which its dashboard shows anyway): a municipality with 29 open cases reads 29, not «<5». The
tables are suppressed so that this knowledge, with the group totals, gives away no other
municipality's hidden cell (`suppression.suppress_for_members`).
"""

import datetime
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from laget.cases.models import Case
from laget.monitoring import indicators
from laget.monitoring.figures import DASH, HIDDEN, count, days_text, median_days, percent
from laget.monitoring.indicators import Key, Share
from laget.monitoring.suppression import MIN_PERSONS, SuppressedTable, suppress_for_members
from laget.orgs.models import Municipality, UnitKind


@dataclass(frozen=True)
class AggregateTable:
    slug: str
    title: str
    summary: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None
    hidden: int  # cells hidden in the national table (all rows, not only those shown)
    # Each municipality's own row unsuppressed, for its own coordinators and admins only.
    clear: tuple[tuple[str, ...], ...] = ()
    own: tuple[bool, ...] = ()  # per row: the viewer's own municipality, shown in clear

    @property
    def marked_rows(self) -> list[tuple[tuple[str, ...], bool]]:
        return [(row, i < len(self.own) and self.own[i]) for i, row in enumerate(self.rows)]


@dataclass(frozen=True)
class Aggregate:
    municipalities: int  # sharing, in the whole country
    shown: int  # rows the viewer sees
    tables: tuple[AggregateTable, ...]
    own: tuple[bool, ...] = ()  # per row shown: the viewer's own municipality, in clear

    @property
    def has_own(self) -> bool:
        return any(self.own)


def sharing_municipalities() -> list[Municipality]:
    return list(Municipality.objects.filter(figure_sharing__shares=True).order_by("region", "name"))


@dataclass(frozen=True)
class _National:
    """Every sharing municipality's rows; what a viewer sees is a selection of them."""

    municipalities: tuple[tuple[int, str, str], ...]  # (pk, name, region), in row order
    tables: tuple[AggregateTable, ...]


def national_aggregate(
    sees: Callable[[Municipality], bool],
    today: datetime.date | None = None,
    *,
    own: Collection[int] = (),
) -> Aggregate:
    """The national tables, with the rows of the municipalities `sees` accepts; the rows of the
    municipalities in `own` (those the viewer steers) in clear.

    The whole national set is computed at most once per LAGET_FIGURE_CACHE_SECONDS (and
    language and day) and kept in Django's cache: it is the same for every viewer."""
    today = today or timezone.localdate()
    seconds = settings.LAGET_FIGURE_CACHE_SECONDS
    key = f"laget:national:{today.isoformat()}:{get_language()}"
    national: _National | None = cache.get(key) if seconds else None
    if national is None:
        national = _national(today)
        if seconds:
            cache.set(key, national, seconds)
    keep = [
        i
        for i, (pk, name, region) in enumerate(national.municipalities)
        if sees(Municipality(pk=pk, name=name, region=region))
    ]
    mine = [national.municipalities[i][0] in own for i in keep]
    tables = tuple(
        replace(
            t,
            rows=tuple(
                t.clear[i] if is_own else t.rows[i] for i, is_own in zip(keep, mine, strict=True)
            ),
            clear=(),
            own=tuple(mine),
        )
        for t in national.tables
    )
    return Aggregate(len(national.municipalities), len(keep), tables, tuple(mine))


def _national(today: datetime.date) -> _National:
    since = datetime.date(today.year, 1, 1)
    municipalities = sharing_municipalities()
    every = list(range(len(municipalities)))
    cases = Case.objects.filter(municipality__in=[m.pk for m in municipalities])
    tables = (
        _levels(cases, municipalities, every),
        _shares(
            "stafettholder",
            _("Saker med stafettholder"),
            _("Åpne saker på nivå 1–3 som har en stafettholder."),
            indicators.cases_with_stafettholder(cases, "municipality_id"),
            municipalities,
            every,
        ),
        _shares(
            "on_time",
            _("Tiltak evaluert innen fristen"),
            _("Tiltak med evalueringsdato i %(year)s, evaluert innen datoen.")
            % {"year": today.year},
            indicators.measures_evaluated_on_time(cases, "municipality_id", today, since),
            municipalities,
            every,
        ),
        _shares(
            "family",
            _("Familien har skrevet i loggen"),
            _("Åpne saker på nivå 1–3 der foresatte eller barnet har skrevet."),
            {
                k: f.cases
                for k, f in indicators.family_participation(cases, "municipality_id").items()
            },
            municipalities,
            every,
        ),
        _first_measure(cases, municipalities, every, today.year),
        _reached(cases, municipalities, every, today.year),
    )
    return _National(tuple((m.pk, m.name, m.region) for m in municipalities), tables)


def _row_names(municipalities: list[Municipality], visible: list[int]) -> list[tuple[str, str]]:
    return [(municipalities[i].name, municipalities[i].region or DASH) for i in visible]


def _levels(
    cases: QuerySet[Case], municipalities: list[Municipality], visible: list[int]
) -> AggregateTable:
    levels = indicators.cases_per_level(cases, "municipality_id")
    counts = [levels.get(m.pk, [0, 0, 0, 0]) for m in municipalities]
    table = suppress_for_members(counts)
    names = list(zip(_row_names(municipalities, visible), visible, strict=True))
    rows = tuple(
        (name, region, *(count(v) for v in table.cells[i]), count(table.row_totals[i]))
        for (name, region), i in names
    )
    clear = tuple(
        (name, region, *(str(v) for v in counts[i]), str(sum(counts[i])))
        for (name, region), i in names
    )
    return AggregateTable(
        slug="levels",
        title=_("Åpne saker per nivå"),
        summary=_("Saker som er åpne nå, etter nivået de står på."),
        columns=(
            _("Kommune"),
            _("Region"),
            _("Nivå 0"),
            _("Nivå 1"),
            _("Nivå 2"),
            _("Nivå 3"),
            _("I alt"),
        ),
        rows=rows,
        total=_national_total(table, municipalities),
        hidden=table.hidden_count,
        clear=clear,
    )


def _national_total(
    table: SuppressedTable, municipalities: list[Municipality]
) -> tuple[str, ...] | None:
    if not municipalities:
        return None
    return (_("Alle som deler"), DASH, *(count(v) for v in table.column_totals), count(table.total))


def _share_cells(part: int | None, whole: int | None) -> tuple[str, str, str]:
    if part is None or whole is None:
        return HIDDEN if part is None else str(part), count(whole), HIDDEN
    return str(part), str(whole), percent(Share(part, whole).ratio)


def _shares(
    slug: str,
    title: str,
    summary: str,
    shares: Mapping[Key, Share],
    municipalities: list[Municipality],
    visible: list[int],
) -> AggregateTable:
    pairs = [shares.get(m.pk, Share(0, 0)) for m in municipalities]
    table = suppress_for_members([[s.part, s.whole - s.part] for s in pairs])
    names = list(zip(_row_names(municipalities, visible), visible, strict=True))
    rows = tuple(
        (name, region, *_share_cells(table.cells[i][0], table.row_totals[i]))
        for (name, region), i in names
    )
    clear = tuple(
        (name, region, str(pairs[i].part), str(pairs[i].whole), percent(pairs[i].ratio))
        for (name, region), i in names
    )
    total = (
        (_("Alle som deler"), DASH, *_share_cells(table.column_totals[0], table.total))
        if municipalities
        else None
    )
    return AggregateTable(
        slug=slug,
        title=title,
        summary=summary,
        columns=(_("Kommune"), _("Region"), _("Antall"), _("Av"), _("Andel")),
        rows=rows,
        total=total,
        hidden=table.hidden_count,
        clear=clear,
    )


def _first_measure(
    cases: QuerySet[Case], municipalities: list[Municipality], visible: list[int], year: int
) -> AggregateTable:
    """Medians are not sums, so nothing can be subtracted; a median of fewer than five cases
    is still not shown. A municipality sees its own in clear; the group's count minus its own is
    the others' count, so the group's figures are hidden when that is small for any member, or
    when there is only one other (as suppress_for_members does for sums)."""
    start = datetime.datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())
    days = indicators.days_to_first_measure(cases.filter(opened_at__gte=start), "municipality_id")

    def cells(values: list[int]) -> tuple[str, str]:
        if len(values) < MIN_PERSONS:
            return count(None if values else 0), HIDDEN if values else DASH
        return str(len(values)), days_text(median_days(values))

    everything = [d for values in days.values() for d in values]
    others_small = any(
        0 < len(everything) - len(days.get(m.pk, [])) < MIN_PERSONS for m in municipalities
    )
    group_hidden = others_small or len(municipalities) == 2
    total = (
        (_("Alle som deler"), DASH, *(cells(everything) if not group_hidden else (HIDDEN, HIDDEN)))
        if municipalities
        else None
    )
    names = list(zip(_row_names(municipalities, visible), visible, strict=True))

    def clear(values: list[int]) -> tuple[str, str]:
        return str(len(values)), days_text(median_days(values))

    return AggregateTable(
        slug="first_measure",
        title=_("Dager fra undring til første tiltak"),
        summary=_("Saker opprettet i %(year)s med tiltak: median antall dager.") % {"year": year},
        columns=(_("Kommune"), _("Region"), _("Saker med tiltak"), _("Median")),
        rows=tuple(
            (name, region, *cells(days.get(municipalities[i].pk, [])))
            for (name, region), i in names
        ),
        total=total,
        hidden=sum(1 for values in days.values() if 0 < len(values) < MIN_PERSONS),
        clear=tuple(
            (name, region, *clear(days.get(municipalities[i].pk, [])))
            for (name, region), i in names
        ),
    )


def _reached(
    cases: QuerySet[Case], municipalities: list[Municipality], visible: list[int], year: int
) -> AggregateTable:
    """Children reached per service: a child may count in several services, so the row sums are
    not children and are not shown; the cells are suppressed as one table all the same."""
    kinds = [UnitKind.KINDERGARTEN, UnitKind.HEALTH_CLINIC, UnitKind.SCHOOL, UnitKind.PPT]
    reached = indicators.reached_by(cases, [year], by="municipality_id")
    counts = [[len(reached.get((m.pk, k.value, year), ())) for k in kinds] for m in municipalities]
    table = suppress_for_members(counts)
    names = list(zip(_row_names(municipalities, visible), visible, strict=True))
    return AggregateTable(
        slug="reached",
        title=_("Barn nådd i %(year)s") % {"year": year},
        summary=_("Barn med en åpen sak i året der tjenesten var ansvarlig eller deltok."),
        columns=(_("Kommune"), _("Region"), *(str(k.label) for k in kinds)),
        rows=tuple(
            (name, region, *(count(v) for v in table.cells[i])) for (name, region), i in names
        ),
        total=(_("Alle som deler"), DASH, *(count(v) for v in table.column_totals))
        if municipalities
        else None,
        hidden=table.hidden_count,
        clear=tuple((name, region, *(str(v) for v in counts[i])) for (name, region), i in names),
    )
