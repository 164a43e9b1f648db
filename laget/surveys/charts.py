"""A chart per question: for all who answered and for each service, one bar split by the answer
options (100 % stacked), drawn as SVG on the results page. The table under it holds the same
numbers, so nothing is only in the picture; hidden groups are named, not drawn."""

from dataclasses import dataclass
from decimal import Decimal

from laget.surveys.selectors import QuestionResult

WIDTH = 320
BAR = 300  # the full bar: 100 %
ROW = 40
# Seven shades, light to dark (monitoring.css, .shade-0 … .shade-6), so that ordered options
# read in order also in black and white; the text on the first four is dark and on the last
# three white (contrast at least 4.5:1 on each).
SHADES = 7
DARK_FROM = 4
MIN_TEXT = 26  # segments narrower than this carry no text (the table has it)


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    shade: int
    text: str  # "" when too narrow
    text_x: float
    light_text: bool
    title: str


@dataclass(frozen=True)
class GroupBar:
    label: str
    label_y: int
    bar_y: int
    hidden: bool
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class LegendItem:
    label: str
    shade: int


@dataclass(frozen=True)
class QuestionChart:
    width: int
    height: int
    bars: tuple[GroupBar, ...]
    legend: tuple[LegendItem, ...]


def _shade(index: int, count: int) -> tuple[int, bool]:
    if count <= 1:
        return 0, False
    position = round(index * (SHADES - 1) / (count - 1))
    return position, position >= DARK_FROM


def question_chart(question: QuestionResult) -> QuestionChart:
    count = len(question.options)
    shades = [_shade(i, count) for i in range(count)]
    bars = []
    for row, column in enumerate(question.columns):
        top = row * ROW
        segments = []
        x = 0.0
        for i, share in enumerate(column.shares):
            percent = share.percent or Decimal(0)
            width = round(BAR * float(percent) / 100, 1)
            shade, light = shades[i]
            shown = f"{round(percent)} %"
            segments.append(
                Segment(
                    x=x,
                    width=width,
                    shade=shade,
                    text=shown if width >= MIN_TEXT else "",
                    text_x=round(x + width / 2, 1),
                    light_text=light,
                    title=f"{share.label}: {shown}",
                )
            )
            x = round(x + width, 1)
        bars.append(GroupBar(column.label, top + 12, top + 17, column.hidden, tuple(segments)))
    legend = tuple(
        LegendItem(label, shades[i][0]) for i, (_value, label) in enumerate(question.options)
    )
    return QuestionChart(WIDTH, max(ROW * len(bars), ROW), tuple(bars), legend)
