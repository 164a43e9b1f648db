"""Scoring: at and around every threshold, and the band rule as a property."""

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laget.tools.scoring import Band, band_for, format_value, score
from laget.tools.starter import WORRY_SCALE_CHILD

WORRY = WORRY_SCALE_CHILD["schema"]
QUESTIONS = ["endret_atferd", "trivsel", "omsorg", "skader", "fortelling"]


def worry_answers(points: int, *, danger: bool = False) -> dict[str, Any]:
    """Answers to the worry scale giving `points` from the five graded questions."""
    values = []
    for _ in QUESTIONS:
        step = min(2, points)
        values.append({0: "nei", 1: "litt", 2: "tydelig"}[step])
        points -= step
    assert points == 0
    return {**dict(zip(QUESTIONS, values, strict=True)), "fare": "ja" if danger else "nei"}


@pytest.mark.parametrize(
    ("points", "band"),
    [
        (0, "Vær oppmerksom"),
        (1, "Vær oppmerksom"),
        (3, "Vær oppmerksom"),  # just below 4
        (4, "Grunn til bekymring"),  # at 4: "from" is inclusive
        (5, "Grunn til bekymring"),
        (7, "Grunn til bekymring"),  # just below 8
        (8, "Barnevern/politi skal varsles"),  # at 8
        (9, "Barnevern/politi skal varsles"),
        (10, "Barnevern/politi skal varsles"),
    ],
)
def test_worry_scale_bands(points: int, band: str) -> None:
    result = score(WORRY, worry_answers(points))
    assert result is not None
    assert (result.value, result.band) == (points, band)


def test_danger_alone_reaches_the_top_band() -> None:
    result = score(WORRY, worry_answers(0, danger=True))
    assert result is not None
    assert (result.value, result.band) == (8, "Barnevern/politi skal varsles")
    assert "barnevernet" in result.interpretation


BANDS = [Band(-2, "a", ""), Band(0, "b", ""), Band(2.5, "c", ""), Band(10, "d", "")]


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (-3, None),
        (-2.0001, None),
        (-2, "a"),
        (-1, "a"),
        (-0.0001, "a"),
        (0, "b"),
        (2.4999, "b"),
        (2.5, "c"),
        (9.999, "c"),
        (10, "d"),
        (1000, "d"),
    ],
)
def test_band_boundaries_from_is_inclusive(value: float, label: str | None) -> None:
    band = band_for(BANDS, value)
    assert (band.label if band else None) == label


starts = st.lists(st.integers(-50, 50), min_size=1, max_size=6, unique=True).map(sorted)


@given(starts=starts, value=st.integers(-60, 60) | st.floats(-60, 60, allow_nan=False))
def test_band_is_the_last_whose_from_is_at_most_the_value(starts: list[int], value: float) -> None:
    bands = [Band(s, str(s), "") for s in starts]
    band = band_for(bands, value)
    eligible = [b for b in bands if b.start <= value]
    assert band == (eligible[-1] if eligible else None)


@given(starts=starts, a=st.integers(-60, 60), b=st.integers(-60, 60))
def test_bands_are_monotonic(starts: list[int], a: int, b: int) -> None:
    bands = [Band(s, str(s), "") for s in starts]
    low, high = sorted((a, b))
    band_low, band_high = band_for(bands, low), band_for(bands, high)
    rank = {id(x): i for i, x in enumerate(bands)}
    assert (rank[id(band_low)] if band_low else -1) <= (rank[id(band_high)] if band_high else -1)


def test_sum_over_scale_and_choices_and_max() -> None:
    schema: dict[str, Any] = {
        "fields": [
            {"key": "s", "type": "scale", "label": "S", "scale": {"min": 0, "max": 5}},
            {
                "key": "m",
                "type": "multiple_choice",
                "label": "M",
                "options": [
                    {"value": "a", "label": "A", "points": 2},
                    {"value": "b", "label": "B", "points": 3},
                    {"value": "c", "label": "C"},
                ],
            },
            {
                "key": "k",
                "type": "checklist",
                "label": "K",
                "options": [{"value": "x", "label": "X", "points": 0.5}],
            },
        ],
        "scoring": {"method": "sum", "fields": ["s", "m", "k"]},
        "bands": [{"from": 0, "label": "Lav"}, {"from": 6, "label": "Høy"}],
    }
    result = score(schema, {"s": 1, "m": ["a", "b", "c"], "k": ["x"]})
    assert result is not None and (result.value, result.band) == (6.5, "Høy")
    schema["scoring"]["method"] = "max"
    result = score(schema, {"s": 1, "m": ["a", "b"]})
    assert result is not None and (result.value, result.band) == (3, "Lav")
    result = score(schema, {})
    assert result is not None and result.value == 0


def test_no_scoring_no_score() -> None:
    assert score({"fields": [{"key": "a", "type": "text", "label": "A"}]}, {"a": "x"}) is None


def test_below_the_first_band_has_no_band() -> None:
    schema = {
        "fields": [{"key": "s", "type": "scale", "label": "S", "scale": {"min": 0, "max": 5}}],
        "scoring": {"method": "sum", "fields": ["s"]},
        "bands": [{"from": 2, "label": "Noe"}],
    }
    result = score(schema, {"s": 1})
    assert result is not None and (result.value, result.band) == (1, "")


@pytest.mark.parametrize(("value", "text"), [(None, ""), (5, "5"), (5.0, "5"), (2.5, "2,5")])
def test_format_value(value: float | None, text: str) -> None:
    assert format_value(value) == text
