"""Small-cell suppression for published statistics: no small count shown, none derivable from totals.

A two-way table of counts is published with its row totals, column totals and grand total.
A count of 1 to k-1 could point at a person, so it is suppressed (primary suppression). A
suppressed cell could still be worked out from the totals, so more cells are suppressed
(complementary suppression) until:

* no published cell, inner or total, is between 1 and k-1;
* no row or column (the totals row and column included) has exactly one suppressed cell, and
  where a line's total is shown, the suppressed cells in it add up to at least k, so even their
  sum does not single anyone out;
* no suppressed cell is determined by the published figures at all. Read the table as a
  bipartite graph: one node per row and per column (the totals row and column are nodes too),
  one edge per suppressed cell. Each line's equation says its node balances, so the values
  that fit the published figures differ by flows around cycles, and a suppressed cell is
  determined exactly when its edge lies on no cycle — when it is a bridge. Every bridge is put
  on a cycle by suppressing one more cell across it.

Complementary cells are chosen smallest first (the least information lost), non-zero before
zero. The rule is pure and deterministic, and tests/cases/test_statistics.py checks it with
random tables against an independent linear-algebra check.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

Cell = tuple[int, int]  # (row, column) in the extended grid: row R is the totals row, column C the totals column


@dataclass(frozen=True)
class SuppressedTable:
    """A table ready to publish: None where a figure is suppressed."""

    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    total: int | None

    def grid(self) -> list[list[int | None]]:
        """The extended grid: the cells with their row totals, then the column totals and the grand total."""
        return [[*row, t] for row, t in zip(self.cells, self.row_totals, strict=True)] + [
            [*self.column_totals, self.total]
        ]


def extended_grid(values: Sequence[Sequence[int]]) -> list[list[int]]:
    """The table with its row totals as a last column and its column totals (and grand total) as a last row."""
    rows = [list(row) for row in values]
    width = len(rows[0]) if rows else 0
    grid = [[*row, sum(row)] for row in rows]
    grid.append([sum(row[j] for row in rows) for j in range(width)] + [sum(map(sum, rows))])
    return grid


def lines(n_rows: int, n_columns: int) -> list[list[Cell]]:
    """Each line of the extended grid (every row, then every column), its total last."""
    result = [[(i, j) for j in range(n_columns + 1)] for i in range(n_rows + 1)]
    result += [[(i, j) for i in range(n_rows + 1)] for j in range(n_columns + 1)]
    return result


def _bridges(suppressed: set[Cell], n_rows: int) -> list[Cell]:
    """Suppressed cells on no cycle of the row-column graph: the ones the totals would give away."""
    adjacency: dict[tuple[str, int], list[tuple[tuple[str, int], Cell]]] = {}
    for i, j in suppressed:
        adjacency.setdefault(("r", i), []).append((("c", j), (i, j)))
        adjacency.setdefault(("c", j), []).append((("r", i), (i, j)))
    order: dict = {}
    low: dict = {}
    found: list[Cell] = []
    counter = 0
    for root in sorted(adjacency):
        if root in order:
            continue
        order[root] = low[root] = counter
        counter += 1
        stack: list[tuple[tuple[str, int], Cell | None, Iterator[tuple[tuple[str, int], Cell]]]]
        stack = [(root, None, iter(adjacency[root]))]
        while stack:
            node, via, edges = stack[-1]
            advanced = False
            for neighbour, edge in edges:
                if edge == via:
                    continue
                if neighbour in order:
                    low[node] = min(low[node], order[neighbour])
                else:
                    order[neighbour] = low[neighbour] = counter
                    counter += 1
                    stack.append((neighbour, edge, iter(adjacency[neighbour])))
                    advanced = True
                    break
            if not advanced:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent] and via is not None:  # only the root has no edge
                        found.append(via)
    return sorted(found)


def _component(start: tuple[str, int], suppressed: set[Cell], without: Cell) -> set[tuple[str, int]]:
    seen = {start}
    todo = [start]
    while todo:
        kind, index = todo.pop()
        for cell in suppressed:
            if cell == without:
                continue
            i, j = cell
            if kind == "r" and i == index and ("c", j) not in seen:
                seen.add(("c", j))
                todo.append(("c", j))
            elif kind == "c" and j == index and ("r", i) not in seen:
                seen.add(("r", i))
                todo.append(("r", i))
    return seen


def _cheapest(candidates: list[Cell], grid: list[list[int]]) -> Cell | None:
    """The candidate whose loss tells least: the smallest non-zero count, then a zero, then the first."""
    if not candidates:
        return None
    return min(candidates, key=lambda c: (grid[c[0]][c[1]] == 0, grid[c[0]][c[1]], c))


def suppress(values: Sequence[Sequence[int]], k: int = 5) -> SuppressedTable:
    """``values`` (rows of non-negative counts) with its totals, small and derivable cells suppressed."""
    if k < 1:
        raise ValueError("k must be at least 1")
    n_rows = len(values)
    n_columns = len(values[0]) if n_rows else 0
    if any(len(row) != n_columns for row in values) or any(v < 0 for row in values for v in row):
        raise ValueError("a table is rows of the same length of non-negative counts")
    grid = extended_grid(values)
    cells = [(i, j) for i in range(n_rows + 1) for j in range(n_columns + 1)]
    suppressed = {c for c in cells if 0 < grid[c[0]][c[1]] < k}
    all_lines = lines(n_rows, n_columns)
    changed = True
    while changed:
        changed = False
        for line in all_lines:
            hidden = [c for c in line if c in suppressed]
            if not hidden:
                continue
            total_shown = line[-1] not in suppressed
            hidden_sum = sum(grid[i][j] for i, j in hidden)
            if len(hidden) == 1 or (total_shown and hidden_sum < k):
                inner = [c for c in line[:-1] if c not in suppressed]
                choice = _cheapest(inner, grid) or (line[-1] if line[-1] not in suppressed else None)
                if choice is not None:
                    suppressed.add(choice)
                    changed = True
        if changed:
            continue
        for bridge in _bridges(suppressed, n_rows):
            i, j = bridge
            side = _component(("r", i), suppressed, bridge)
            candidates = [
                (r, c)
                for r in range(n_rows + 1)
                for c in range(n_columns + 1)
                if (r, c) not in suppressed and ("r", r) not in side and ("c", c) in side
            ]
            choice = _cheapest(candidates, grid)
            if choice is not None:
                suppressed.add(choice)
                changed = True
                break
    shown = [[None if (i, j) in suppressed else grid[i][j] for j in range(n_columns + 1)] for i in range(n_rows + 1)]
    return SuppressedTable(
        cells=tuple(tuple(row[:-1]) for row in shown[:-1]),
        row_totals=tuple(row[-1] for row in shown[:-1]),
        column_totals=tuple(shown[-1][:-1]),
        total=shown[-1][-1],
    )


def publishable_institutions(
    counts: dict[str, tuple[str, int]], province_totals: dict[str, int | None], threshold: int, k: int
) -> dict[str, int]:
    """Institutions (name → count) with at least ``threshold`` cases, none whose omission can be worked out.

    ``counts`` maps an institution's name to its (province, count); ``province_totals`` the
    published total of each province (None when suppressed). Where the institutions left out
    of a province would add up to 1..k-1 beside a published province total, the smallest
    listed institution of that province is left out too, until they do not.
    """
    floor = max(threshold, k)
    listed = {name: (province, n) for name, (province, n) in counts.items() if n >= floor}
    while True:
        changed = False
        for province, total in province_totals.items():
            if total is None:
                continue
            shown = [(n, name) for name, (p, n) in listed.items() if p == province]
            rest = total - sum(n for n, _name in shown)
            if 0 < rest < k and shown:
                del listed[min(shown)[1]]
                changed = True
        if not changed:
            return {name: n for name, (_p, n) in sorted(listed.items(), key=lambda item: (-item[1][1], item[0]))}
