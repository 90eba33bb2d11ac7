"""Words → cells of a ruled table: which grid position each word sits in, and which positions are one cell.

A missing rule between two grid positions merges them: a merged cell keeps its text at its top-left
position and leaves the positions it covers empty, the grid form the HTML and DOCX readers produce too.
A cell's lines are joined, so a label wrapped inside its cell and a vertical header set one character
per line (“三 / 、 / 本 / 年 …”) come out whole. A word that runs over a cell border (two cells' texts
set as one word) is split at the border.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ._blocks import GridCell, Groups, Piece, Table, cell_text
from ._rulings import RuleGrid, covers

_WIDE = re.compile(r"[^\x00-\u2e7f\uff61-\uff9f]")


def _split_word(piece: Piece, cuts: list[float]) -> list[Piece]:
    """Split a word that runs over cell borders at ``cuts``, estimating character widths (CJK = 2)."""
    weights = [2.0 if _WIDE.match(ch) else 1.0 for ch in piece.text]
    scale = (piece.x1 - piece.x0) / (sum(weights) or 1.0)
    out: list[Piece] = []
    start, x, pos = 0, piece.x0, piece.x0
    cut_iter = iter(cuts)
    cut = next(cut_iter, None)
    for i, w in enumerate(weights):
        mid = pos + w * scale / 2
        if cut is not None and mid > cut:
            if i > start:
                out.append(Piece(x, piece.y0, pos, piece.y1, piece.text[start:i]))
            start, x = i, pos
            cut = next(cut_iter, None)
            while cut is not None and mid > cut:
                cut = next(cut_iter, None)
        pos += w * scale
    out.append(Piece(x, piece.y0, piece.x1, piece.y1, piece.text[start:]))
    return out


def _slot(lines: list[float], v: float, count: int) -> int:
    """The band (of ``count``) between grid ``lines`` that ``v`` falls in, the outer bands taking the rest."""
    i = bisect_right(lines, v) - 1
    return 0 if i < 0 else count - 1 if i >= count else i


def ruled_table(grid: RuleGrid, words: list[Piece]) -> Table:
    """The table ``grid`` draws, with ``words`` (the pieces inside it) placed in its cells."""
    ys, xs = grid.ys, grid.xs
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    mids_x = [(xs[c] + xs[c + 1]) / 2 for c in range(n_cols)]
    mids_y = [(ys[r] + ys[r + 1]) / 2 for r in range(n_rows)]
    # union-find over grid positions: a missing rule merges two neighbours
    cells_of = Groups(n_rows * n_cols)
    find, union = cells_of.find, cells_of.union
    for r in range(n_rows):
        for c in range(1, n_cols):
            if not covers(grid.v_at[c], mids_y[r]):
                union(r * n_cols + c - 1, r * n_cols + c)
    for r in range(1, n_rows):
        for c in range(n_cols):
            if not covers(grid.h_at[r], mids_x[c]):
                union((r - 1) * n_cols + c, r * n_cols + c)

    contents: dict[int, list[Piece]] = {}
    for w in words:
        r = _slot(ys, (w.y0 + w.y1) / 2, n_rows)
        first, last = _slot(xs, w.x0 + 1, n_cols), _slot(xs, w.x1 - 1, n_cols)
        base = r * n_cols
        if first == last or len({find(base + c) for c in range(first, last + 1)}) == 1:
            contents.setdefault(find(base + _slot(xs, (w.x0 + w.x1) / 2, n_cols)), []).append(w)
            continue
        cuts = [xs[c] for c in range(first + 1, last + 1) if find(base + c - 1) != find(base + c)]
        for part in _split_word(w, cuts):
            contents.setdefault(find(base + _slot(xs, (part.x0 + part.x1) / 2, n_cols)), []).append(part)

    grid_text = [[""] * n_cols for _ in range(n_rows)]
    cells: list[GridCell] = []
    extent: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            root = find(r * n_cols + c)
            e = extent.get(root)
            if e is None:
                extent[root] = [r, r, c, c]
            else:  # positions come row by row, left to right: r only grows
                e[1] = r
                if c > e[3]:
                    e[3] = c
    for root, (r0, r1, c0, c1) in extent.items():
        text = cell_text(contents.get(root, []))
        grid_text[r0][c0] = text
        cells.append(GridCell(text, xs[c0], xs[c1 + 1], r0, r1, c0))
    return Table(ys[0], grid_text, cells)
