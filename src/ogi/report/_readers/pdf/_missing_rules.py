"""Row rules a ruled table leaves out: cutting a band between two rules into the table rows it holds.

Some tables draw column lines only, or no rule between their body rows. A band between two rules
normally holds one row of cells, one number per column at most; a band holding two numbers in one
column holds several table rows. It is cut between its visual rows, in every column no text crosses
(a merged label spanning those rows stays one cell), before the words are placed in cells.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from dataclasses import dataclass

from ._blocks import CELL_NUMBER, SNAP, Piece, tall_height, visual_rows
from ._rulings import RuleGrid


@dataclass(slots=True)
class _VisualRow:
    top: float
    bottom: float
    columns: set[int]
    numbers: set[int]  # the columns holding a number


def _column(p: Piece, xs: list[float]) -> int:
    i = bisect_right(xs, (p.x0 + p.x1) / 2) - 1
    return 0 if i < 0 else min(i, len(xs) - 2)


def _visual_rows(pieces: list[Piece], xs: list[float]) -> list[_VisualRow]:
    """Pieces grouped into visual text rows (as outside tables), tall runs left out."""
    tall = tall_height(pieces)
    rows: list[_VisualRow] = []
    for line in visual_rows(p for p in pieces if p.y1 - p.y0 <= tall):
        placed = [(_column(p, xs), p) for p in line]
        numbers = {c for c, p in placed if CELL_NUMBER.fullmatch(p.text)}
        rows.append(_VisualRow(line[0].y0, max(p.y1 for p in line), {c for c, _ in placed}, numbers))
    return rows


def _number_over_another_row(rows: list[_VisualRow]) -> bool:
    """True when a column holding a number holds text in another visual row too: a ruled cell with a
    number holds nothing else, so a rule between rows is missing here (numbers stacked in a column,
    or a header over its numbers). Merged labels beside one row of numbers are no such case."""
    numbers: set[int] = set()
    for row in rows:
        numbers |= row.numbers
    return any(len([row for row in rows if c in row.columns]) > 1 for c in numbers)


def _clearest(pieces: list[Piece], top: float, bottom: float, target: float) -> float:
    """The height between ``top`` and ``bottom`` that cuts through the fewest pieces, nearest ``target``."""
    inside = [p for p in pieces if p.y1 > top and p.y0 < bottom]
    edges = sorted({top, bottom, *(min(max(v, top), bottom) for p in inside for v in (p.y0, p.y1))})
    candidates = [target, *((a + b) / 2 for a, b in itertools.pairwise(edges))]

    def crossed(y: float) -> int:
        return sum(1 for p in inside if p.y0 < y - 0.25 * (p.y1 - p.y0) and p.y1 > y + 0.25 * (p.y1 - p.y0))

    return min(candidates, key=lambda y: (crossed(y), abs(y - target)))


def _cut_between(a: _VisualRow, b: _VisualRow) -> float:
    """Where to cut between two rows: a wrapped label reaches above and below its row's numbers, so
    between two rows of numbers the cut falls midway; after a header (or before a caption) a row of
    numbers begins right under it (ends right above it)."""
    top, bottom = min(a.bottom, b.top), max(a.bottom, b.top)
    if b.numbers and not a.numbers:
        return top
    if a.numbers and not b.numbers:
        return bottom
    return (top + bottom) / 2


def _row_breaks(rows: list[_VisualRow]) -> list[bool]:
    """Between which visual rows (of the columns of numbers) one table row ends and the next begins.

    Next to a row of numbers a row ends. Two lines of text (a caption over a header, or a header
    wrapped in its cell) are told apart by the space between them: a row's padding, not a line's leading.
    """
    cuts = []
    for a, b in itertools.pairwise(rows):
        height = min(a.bottom - a.top, b.bottom - b.top)
        cuts.append(bool(a.numbers or b.numbers) or b.top - a.bottom > 0.35 * height)
    return cuts


def cut_unruled_rows(grid: RuleGrid, pieces: list[Piece]) -> RuleGrid:
    """``grid`` with the row rules its table leaves out added (column lines only, or no rule between
    body rows), judged from ``pieces``, the words inside it."""
    ys, xs = grid.ys, grid.xs
    bands: list[list[Piece]] = [[] for _ in range(len(ys) - 1)]
    for p in pieces:
        bands[min(max(bisect_right(ys, (p.y0 + p.y1) / 2) - 1, 0), len(bands) - 1)].append(p)
    added: list[tuple[float, list[tuple[float, float]]]] = []
    for band in bands:
        if len(band) < 2:
            continue
        columns = [_column(p, xs) for p in band]
        values = {c for c, p in zip(columns, band, strict=True) if CELL_NUMBER.fullmatch(p.text)}
        if not values:
            continue
        # rows are told by the columns of numbers: a merged label beside them may sit between two rows
        rows = _visual_rows([p for c, p in zip(columns, band, strict=True) if c in values], xs)
        if not _number_over_another_row(rows):
            continue
        for (a, b), cut in zip(itertools.pairwise(rows), _row_breaks(rows), strict=True):
            if not cut:
                continue
            y = _clearest(band, min(a.bottom, b.top), max(a.bottom, b.top), _cut_between(a, b))
            crossed = [p for p in band if p.y0 < y - 0.25 * (p.y1 - p.y0) and p.y1 > y + 0.25 * (p.y1 - p.y0)]
            open_ = [
                (xs[c] - SNAP, xs[c + 1] + SNAP)
                for c in range(len(xs) - 1)
                if not any(p.x1 > xs[c] and p.x0 < xs[c + 1] for p in crossed)
            ]
            added.append((y, open_))
    if not added:
        return grid
    lines = sorted([*zip(ys, grid.h_at, strict=True), *added], key=lambda line: line[0])
    return RuleGrid([y for y, _ in lines], xs, [h for _, h in lines], grid.v_at)
