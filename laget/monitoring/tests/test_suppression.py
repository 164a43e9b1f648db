"""Suppressed cells cannot be recovered from the cells and totals that are shown.

The attacker's view: every shown value is fixed, hidden values are unknown non-negative numbers,
and every row and column still adds up to its total. For each hidden cell, linear programming
finds the smallest and the largest value it can take; if they are equal, the cell is recovered.
The constraint matrix is a network matrix, so the bounds are whole numbers reached by whole
tables: a gap between them means at least two tables fit what is shown.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from laget.monitoring.suppression import (
    MIN_PERSONS,
    SuppressedTable,
    augmented,
    safe_share,
    suppress,
    suppress_for_members,
)


def shown_grid(result: SuppressedTable) -> list[list[int | None]]:
    grid = [[*row, total] for row, total in zip(result.cells, result.row_totals, strict=True)]
    grid.append([*result.column_totals, result.total])
    return grid


def hidden_ranges(grid: list[list[int | None]]) -> dict[tuple[int, int], tuple[float, float]]:
    """For every hidden cell: the least and most it can be, given what is shown."""
    hidden = [(i, j) for i, row in enumerate(grid) for j, v in enumerate(row) if v is None]
    index = {cell: k for k, cell in enumerate(hidden)}
    rows, cols = len(grid), len(grid[0])
    equations: list[list[float]] = []
    constants: list[float] = []

    def line(cells: list[tuple[int, int]], total: tuple[int, int]) -> None:
        coefficients = [0.0] * len(hidden)
        constant = 0.0
        for cell, sign in [*((c, 1.0) for c in cells), (total, -1.0)]:
            value = grid[cell[0]][cell[1]]
            if value is None:
                coefficients[index[cell]] += sign
            else:
                constant -= sign * value
        equations.append(coefficients)
        constants.append(constant)

    for i in range(rows):
        line([(i, j) for j in range(cols - 1)], (i, cols - 1))
    for j in range(cols):
        line([(i, j) for i in range(rows - 1)], (rows - 1, j))
    ranges = {}
    for cell, k in index.items():
        objective = np.zeros(len(hidden))
        objective[k] = 1.0
        low = linprog(objective, A_eq=equations, b_eq=constants, bounds=(0, None))
        high = linprog(-objective, A_eq=equations, b_eq=constants, bounds=(0, None))
        assert low.status == 0, "what is shown must fit the real table"
        high_value = float("inf") if high.status == 3 else -high.fun
        ranges[cell] = (low.fun, high_value)
    return ranges


tables = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda cols: st.lists(
            st.lists(
                st.one_of(st.integers(0, 6), st.integers(0, 40)), min_size=cols, max_size=cols
            ),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_no_suppressed_cell_can_be_recovered_from_totals(cells: list[list[int]]) -> None:
    result = suppress(cells)
    grid = shown_grid(result)
    full = augmented(cells)
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            # What is shown is true, and nothing small is shown.
            assert value is None or value == full[i][j]
            assert value is None or not (0 < value < MIN_PERSONS)
    for cell, (low, high) in hidden_ranges(grid).items():
        assert high - low > 0.5, f"cell {cell} of {cells} is recovered as {low}"


def test_a_lone_small_cell_takes_a_partner_in_its_row_and_column() -> None:
    result = suppress([[3, 10, 12], [8, 9, 20], [15, 11, 30]])
    assert result.cells[0][0] is None
    assert sum(v is None for v in result.cells[0]) + (result.row_totals[0] is None) >= 2
    column = [row[0] for row in result.cells] + [result.column_totals[0]]
    assert sum(v is None for v in column) >= 2


def test_a_table_without_small_cells_is_shown_whole() -> None:
    result = suppress([[5, 0], [7, 12]])
    assert result.cells == ((5, 0), (7, 12))
    assert result.row_totals == (5, 19)
    assert result.column_totals == (12, 12)
    assert result.total == 24
    assert result.hidden_count == 0


def test_zero_is_shown_and_a_small_total_is_hidden() -> None:
    result = suppress([[2, 0], [0, 0]])
    assert result.cells[0][1] == 0
    assert result.cells[0][0] is None
    assert result.total is None


@pytest.mark.parametrize(
    ("numerator", "denominator", "share"),
    [
        (10, 20, 0.5),
        (0, 20, 0.0),
        (20, 20, 1.0),
        (3, 20, None),  # three persons
        (17, 20, None),  # the three others follow
        (2, 4, None),  # four in all
        (0, 0, None),
    ],
)
def test_a_share_is_shown_only_when_no_part_of_it_is_small(
    numerator: int, denominator: int, share: float | None
) -> None:
    assert safe_share(numerator, denominator) == share


# --- a member that knows its own row ----------------------------------------------------------


def known_grid(
    result: SuppressedTable, cells: list[list[int]], member: int
) -> list[list[int | None]]:
    """What member `member` has: the published table with its own row filled in."""
    grid = shown_grid(result)
    grid[member] = [*cells[member], sum(cells[member])]
    return grid


@settings(max_examples=300, deadline=None)
@given(tables)
def test_no_member_recovers_another_members_hidden_cell(cells: list[list[int]]) -> None:
    result = suppress_for_members(cells)
    full = augmented(cells)
    for i, row in enumerate(shown_grid(result)):
        for j, value in enumerate(row):
            assert value is None or value == full[i][j]
            assert value is None or not (0 < value < MIN_PERSONS)
    last = len(cells)
    for member in range(len(cells)):
        grid = known_grid(result, cells, member)
        for (i, j), (low, high) in hidden_ranges(grid).items():
            if i != last:  # another member's cell (or row total): never pinned down
                assert high - low > 0.5, f"member {member} recovers {(i, j)} of {cells}"
            elif high - low < 0.5:  # a group total worked out: the others' sum is not small
                assert not (0 < low - full[member][j] < MIN_PERSONS), (member, j, cells)
        # The group total minus one's own is never a small number about the others.
        for j, total in enumerate(grid[last]):
            if total is not None:
                assert not (0 < total - full[member][j] < MIN_PERSONS), (member, j, cells)


def test_own_row_and_the_total_do_not_give_away_the_one_hidden_cell_in_a_column() -> None:
    # Column 0: 29 (own), 3 (small, hidden) and 40. Published alone, the outsiders' table could
    # keep the total 72 and hide 3 and 40 (a cycle through other columns); the first member
    # knows 29, and 72 - 29 = 43 = hidden + hidden, so both must stay on a cycle without row 0.
    cells = [[29, 12, 8], [3, 20, 9], [40, 7, 11]]
    result = suppress_for_members(cells)
    assert result.cells[1][0] is None
    for member in range(3):
        for cell, (low, high) in hidden_ranges(known_grid(result, cells, member)).items():
            assert high - low > 0.5, (member, cell)


def test_with_only_one_other_member_a_total_over_a_hidden_cell_is_hidden() -> None:
    # Nothing small: everything is shown, the totals add nothing.
    assert suppress_for_members([[29, 10], [40, 12]]).cells == ((29, 10), (40, 12))
    # The other's 3 is hidden: the total over it is hidden too, or 29 + 3 gives it away.
    result = suppress_for_members([[29, 10, 7], [3, 12, 9]])
    assert result.cells[1][0] is None
    assert result.column_totals[0] is None


def test_a_small_sum_of_the_others_hides_the_group_total() -> None:
    # The others hold 3 in column 1 (1 + 2): the total 33 minus one's own 30 would tell.
    result = suppress_for_members([[29, 30], [8, 1], [9, 2]])
    assert result.column_totals[1] is None
    assert result.cells[1][1] is None and result.cells[2][1] is None
