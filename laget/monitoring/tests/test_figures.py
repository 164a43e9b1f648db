"""How a figure's bars are scaled: per cent on 0–100, counts on 0 to the largest, the scale said."""

import pytest

from laget.monitoring.figures import Bar, Figure


def _figure(values: list[float], *, percent: bool) -> Figure:
    return Figure(
        slug="f",
        title="Tittel",
        summary="",
        columns=("A", "B"),
        rows=(),
        bars=tuple(Bar(f"rad {i}", v, str(v)) for i, v in enumerate(values)),
        percent=percent,
    )


def test_ten_per_cent_is_a_tenth_of_the_chart_not_a_full_bar() -> None:
    figure = _figure([10.0, 5.0], percent=True)
    lengths = [bar.length for bar in figure.chart.bars]
    full = _figure([100.0], percent=True).chart.bars[0].length
    assert lengths == [pytest.approx(full / 10), pytest.approx(full / 20)]
    assert figure.scale == "Skala: 0–100 %"


def test_counts_share_one_scale_up_to_the_largest_and_say_it() -> None:
    figure = _figure([29.0, 3.0], percent=False)
    first, second = (bar.length for bar in figure.chart.bars)
    assert second == pytest.approx(first * 3 / 29, abs=0.1)
    assert figure.scale == "Skala: 0–29"
