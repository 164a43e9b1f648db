"""Scoring: pure functions from a tool's schema and its answers to a score and its band.

See laget/tools/schema.py for the format. A band's `from` is inclusive; the band ends where
the next band's `from` starts.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from laget.tools.schema import CHECKLIST, MULTIPLE_CHOICE, SCALE, SINGLE_CHOICE

Number = int | float


@dataclass(frozen=True)
class Band:
    start: Number
    label: str
    interpretation: str
    # Who must be notified when a result falls in this band (schema.REPORT_TO), in order.
    report_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class Score:
    value: Number
    band: str  # "" when the value is below the first band
    interpretation: str
    report_to: tuple[str, ...] = ()

    @property
    def requires_report(self) -> bool:
        return bool(self.report_to)


def _points(field: Mapping[str, Any], answer: object) -> list[Number]:
    """What one answer contributes: the points of each chosen option, or the scale value."""
    if answer is None:
        return []
    kind = field["type"]
    if kind == SCALE:
        return [answer] if isinstance(answer, int | float) else []
    points = {o["value"]: o.get("points", 0) for o in field.get("options", [])}
    if kind == SINGLE_CHOICE:
        return [points.get(answer, 0)] if isinstance(answer, str) else []
    if kind in (MULTIPLE_CHOICE, CHECKLIST) and isinstance(answer, list):
        return [points.get(v, 0) for v in answer]
    return []


def raw_value(schema: Mapping[str, Any], answers: Mapping[str, Any]) -> Number:
    """The score before banding: the sum, or the highest, of the named fields' points."""
    scoring = schema["scoring"]
    fields = {f["key"]: f for f in schema["fields"]}
    contributions: list[Number] = []
    for key in scoring["fields"]:
        contributions.extend(_points(fields[key], answers.get(key)))
    if scoring["method"] == "max":
        return max(contributions, default=0)
    return sum(contributions)


def bands_of(schema: Mapping[str, Any]) -> list[Band]:
    return [
        Band(
            start=b["from"],
            label=b["label"],
            interpretation=b.get("interpretation", ""),
            report_to=tuple(b.get("requires_report", ())),
        )
        for b in schema.get("bands", [])
    ]


def band_for(bands: Sequence[Band], value: Number) -> Band | None:
    """The last band whose start is at most the value; None below the first band."""
    found: Band | None = None
    for band in bands:
        if band.start <= value:
            found = band
        else:
            break
    return found


def score(schema: Mapping[str, Any], answers: Mapping[str, Any]) -> Score | None:
    """The tool's score for these answers, or None for a tool without scoring."""
    if not schema.get("scoring"):
        return None
    value = raw_value(schema, answers)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    band = band_for(bands_of(schema), value)
    if band is None:
        return Score(value=value, band="", interpretation="")
    return Score(
        value=value,
        band=band.label,
        interpretation=band.interpretation,
        report_to=band.report_to,
    )


def format_value(value: Number | None) -> str:
    """A score as people write it: 5, 2,5."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}".replace(".", ",")
