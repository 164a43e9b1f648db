"""The arithmetic of survey results: percentages, change in percentage points, suppression.

Pure functions on counts, no database, so that the rules can be read and tested on their own.
"""

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TypeVar

# No group with fewer responses than this is shown on its own (distribution or cross-tab column).
MIN_GROUP = 5

ONE_DECIMAL = Decimal("0.1")
K = TypeVar("K")


def _round(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def percent(part: int, whole: int) -> Decimal | None:
    """part of whole in percent with one decimal, rounded half up; None when whole is 0."""
    if whole <= 0:
        return None
    return _round(Fraction(100 * part, whole))


def points(part: int, whole: int, before_part: int, before_whole: int) -> Decimal | None:
    """Change in percentage points from before_part/before_whole to part/whole, one decimal,
    computed from the exact shares (not from the rounded percentages)."""
    if whole <= 0 or before_whole <= 0:
        return None
    return _round(Fraction(100 * part, whole) - Fraction(100 * before_part, before_whole))


def suppressed(sizes: Mapping[K, int], *, total_shown: bool) -> set[K]:
    """The groups whose figures are hidden.

    Every group below MIN_GROUP is hidden. When the total is shown, one hidden group could be
    recovered as the total minus the shown ones, so more groups are hidden, smallest first,
    until the hidden groups together hold at least MIN_GROUP responses (or all are hidden).
    Empty groups are hidden too (there is nothing to show), but do not count towards the sum.
    """
    hidden = {k for k, n in sizes.items() if n < MIN_GROUP}
    if not total_shown or not any(sizes[k] for k in hidden):
        return hidden
    shown = sorted((n, str(k), k) for k, n in sizes.items() if n >= MIN_GROUP)
    while shown and sum(sizes[k] for k in hidden) < MIN_GROUP:
        hidden.add(shown.pop(0)[2])
    return hidden
