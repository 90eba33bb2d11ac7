"""Rows printed with one number fewer than their cells: a blank cell that vanished in the capture.

Web captures drop an empty cell without a trace (“（一）予以公开0 0 0 0 0 0” for seven cells). The missing
cell could be any of them, so every position is tried: the missing cell is blank there and the printed
numbers fill the others in order. Only the placements that satisfy the row's sum rules are kept, with the
blank logic of consistency-checks §7 (a blank addend may absorb a positive gap, a blank total anything);
the column equations settle between them later, and whatever stays undecided is marked ambiguous — a cell
that is “0 or blank” becomes ambiguous with candidates (0,), never a silent 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .._format import CellKind
from .._frozen import quick_init
from .._model import Number
from ._splits import Piece, Token, parse_cell

Reading = tuple[Piece | None, ...]


@quick_init
@dataclass(frozen=True)
class Vanished(Piece):
    """The missing cell of a short row: blank (value None, no token), with the value its row rule implies.

    When the cell stays ambiguous, the implied value joins its candidates: a blank absorbs any gap, and a
    candidate set without it would make the checks see an error the page does not have.
    """

    implied: Number | None = None


def implied_value(values: Sequence[Number | None], missing: int, groups: Sequence[tuple[int, int]]) -> Number | None:
    """The value the missing cell must take for its group's sum to hold; None when other blanks leave it open."""
    for a, b in groups:
        if not a <= missing < b:
            continue
        cells = values[a:b]
        if sum(v is None for v in cells) != 1:
            return None
        if missing == b - 1:
            return sum(v for v in cells if v is not None)
        total = values[b - 1]
        return total - sum(v for v in values[a : b - 1] if v is not None)  # type: ignore[operator]
    return None


def sums_hold(values: Sequence[Number | None], groups: Sequence[tuple[int, int]]) -> bool:
    """Whether each group's total (its last cell) can equal the sum of its addends, blanks being ≥ 0 unknowns."""
    for a, b in groups:
        total = values[b - 1]
        if total is None:
            continue
        addends = values[a : b - 1]
        gap = total - sum(v for v in addends if v is not None)
        if gap < 0 or (gap > 0 and all(v is not None for v in addends)):
            return False
    return True


def short_row_readings(
    tokens: Sequence[Token], kinds: Sequence[CellKind], groups: Sequence[tuple[int, int]]
) -> list[Reading]:
    """The readings of a row printed with exactly one number fewer than ``len(kinds)`` cells.

    Empty unless every token is one whole cell; each reading has the missing cell (:class:`Vanished`) at one
    position.
    """
    n = len(kinds)
    if len(tokens) != n - 1:
        return []
    out: list[Reading] = []
    for missing in range(n):
        cells: list[Piece | None] = []
        for pos in range(n):
            if pos == missing:
                cells.append(Vanished(None, -1))
                continue
            ti = pos if pos < missing else pos - 1
            tok = tokens[ti]
            if tok.blank:
                cells.append(Piece(None, ti))
                continue
            value = parse_cell(tok.digits, tok.sign, kinds[pos])
            if value is False:
                break
            cells.append(Piece(value, ti))
        else:
            values = [p.value if p is not None else None for p in cells]
            if sums_hold(values, groups):
                cells[missing] = Vanished(None, -1, implied_value(values, missing, groups))
                out.append(tuple(cells))
    return out


def with_short_readings(splits: list[Reading], short: list[Reading]) -> list[Reading]:
    """``splits`` followed by the short-row readings whose values none of them already has."""
    seen = {tuple(p.value if p is not None else None for p in r) for r in splits}
    out = list(splits)
    for r in short:
        key = tuple(p.value if p is not None else None for p in r)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
