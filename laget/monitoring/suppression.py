"""Small-cell suppression for figures shown beyond the municipality.

A count of 1–4 persons is suppressed (primary suppression). Zero is shown: it describes no one.
Row totals, column totals and the grand total are cells too, so a total of 1–4 is hidden as well.

Hiding the small cells is not enough: with the totals published, a lone hidden cell in a row is
the row total minus the others. So more cells are hidden (secondary suppression) until every hidden
cell lies on a cycle of hidden cells. Seen as a bipartite graph — a node per row and per column
(the total row and the total column included), an edge per hidden cell — a hidden cell that is
not on a cycle is a bridge, and a bridge's value follows from the totals on one side of it. When
every hidden cell is on a cycle and every hidden value is at least 1, adding 1 and subtracting 1
alternately round the cycle keeps every row and column sum and every value non-negative, so no
hidden cell can be told from the published figures. Which cells to add is found as the cheapest
path between the bridge's two sides (the sum of the values hidden, so that little is lost).

`laget/monitoring/tests/test_suppression.py` checks this with linear programming on random
tables: the smallest and largest value a hidden cell can take, given everything published, differ.
"""

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

MIN_PERSONS = 5

Node = tuple[str, int]  # ("r", row) or ("c", column); the last row/column holds the totals
Cell = tuple[int, int]


@dataclass(frozen=True)
class SuppressedTable:
    """A table of counts as it may be published: None where a value is hidden."""

    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    total: int | None

    @property
    def hidden_count(self) -> int:
        values = [v for row in self.cells for v in row]
        values += [*self.row_totals, *self.column_totals, self.total]
        return sum(1 for v in values if v is None)


def is_small(value: int, minimum: int = MIN_PERSONS) -> bool:
    return 0 < value < minimum


def safe_share(numerator: int, denominator: int, minimum: int = MIN_PERSONS) -> float | None:
    """numerator / denominator, or None when it would tell about fewer than `minimum` persons:
    a small denominator, a small numerator, or a small remainder (denominator − numerator)."""
    if denominator < minimum or is_small(numerator, minimum):
        return None
    if is_small(denominator - numerator, minimum):
        return None
    return numerator / denominator


def augmented(cells: Sequence[Sequence[int]]) -> list[list[int]]:
    """The table with its row totals as the last column and column totals as the last row."""
    width = len(cells[0]) if cells else 0
    table = [[*row, sum(row)] for row in cells]
    table.append([sum(row[j] for row in table) for j in range(width + 1)])
    return table


def suppress(cells: Sequence[Sequence[int]], minimum: int = MIN_PERSONS) -> SuppressedTable:
    """Hide the small cells of `cells` (rows of non-negative counts) and enough others that none
    of them can be recovered from what is shown, totals included."""
    if not cells or not cells[0]:
        return SuppressedTable((), tuple(0 for _ in cells), (), 0)
    table = augmented(cells)
    hidden = {
        (i, j)
        for i, row in enumerate(table)
        for j, value in enumerate(row)
        if is_small(value, minimum)
    }
    _pair_lone_cells(table, hidden)
    while (bridge := _first_bridge(hidden)) is not None:
        path = _cheapest_closing_path(table, hidden, bridge)
        if path is None:
            # No way to close a cycle through cells that are not zero: hide everything.
            hidden = {(i, j) for i in range(len(table)) for j in range(len(table[0]))}
            break
        hidden |= path
    return _published(table, hidden)


def suppress_for_members(
    cells: Sequence[Sequence[int]], minimum: int = MIN_PERSONS
) -> SuppressedTable:
    """Suppress a comparison table whose rows are members (municipalities) that each see their
    own row in full: the one function that decides what a member sees of the group.

    A municipality knows its own figures (its dashboard shows them), so the comparison page
    shows it its own row unsuppressed: that reveals nothing it does not know. But a member that
    knows its row reads more out of the published table than an outsider does, and the table
    must hold against that too:

    - Its row's values are no longer unknowns. A hidden cell of another member that was
      protected only by a cycle of hidden cells through the member's own row becomes a bridge
      for that member: e.g. with the column total shown and one other hidden cell in the
      column, own + shown + hidden = total gives the hidden one away. So for every member the
      hidden cells outside its row must again each lie on a cycle of hidden cells outside its
      row; where one does not, more cells are hidden (the cheapest path, as in `suppress`, not
      through that member's row).
    - Group total minus own value is the others' sum. When that is 1–4 persons (the others'
      sum is small), the group total in that column is hidden, as a small cell would be.
    - With only one other member in the group, a group total is that member's value plus
      one's own. So wherever the other's value is hidden, the group total is hidden too: the
      cycle through the other's cell cannot use one's own row, so it runs through the totals.
      (Where the other's value is shown, the total adds nothing and stays.)

    Every published cell is the same for every viewer (one table; each viewer sees a selection
    of its rows plus its own row in clear), so comparing two members' views adds only what the
    two already know of themselves. The property test checks, for every member in turn, that no
    hidden cell outside its row can be pinned down from the table and its own row."""
    if not cells or not cells[0]:
        return suppress(cells, minimum)
    table = augmented(cells)
    last = len(table) - 1
    hidden = {
        (i, j)
        for i, row in enumerate(table)
        for j, value in enumerate(row)
        if is_small(value, minimum)
    }
    members = range(len(cells))
    for r in members:
        for j, total in enumerate(table[last]):
            if is_small(total - table[r][j], minimum):
                hidden.add((last, j))
    changed = True
    while changed:
        changed = False
        _pair_lone_cells(table, hidden)
        while (bridge := _first_bridge(hidden)) is not None:
            path = _cheapest_closing_path(table, hidden, bridge)
            if path is None:
                return _published(table, _everything(table))
            hidden |= path
        for r in members:
            theirs = {cell for cell in hidden if cell[0] != r}
            bridge = _first_bridge(theirs)
            if bridge is None:
                continue
            path = _cheapest_closing_path(table, theirs, bridge, known_row=r)
            if path is None:
                return _published(table, _everything(table))
            hidden |= path
            changed = True
    return _published(table, hidden)


