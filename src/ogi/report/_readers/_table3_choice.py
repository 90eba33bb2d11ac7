"""Table 三 rows that split several ways, settled jointly by the column equations.

A row's own rule (总计 = the sum of its applicant cells) often leaves several readings of a run of digits.
The column equations (T3.outcomes, T3.balance) tie the rows together; the combination of readings that
breaks the fewest of them is taken. They are preferences, not constraints, because published reports do
break them; rows that remain undecided stay ambiguous.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from .._format import T3_COLUMN_CODES, Table3Row, table3_equations
from .._model import Number
from ._rows import RowText
from ._splits import Piece

#: Most joint table 三 readings tried before giving up on settling rows by the column equations.
JOINT_CAP = 50_000
#: Most equally good combinations kept.
_BEST_CAP = 1000

Reading = tuple[Piece | None, ...]
#: One linear equation over the unsure rows: a constant, (unsure row, column, sign) terms, and the signs of
#: the settled blank cells in it (+1 left, -1 right).
_Equation = tuple[int, list[tuple[int, int, int]], frozenset[int]]


def choose_jointly(
    rows: Sequence[Table3Row],
    readings: dict[str, list[Reading]],
    notes: list[str],
    texts: dict[str, RowText],
    capped: set[str],
) -> dict[str, list[Reading]]:
    """Settle rows with several readings by the column equations: fewest broken equations wins.

    Rows whose enumeration was capped take no part: their cells count as unknown.
    """
    unsure = [r.code for r in rows if len(readings.get(r.code, ())) > 1 and r.code not in capped]
    if not unsure:
        return readings
    size = 1
    for code in unsure:
        size *= len(readings[code])
    if size > JOINT_CAP:
        notes.append(f"表三有 {len(unsure)} 行可多种拆分，组合过多，未按列合计取舍")
        return readings
    index = {code: i for i, code in enumerate(unsure)}
    equations = _equations(rows, readings, index, capped)
    options = [readings[code] for code in unsure]
    best_cost = None
    best: list[tuple[int, ...]] = []
    for combo in itertools.product(*(range(len(o)) for o in options)):
        cost = 0
        for const, terms, blank_sides in equations:
            total = const
            blanks = set(blank_sides)
            for ri, ci, side in terms:
                piece = options[ri][combo[ri]][ci]
                if piece is None or piece.value is None:
                    blanks.add(side)
                else:
                    total += side * piece.value
            cost += _broken(total, blanks)
        if best_cost is None or cost < best_cost:
            best_cost, best = cost, [combo]
        elif cost == best_cost and len(best) < _BEST_CAP:
            best.append(combo)
    out = dict(readings)
    labels = {r.code: r.full_label for r in rows}
    for code, i in index.items():
        picked = sorted({combo[i] for combo in best})
        out[code] = [readings[code][j] for j in picked]
        if len(picked) == 1:
            values = [p.value if p else None for p in out[code][0]]
            notes.append(
                f"表三“{labels[code]}”一行的“{texts[code].shown}”有 {len(readings[code])} 种拆分，"
                f"按列合计取 {_show(values)}"
            )
    return out


def _equations(
    rows: Sequence[Table3Row], readings: dict[str, list[Reading]], index: dict[str, int], capped: set[str]
) -> list[_Equation]:
    """The column equations that involve an unsure row, with the settled rows' cells folded into constants.

    An equation touching a row still unknown (capped) cannot be judged and is left out; blank cells are
    unknowns ≥ 0 (consistency-checks §7).
    """
    col_index = {c: i for i, c in enumerate(T3_COLUMN_CODES)}
    equations: list[_Equation] = []
    for eq in table3_equations(tuple(rows)):
        const = 0
        terms: list[tuple[int, int, int]] = []
        known = True
        blanks: set[int] = set()
        for side, paths in ((1, eq.left), (-1, eq.right)):
            for path in paths:
                row_code, _, col = path.removeprefix("table3.").rpartition(".")
                if row_code in index:
                    terms.append((index[row_code], col_index[col], side))
                    continue
                if row_code in capped or len(readings.get(row_code, ())) != 1:  # undecided, or a missing row
                    known = False
                    continue
                piece = readings[row_code][0][col_index[col]]
                if piece is None or piece.value is None:
                    blanks.add(side)
                else:
                    const += side * piece.value
        if terms and known:
            equations.append((const, terms, frozenset(blanks)))
    return equations


def _broken(gap: int, blank_sides: set[int]) -> int:
    """1 when no values ≥ 0 of the blank cells can close ``gap`` = left − right (consistency-checks §7), else 0."""
    if gap > 0:
        return int(-1 not in blank_sides)
    if gap < 0:
        return int(1 not in blank_sides)
    return 0


def _show(values: Sequence[Number | None]) -> str:
    return "|".join("空" if v is None else str(v) for v in values)
