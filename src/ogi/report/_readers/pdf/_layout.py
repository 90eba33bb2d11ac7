"""Page geometry → rows of cells: how the words of a PDF page become table rows and prose lines.

A PDF has no tables, only words at positions and ruling lines. This module reads one page; each step
has a module of its own:

- ``_rulings``: drawn lines → rules → the grids of ruled tables (a connected figure of rules; a
  frame round the page or round a table is no table);
- ``_missing_rules``: row rules a ruled table leaves out, added where a band holds several rows;
- ``_cells``: each word placed in the grid position it sits in, merged cells kept whole;
- ``_rows``: words outside ruled tables grouped into visual rows and cells by position;
- ``_page_breaks``: a label cell cut by a page break rejoined (called by the reader per page pair);
- ``_blocks``: the shapes they share and how the pieces of one box read as one text.

A figure of rules with no two cells side by side (boxes of prose stacked in a frame) is read as prose.
Everything here is plain geometry on tuples: PyMuPDF is called by the reader, not by these modules.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from ._blocks import CELL_NUMBER, SNAP, Block, Piece, Table, Word
from ._cells import ruled_table
from ._missing_rules import cut_unruled_rows
from ._rows import rows_outside_tables
from ._rulings import Rules, table_grids

#: A gap wider than this many line heights inside a line parts two cells (justified prose spreads less).
CELL_GAP = 2.0


def may_hold_table(words: Sequence[Word]) -> bool:
    """True when a page may hold a table: two of PyMuPDF's lines share a visual row (cells side by side;
    prose lines never do), a line is a bare number (a table cell; prose numbers sit inside text), or a
    line has a gap of cells inside it (a row written as one line: a word far from the one before it, or
    a word much wider than its characters).

    Pages of prose only need no ruling lines, so the reader skips drawing extraction for them.
    """
    boxes: dict[tuple[int, int], list[float]] = {}
    for w in words:
        height = w[3] - w[1]
        if w[2] - w[0] > (len(w[4]) + CELL_GAP) * height:
            return True
        box = boxes.get((w[5], w[6]))
        if box is None:
            boxes[(w[5], w[6])] = [w[0], w[1], w[2], w[3], 1.0 if CELL_NUMBER.fullmatch(w[4]) else 0.0]
        else:
            if w[0] - box[2] > CELL_GAP * height:
                return True
            box[0], box[2], box[4] = min(box[0], w[0]), max(box[2], w[2]), 0.0
    lines = sorted(boxes.values(), key=lambda b: b[1])
    if any(b[4] for b in lines):
        return True
    return any(b[1] < (a[1] + a[3]) / 2 and (b[0] >= a[2] or a[0] >= b[2]) for a, b in itertools.pairwise(lines))


def _side_by_side(table: Table) -> bool:
    """True when some row of the table holds two cells: boxes of prose stacked in a frame hold none."""
    per_row = [0] * len(table.grid)
    for cell in table.cells:
        for r in range(cell.r0, cell.r1 + 1):
            per_row[r] += 1
    return max(per_row, default=0) >= 2


def page_blocks(words: Sequence[Word], rules: Rules) -> list[Block]:
    """The rows and ruled tables of one page, top to bottom."""
    grids = table_grids(rules)
    # a word in nested figures belongs to the innermost (the grids come smallest first)
    owner: list[int] = []
    boxes = [g.box for g in grids]
    for w in words:
        cx, cy = (w[0] + w[2]) / 2, (w[1] + w[3]) / 2
        for i, (x0, y0, x1, y1) in enumerate(boxes):
            if x0 - SNAP <= cx <= x1 + SNAP and y0 - SNAP <= cy <= y1 + SNAP:
                owner.append(i)
                break
        else:
            owner.append(-1)
    blocks: list[Block] = []
    for i, grid in enumerate(grids):
        pieces = [Piece(w[0], w[1], w[2], w[3], w[4]) for w, o in zip(words, owner, strict=True) if o == i]
        if not pieces:
            continue
        table = ruled_table(cut_unruled_rows(grid, pieces), pieces)
        if _side_by_side(table):
            blocks.append(table)
        else:  # not a table: its words are read as rows outside tables
            owner = [-1 if o == i else o for o in owner]
    outside = [w for w, o in zip(words, owner, strict=True) if o == -1]
    blocks.extend(rows_outside_tables(outside))
    blocks.sort(key=lambda b: b.y0)
    return blocks
