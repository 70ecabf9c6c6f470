"""Small-cell suppression: no small count published and no suppressed count derivable from the rest."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from cases.statistics import extended_grid, lines, publishable_institutions, suppress


def _determined(grid: list[list[int | None]]) -> set[tuple[int, int]]:
    """The suppressed cells the published figures fix, by Gaussian elimination over the rationals.

    Unknowns are the suppressed cells; each row and column of the extended grid says its cells
    add up to its total. A cell is determined when its unit vector lies in the row space of the
    equations' coefficients (the known values only move the right-hand side).
    """
    n_rows, n_columns = len(grid) - 1, len(grid[0]) - 1
    unknown = [(i, j) for i in range(n_rows + 1) for j in range(n_columns + 1) if grid[i][j] is None]
    index = {cell: n for n, cell in enumerate(unknown)}
    equations = []
    for line in lines(n_rows, n_columns):
        row = [Fraction(0)] * len(unknown)
        for cell in line[:-1]:
            if cell in index:
                row[index[cell]] += 1
        if line[-1] in index:
            row[index[line[-1]]] -= 1
        if any(row):
            equations.append(row)

    def rank(matrix: list[list[Fraction]]) -> int:
        m = [r[:] for r in matrix]
        rank_, column = 0, 0
        width = len(unknown)
        while rank_ < len(m) and column < width:
            pivot = next((r for r in range(rank_, len(m)) if m[r][column] != 0), None)
            if pivot is None:
                column += 1
                continue
            m[rank_], m[pivot] = m[pivot], m[rank_]
            for r in range(len(m)):
                if r != rank_ and m[r][column] != 0:
                    factor = m[r][column] / m[rank_][column]
                    m[r] = [a - factor * b for a, b in zip(m[r], m[rank_], strict=True)]
            rank_ += 1
            column += 1
        return rank_

    base = rank(equations)
    found = set()
    for cell, n in index.items():
        unit = [Fraction(0)] * len(unknown)
        unit[n] = Fraction(1)
        if rank([*equations, unit]) == base:
            found.add(cell)
    return found


tables = st.integers(1, 5).flatmap(
    lambda width: st.lists(st.lists(st.integers(0, 25), min_size=width, max_size=width), min_size=1, max_size=5)
)


@settings(max_examples=300, deadline=None)
@given(tables, st.integers(2, 6))
def test_no_small_cell_is_published_or_derivable(values, k):
    published = suppress(values, k)
    true = extended_grid(values)
    grid = published.grid()
    n_rows, n_columns = len(values), len(values[0])
    for i in range(n_rows + 1):
        for j in range(n_columns + 1):
            shown = grid[i][j]
            assert shown is None or shown == true[i][j]  # what is shown is true
            assert shown is None or not 0 < shown < k  # no small count is shown
            if 0 < true[i][j] < k:
                assert shown is None
    for line in lines(n_rows, n_columns):
        hidden = [c for c in line if grid[c[0]][c[1]] is None]
        assert len(hidden) != 1  # no line gives its one hidden cell away
        if hidden and grid[line[-1][0]][line[-1][1]] is not None:
            assert sum(true[i][j] for i, j in hidden) >= k
    assert _determined(grid) == set()


def test_a_lone_small_count_takes_a_partner_in_its_row_and_column():
    published = suppress([[3, 10, 12], [8, 9, 20]], k=5)
    assert published.cells[0][0] is None
    grid = published.grid()
    assert sum(v is None for v in grid[0]) >= 2
    assert sum(grid[i][0] is None for i in range(3)) >= 2
    assert _determined(grid) == set()
    assert suppress([[30, 40], [50, 60]], k=5).grid() == extended_grid([[30, 40], [50, 60]])


def test_institutions_below_the_threshold_or_giving_away_the_rest_are_left_out():
    counts = {"A Hastanesi": ("Ankara", 40), "B Okulu": ("Ankara", 25), "C Adliyesi": ("Ankara", 3),
              "D Müftülüğü": ("İzmir", 30)}  # fmt: skip
    # Ankara's published total 68: listing A and B would leave C's 3 derivable, so B goes too.
    assert publishable_institutions(counts, {"Ankara": 68, "İzmir": 30}, threshold=20, k=5) == {
        "A Hastanesi": 40,
        "D Müftülüğü": 30,
    }
    assert publishable_institutions(counts, {"Ankara": None, "İzmir": 30}, threshold=20, k=5) == {
        "A Hastanesi": 40,
        "D Müftülüğü": 30,
        "B Okulu": 25,
    }