def _everything(table: list[list[int]]) -> set[Cell]:
    return {(i, j) for i in range(len(table)) for j in range(len(table[0]))}


def _pair_lone_cells(table: list[list[int]], hidden: set[Cell]) -> None:
    """A quick first pass: a row or column with one hidden cell also hides its smallest other
    non-zero cell, until no line has a lone one. Most bridges go this way at the cost of one
    table scan; the cycle search that follows makes sure of the rest."""
    rows, columns = len(table), len(table[0])
    lines = [[(i, j) for j in range(columns)] for i in range(rows)]
    lines += [[(i, j) for i in range(rows)] for j in range(columns)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(1 for cell in line if cell in hidden) != 1:
                continue
            shown = [cell for cell in line if cell not in hidden and table[cell[0]][cell[1]] > 0]
            if shown:
                hidden.add(min(shown, key=lambda cell: (table[cell[0]][cell[1]], cell)))
                changed = True


def _published(table: list[list[int]], hidden: set[Cell]) -> SuppressedTable:
    shown = [
        [None if (i, j) in hidden else value for j, value in enumerate(row)]
        for i, row in enumerate(table)
    ]
    return SuppressedTable(
        cells=tuple(tuple(row[:-1]) for row in shown[:-1]),
        row_totals=tuple(row[-1] for row in shown[:-1]),
        column_totals=tuple(shown[-1][:-1]),
        total=shown[-1][-1],
    )


def _adjacency(hidden: set[Cell]) -> dict[Node, set[Node]]:
    graph: dict[Node, set[Node]] = {}
    for i, j in hidden:
        graph.setdefault(("r", i), set()).add(("c", j))
        graph.setdefault(("c", j), set()).add(("r", i))
    return graph


def _reachable(graph: dict[Node, set[Node]], start: Node, without: Cell) -> set[Node]:
    banned = {(("r", without[0]), ("c", without[1])), (("c", without[1]), ("r", without[0]))}
    seen = {start}
    todo = [start]
    while todo:
        node = todo.pop()
        for nxt in graph.get(node, ()):
            if (node, nxt) not in banned and nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _first_bridge(hidden: set[Cell]) -> Cell | None:
    """A hidden cell on no cycle of hidden cells, or None (Tarjan's bridges, without recursion)."""
    graph = _adjacency(hidden)
    order: dict[Node, int] = {}
    low: dict[Node, int] = {}
    bridges: list[Cell] = []
    for root in sorted(graph):
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack: list[tuple[Node, Node | None, list[Node]]] = [(root, None, sorted(graph[root]))]
        while stack:
            node, parent, todo = stack[-1]
            if todo:
                nxt = todo.pop()
                if nxt == parent:
                    continue
                if nxt in order:
                    low[node] = min(low[node], order[nxt])
                else:
                    order[nxt] = low[nxt] = len(order)
                    stack.append((nxt, node, sorted(graph[nxt])))
                continue
            stack.pop()
            if parent is not None:
                low[parent] = min(low[parent], low[node])
                if low[node] > order[parent]:
                    row, column = (parent, node) if parent[0] == "r" else (node, parent)
                    bridges.append((row[1], column[1]))
    return min(bridges) if bridges else None


def _cheapest_closing_path(
    table: list[list[int]], hidden: set[Cell], bridge: Cell, known_row: int | None = None
) -> set[Cell] | None:
    """The shown cells to hide so that `bridge` lies on a cycle: the cheapest path from the
    bridge's column side to its row side, through hidden cells (free) and shown non-zero cells
    (costing their value), not using the bridge itself nor the cells of `known_row` (a row the
    viewer knows, which hides nothing from them)."""
    graph = _adjacency(hidden)
    start_side = _reachable(graph, ("c", bridge[1]), without=bridge)
    goal_side = _reachable(graph, ("r", bridge[0]), without=bridge)
    rows, columns = len(table), len(table[0])
    best: dict[Node, int] = {}
    came: dict[Node, tuple[Node, Cell]] = {}
    queue: list[tuple[int, Node]] = []
    for node in sorted(start_side):
        best[node] = 0
        heapq.heappush(queue, (0, node))
    while queue:
        cost, node = heapq.heappop(queue)
        if cost > best.get(node, cost):
            continue
        if node in goal_side:
            path: set[Cell] = set()
            while node in came:
                node, cell = came[node]
                if cell not in hidden:
                    path.add(cell)
            return path
        side, index = node
        others = range(columns) if side == "r" else range(rows)
        for other in others:
            cell = (index, other) if side == "r" else (other, index)
            if cell == bridge or cell[0] == known_row:
                continue
            value = table[cell[0]][cell[1]]
            if cell in hidden:
                step = 0
            elif value > 0:
                step = value
            else:
                continue
            nxt: Node = ("c", other) if side == "r" else ("r", other)
            if cost + step < best.get(nxt, cost + step + 1):
                best[nxt] = cost + step
                came[nxt] = (node, cell)
                heapq.heappush(queue, (cost + step, nxt))
    return None
