"""The demo's implementation plan and the neighbours that make the national view worth a look."""

import pytest

from laget.demo.monitoring import NEIGHBOURS, seed_neighbours
from laget.monitoring.aggregates import national_aggregate

pytestmark = pytest.mark.django_db


def test_the_neighbours_share_figures_and_the_smallest_is_suppressed() -> None:
    seed_neighbours()
    result = national_aggregate(lambda m: True)
    assert result.municipalities == len(NEIGHBOURS)
    levels = next(t for t in result.tables if t.slug == "levels")
    smallest = next(row for row in levels.rows if row[0] == "Skjærholmen kommune")
    assert "<5" in smallest
