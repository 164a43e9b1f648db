"""Figures as the dashboard and the report show them: a chart's bars and the same data as a table.

Every chart is drawn from a `Figure`, and every `Figure` is also printed as a table (on the page
and in the PDF), so no number is only in a picture.
"""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

DASH = "–"
HIDDEN = "<5"  # a count of fewer than five persons, not shown


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str

    def width(self, top: float) -> float:
        """The bar's length in per cent of the longest."""
        return round(100 * self.value / top, 1) if top else 0.0


@dataclass(frozen=True)
class Figure:
    slug: str
    title: str
    summary: str  # one line under the heading: what is counted
    columns: tuple[str, ...]  # table headings; the first names the rows
    rows: tuple[tuple[str, ...], ...]
    bars: tuple[Bar, ...]
    total: tuple[str, ...] | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    # Bars of per cent are drawn on 0–100, so that 10 % never looks full; bars of counts on 0 to
    # the largest count. The scale is said under the chart.
    percent: bool = False
    # The first columns hold text (left-aligned, heading and value alike); the rest are numbers,
    # right-aligned under right-aligned headings.
    text_columns: int = 1

    @property
    def column_heads(self) -> list[tuple[str, bool]]:
        """(heading, is a number column) per column."""
        return [(h, i >= self.text_columns) for i, h in enumerate(self.columns)]

    @property
    def top(self) -> float:
        if self.percent:
            return 100.0
        return max((b.value for b in self.bars), default=0.0)

    @property
    def scale(self) -> str:
        if self.percent:
            return _("Skala: 0–100 %")
        return _("Skala: 0–%(top)s") % {"top": f"{self.top:g}"}

    @property
    def chart(self) -> "Chart":
        return Chart.of(self)

    @property
    def rows_html(self) -> SafeString:
        """The table's body rows. Built here rather than in monitoring/_figure.html: the page
        per unit has six tables of a thousand rows, which the template language took half a
        second to write; every value is escaped."""
        return mark_safe("\n".join(_row_html(row, self.text_columns) for row in self.rows))  # noqa: S308


def _row_html(row: tuple[str, ...], text_columns: int) -> str:
    cells = []
    for i, value in enumerate(row):
        if i == 0:
            cells.append(f'<th scope="row">{escape(value)}</th>')
        elif i < text_columns:
            cells.append(f"<td>{escape(value)}</td>")
        else:
            cells.append(f'<td class="num">{escape(value)}</td>')
    return "<tr>" + "".join(cells) + "</tr>"


# The chart's drawing area in SVG units; it scales to the screen's width.
CHART_WIDTH = 320
BAR_ROOM = 250  # the longest bar; the rest is for its value
ROW_HEIGHT = 34


@dataclass(frozen=True)
class DrawnBar:
    label: str
    text: str
    label_y: int
    bar_y: int
    length: float
    text_x: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[DrawnBar, ...]

    @property
    def bars_html(self) -> SafeString:
        """The bars as SVG, built here for the same reason as Figure.rows_html."""
        return mark_safe(  # noqa: S308 - labels and texts are escaped
            "\n".join(
                f'<text class="chart__label" x="0" y="{b.label_y}">{escape(b.label)}</text>\n'
                f'<rect class="chart__bar" x="0" y="{b.bar_y}" width="{b.length}" height="12" '
                f'rx="2"></rect>\n'
                f'<text class="chart__value" x="{b.text_x}" y="{b.bar_y + 11}">'
                f"{escape(b.text)}</text>"
                for b in self.bars
            )
        )

    @classmethod
    def of(cls, figure: Figure) -> "Chart":
        drawn = []
        longest = figure.top  # once: a thousand bars, each measured against the longest
        for i, bar in enumerate(figure.bars):
            length = round(BAR_ROOM * bar.width(longest) / 100, 1)
            top = i * ROW_HEIGHT
            drawn.append(DrawnBar(bar.label, bar.text, top + 12, top + 16, length, length + 6))
        return cls(CHART_WIDTH, max(ROW_HEIGHT * len(drawn), ROW_HEIGHT), tuple(drawn))


def percent(ratio: float | None) -> str:
    return DASH if ratio is None else f"{round(100 * ratio)} %"


def count(value: int | None) -> str:
    return HIDDEN if value is None else str(value)


def median_days(days: Sequence[int]) -> float | None:
    return statistics.median(days) if days else None


def days_text(value: float | None) -> str:
    if value is None:
        return DASH
    shown = f"{value:g}".replace(".", ",")
    return _("%(days)s d") % {"days": shown}
