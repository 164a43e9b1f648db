"""An intervention's planned start, free but structured: a year and its half ("våren 2018",
"høsten 2019", "2018 H"), a whole year ("2018") or a day ("15.08.2018", "2018-08-15").

`parse_planned` reads what a person writes into a `PlannedStart`; its `label` writes it back the
same way every time, so the form, the program page and the report say it alike.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from laget.registry.models import YEAR_MAX, YEAR_MIN, Intervention

SPRING, AUTUMN = "V", "H"
MSG_PLANNED_START = gettext_lazy(
    "Skriv et halvår og et år («våren 2018», «høsten 2019»), et år («2018») eller en dato "
    "(«15.08.2018»)."
)
MSG_PLANNED_YEAR = gettext_lazy("Året må være mellom %(low)s og %(high)s.")

# Words for the halves of a year, in the forms people write them (lower case, no dots).
_HALVES = {
    "vår": SPRING,
    "våren": SPRING,
    "v": SPRING,
    "første halvår": SPRING,
    "spring": SPRING,
    "høst": AUTUMN,
    "høsten": AUTUMN,
    "h": AUTUMN,
    "andre halvår": AUTUMN,
    "autumn": AUTUMN,
    "fall": AUTUMN,
}


class PlannedStartError(ValueError):
    pass


@dataclass(frozen=True)
class PlannedStart:
    year: int | None = None
    term: str = ""
    on: datetime.date | None = None

    @property
    def empty(self) -> bool:
        return self.year is None and self.on is None

    @property
    def label(self) -> str:
        if self.on is not None:
            return str(formats.date_format(self.on, "j. F Y"))
        if self.year is None:
            return ""
        if self.term == SPRING:
            return _("våren %(year)s") % {"year": self.year}
        if self.term == AUTUMN:
            return _("høsten %(year)s") % {"year": self.year}
        return str(self.year)

    @property
    def text(self) -> str:
        """What the form shows to edit: the label, a day written as DD.MM.ÅÅÅÅ."""
        if self.on is not None:
            return self.on.strftime("%d.%m.%Y")
        return self.label

    @classmethod
    def of(cls, intervention: Intervention) -> "PlannedStart":
        return cls(intervention.planned_year, intervention.planned_term, intervention.planned_on)


def _year(text: str) -> int:
    year = int(text)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise PlannedStartError(str(MSG_PLANNED_YEAR % {"low": YEAR_MIN, "high": YEAR_MAX}))
    return year


def parse_planned(text: str) -> PlannedStart:
    """Read a planned start; empty text is no planned start. PlannedStartError says how to
    write it."""
    words = " ".join(text.replace(",", " ").split()).lower()
    words = words.replace("1. halvår", "første halvår").replace("2. halvår", "andre halvår")
    if not words:
        return PlannedStart()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            day = datetime.datetime.strptime(words, fmt).date()
        except ValueError:
            continue
        _year(str(day.year))
        return PlannedStart(on=day)
    if re.fullmatch(r"\d{4}", words):
        return PlannedStart(year=_year(words))
    # "våren 2018", "2018 høst", "2018h", "første halvår 2018"
    match = re.fullmatch(r"(?:(?P<a>[^\d]+?)\s*(?P<y1>\d{4})|(?P<y2>\d{4})\s*(?P<b>[^\d]+))", words)
    if match:
        half = _HALVES.get((match["a"] or match["b"] or "").strip())
        if half:
            return PlannedStart(year=_year(match["y1"] or match["y2"]), term=half)
    raise PlannedStartError(str(MSG_PLANNED_START))
