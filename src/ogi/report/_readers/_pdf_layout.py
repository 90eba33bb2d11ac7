"""Page geometry → rows of cells: how the words of a PDF page become table rows and prose lines.

A PDF has no tables, only words at positions and ruling lines. Where ruling lines enclose a grid, each
word goes to the grid position it sits in, and a missing rule between two positions merges them: a merged
cell keeps its text at its top-left position and leaves the positions it covers empty, the grid form
the HTML and DOCX readers produce too. A cell's lines are joined, so a label wrapped inside its cell and
a vertical header set one character per line (“三 / 、 / 本 / 年 …”) come out whole.

Words outside ruled grids are grouped into visual rows by position and into cells by column; there a
column of single characters is joined into one text as well.

Everything here is plain geometry on tuples: PyMuPDF is called by the reader, not by this module.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .._format import T3_HEADER_NOTE, normalize_label

#: Rules closer than this (points) are the same rule; words this far outside a grid still belong to it.
SNAP = 2.0
#: Rules shorter than this are not table rules (bullets, underline fragments).
MIN_RULE = 3.0
#: Drawn rectangles thinner than this are rules.
THIN = 2.5

#: A pymupdf "words" tuple: x0, y0, x1, y1, text, block, line, word.
Word = tuple[float, float, float, float, str, int, int, int]


@dataclass(slots=True)
class Piece:
    """A piece of text with its box."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(slots=True)
class GridCell:
    """A (possibly merged) cell of a ruled table: its text, x extent and grid rows/columns."""

    text: str
    x0: float
    x1: float
    r0: int
    r1: int
    c0: int


@dataclass(slots=True)
class Table:
    """A ruled table on one page; ``grid`` is rectangular with covered positions empty."""

    y0: float
    y1: float
    grid: list[list[str]]
    cells: list[GridCell]


@dataclass(slots=True)
class Row:
    """A visual row outside ruled tables: prose is one cell, an unruled table row several."""

    y0: float
    y1: float
    cells: list[str]
    x0: float = 0.0
    x1: float = 0.0

    @property
    def text(self) -> str:
        return "\t".join(self.cells)


Block = Table | Row


@dataclass(slots=True)
class Rules:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) ruling segments of a page."""

    horizontal: list[tuple[float, float, float]] = field(default_factory=list)
    vertical: list[tuple[float, float, float]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.horizontal) + len(self.vertical)


# --------------------------------------------------------------------------- rules from drawings


def _visible(color: Sequence[float] | None) -> bool:
    """False for missing and near-white colours (white rules are invisible, not table borders)."""
    return bool(color) and min(color) < 0.85  # type: ignore[type-var]


def rules_from_drawings(drawings: Iterable[dict]) -> Rules:
    """Ruling segments from ``page.get_cdrawings()``: stroked lines, thin filled boxes, stroked boxes."""
    rules = Rules()
    hs, vs = rules.horizontal, rules.vertical

    def add_box(x0: float, y0: float, x1: float, y1: float, outline: bool) -> None:
        x0, x1 = min(x0, x1), max(x0, x1)
        y0, y1 = min(y0, y1), max(y0, y1)
        w, h = x1 - x0, y1 - y0
        if h <= THIN and w >= MIN_RULE:
            hs.append(((y0 + y1) / 2, x0, x1))
        elif w <= THIN and h >= MIN_RULE:
            vs.append(((x0 + x1) / 2, y0, y1))
        elif outline and w >= MIN_RULE and h >= MIN_RULE:
            hs.extend(((y0, x0, x1), (y1, x0, x1)))
            vs.extend(((x0, y0, y1), (x1, y0, y1)))

    for path in drawings:
        kind = path.get("type") or ""
        stroked = "s" in kind and _visible(path.get("color"))
        filled = "f" in kind and _visible(path.get("fill"))
        if not (stroked or filled):
            continue
        for item in path.get("items", ()):
            op = item[0]
            if op == "l" and stroked:
                (ax, ay), (bx, by) = item[1], item[2]
                if abs(ay - by) <= 1.0 and abs(ax - bx) >= MIN_RULE:
                    hs.append(((ay + by) / 2, min(ax, bx), max(ax, bx)))
                elif abs(ax - bx) <= 1.0 and abs(ay - by) >= MIN_RULE:
                    vs.append(((ax + bx) / 2, min(ay, by), max(ay, by)))
            elif op == "re":
                x0, y0, x1, y1 = item[1]
                add_box(x0, y0, x1, y1, stroked)
    return rules


# --------------------------------------------------------------------------- ruled tables


def _cluster(values: Iterable[float]) -> list[float]:
    """Sorted positions with values within SNAP of each other merged (to their mean)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= SNAP:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _nearest(positions: list[float], v: float) -> int:
    i = bisect_right(positions, v)
    if i == len(positions) or (i > 0 and v - positions[i - 1] <= positions[i] - v):
        return i - 1
    return i


@dataclass(slots=True)
class _Grid:
    ys: list[float]
    xs: list[float]
    h_at: list[list[tuple[float, float]]]  # x intervals of rules on each ys line
    v_at: list[list[tuple[float, float]]]  # y intervals of rules on each xs line

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def _bands(rules: Rules) -> list[Rules]:
    """Rules grouped into vertically separate bands: each band is a candidate table."""
    segs = [(min(x0, x1), y, max(x0, x1), y, True) for y, x0, x1 in rules.horizontal]
    segs += [(x, y0, x, y1, False) for x, y0, y1 in rules.vertical]
    segs.sort(key=lambda s: s[1])
    bands: list[Rules] = []
    bottom = float("-inf")
    for x0, y0, x1, y1, horizontal in segs:
        if not bands or y0 > bottom + SNAP:
            bands.append(Rules())
            bottom = y1
        bottom = max(bottom, y1)
        if horizontal:
            bands[-1].horizontal.append((y0, x0, x1))
        else:
            bands[-1].vertical.append((x0, y0, y1))
    return bands


def _grid(band: Rules) -> _Grid | None:
    ys = _cluster(y for y, _, _ in band.horizontal)
    xs = _cluster(x for x, _, _ in band.vertical)
    if len(ys) < 2 or len(xs) < 2 or (len(ys) == 2 and len(xs) == 2):
        return None  # an underline, a frame or a single box is not a table
    h_at: list[list[tuple[float, float]]] = [[] for _ in ys]
    v_at: list[list[tuple[float, float]]] = [[] for _ in xs]
    for y, x0, x1 in band.horizontal:
        h_at[_nearest(ys, y)].append((x0 - SNAP, x1 + SNAP))
    for x, y0, y1 in band.vertical:
        v_at[_nearest(xs, x)].append((y0 - SNAP, y1 + SNAP))
    return _Grid(ys, xs, h_at, v_at)


def _covers(intervals: list[tuple[float, float]], v: float) -> bool:
    return any(a <= v <= b for a, b in intervals)


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


def join_lines(parts: list[str]) -> str:
    """Join the lines of one cell: no space in Chinese, one space between two Latin/digit ends."""
    out = ""
    for part in parts:
        if out and part and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out


def cell_text(pieces: list[Piece]) -> str:
    """The text of the pieces in one cell: visual lines top to bottom, each left to right."""
    if not pieces:
        return ""
    pieces.sort(key=lambda p: p.y0 + p.y1)
    lines: list[list[Piece]] = []
    bottom = float("-inf")
    for p in pieces:
        if lines and (p.y0 + p.y1) / 2 < bottom:
            lines[-1].append(p)
            bottom = max(bottom, p.y1)
        else:
            lines.append([p])
            bottom = p.y1
    texts = []
    for line in lines:
        line.sort(key=lambda p: p.x0)
        text = line[0].text
        for prev, p in itertools.pairwise(line):
            text += (" " if p.x0 - prev.x1 > 0.25 * (p.y1 - p.y0) else "") + p.text
        texts.append(text)
    return join_lines(texts)


def _table(grid: _Grid, words: list[Piece]) -> Table:
    ys, xs = grid.ys, grid.xs
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    mids_x = [(xs[c] + xs[c + 1]) / 2 for c in range(n_cols)]
    mids_y = [(ys[r] + ys[r + 1]) / 2 for r in range(n_rows)]
    # union-find over grid positions: a missing rule merges two neighbours
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(n_rows):
        for c in range(1, n_cols):
            if not _covers(grid.v_at[c], mids_y[r]):
                union(r * n_cols + c - 1, r * n_cols + c)
    for r in range(1, n_rows):
        for c in range(n_cols):
            if not _covers(grid.h_at[r], mids_x[c]):
                union((r - 1) * n_cols + c, r * n_cols + c)

    contents: dict[int, list[Piece]] = {}
    for w in words:
        r = min(max(bisect_right(ys, (w.y0 + w.y1) / 2) - 1, 0), n_rows - 1)
        first = min(max(bisect_right(xs, w.x0 + 1) - 1, 0), n_cols - 1)
        last = min(max(bisect_right(xs, w.x1 - 1) - 1, 0), n_cols - 1)
        base = r * n_cols
        if first == last or len({find(base + c) for c in range(first, last + 1)}) == 1:
            c = min(max(bisect_right(xs, (w.x0 + w.x1) / 2) - 1, 0), n_cols - 1)
            contents.setdefault(find(base + c), []).append(w)
            continue
        cuts = [xs[c] for c in range(first + 1, last + 1) if find(base + c - 1) != find(base + c)]
        for part in _split_word(w, cuts):
            c = min(max(bisect_right(xs, (part.x0 + part.x1) / 2) - 1, 0), n_cols - 1)
            contents.setdefault(find(base + c), []).append(part)

    grid_text = [[""] * n_cols for _ in range(n_rows)]
    cells: list[GridCell] = []
    extent: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            root = find(r * n_cols + c)
            e = extent.get(root)
            if e is None:
                extent[root] = [r, r, c, c]
            else:
                e[1], e[3] = max(e[1], r), max(e[3], c)
    for root, (r0, r1, c0, c1) in extent.items():
        text = cell_text(contents.get(root, []))
        grid_text[r0][c0] = text
        cells.append(GridCell(text, xs[c0], xs[c1 + 1], r0, r1, c0))
    return Table(ys[0], ys[-1], grid_text, cells)


# --------------------------------------------------------------------------- rows outside tables


def _stack_vertical(items: list[Piece]) -> list[Piece]:
    """Join runs of single characters set one under another (a vertical header) into one piece."""
    out: list[Piece] = []
    run: list[Piece] = []

    def flush() -> None:
        if len(run) >= 3:
            out.append(
                Piece(
                    min(p.x0 for p in run), run[0].y0, max(p.x1 for p in run), run[-1].y1, "".join(p.text for p in run)
                )
            )
        else:
            out.extend(run)
        run.clear()

    for it in items:
        if len(it.text) <= 2:
            if run:
                prev = run[-1]
                height = prev.y1 - prev.y0
                # consecutive in the content stream, one under the other (spread out in a tall cell)
                if abs(it.x0 - prev.x0) <= SNAP * 2 and 0 < it.y0 - prev.y0 <= 6 * height:
                    run.append(it)
                    continue
                flush()
            run.append(it)
        else:
            flush()
            out.append(it)
    flush()
    return out


def _rows(items: list[Piece]) -> list[Row]:
    """Visual rows of text pieces; within a row, pieces overlapping in x form one cell (wrapped text)."""
    if not items:
        return []
    heights = sorted(p.y1 - p.y0 for p in items)
    tall = 3 * heights[len(heights) // 2]
    rows: list[Row] = []
    current: list[Piece] = []
    top, bottom = 0.0, float("-inf")

    def flush() -> None:
        if current:
            rows.append(_row(current, top, bottom))
            current.clear()

    for p in sorted(items, key=lambda p: p.y0):
        if p.y1 - p.y0 > tall:  # a vertical run of characters: a row of its own
            flush()
            rows.append(Row(p.y0, p.y1, [p.text], p.x0, p.x1))
            continue
        if current and bottom - p.y0 > 0.3 * (p.y1 - p.y0):  # overlaps the row: same row (wrapped label)
            current.append(p)
            bottom = max(bottom, p.y1)
        else:
            flush()
            current.append(p)
            top, bottom = p.y0, p.y1
    flush()
    return rows


def _row(pieces: list[Piece], top: float, bottom: float) -> Row:
    pieces.sort(key=lambda p: p.x0)
    columns: list[list[Piece]] = []
    right = float("-inf")
    for p in pieces:
        if columns and p.x0 < right - 1:
            columns[-1].append(p)
            right = max(right, p.x1)
        else:
            columns.append([p])
            right = p.x1
    return Row(top, bottom, [cell_text(col) for col in columns], pieces[0].x0, max(p.x1 for p in pieces))


# --------------------------------------------------------------------------- a page


def _lines_of_words(words: Sequence[Word]) -> list[Piece]:
    """PyMuPDF's own lines (words sharing block and line number), in stream order."""
    lines: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        lines.setdefault((w[5], w[6]), []).append(w)
    out = []
    for ws in lines.values():
        text = ws[0][4]
        for prev, w in itertools.pairwise(ws):
            text += (" " if w[0] - prev[2] > 0.15 * (w[3] - w[1]) else "") + w[4]
        out.append(
            Piece(min(w[0] for w in ws), min(w[1] for w in ws), max(w[2] for w in ws), max(w[3] for w in ws), text)
        )
    return out


_CELL_NUMBER = re.compile(r"[+\-]?[\d,]+(?:\.\d+)?")


def may_hold_table(words: Sequence[Word]) -> bool:
    """True when a page may hold a table: two of PyMuPDF's lines share a visual row (cells side by side;
    prose lines never do), or a line is a bare number (a table cell; prose numbers sit inside text).

    Pages of prose only need no ruling lines, so the reader skips drawing extraction for them.
    """
    boxes: dict[tuple[int, int], list[float]] = {}
    for w in words:
        box = boxes.get((w[5], w[6]))
        if box is None:
            boxes[(w[5], w[6])] = [w[0], w[1], w[2], w[3], 1.0 if _CELL_NUMBER.fullmatch(w[4]) else 0.0]
        else:
            box[0], box[2], box[4] = min(box[0], w[0]), max(box[2], w[2]), 0.0
    lines = sorted(boxes.values(), key=lambda b: b[1])
    if any(b[4] for b in lines):
        return True
    return any(b[1] < (a[1] + a[3]) / 2 and (b[0] >= a[2] or a[0] >= b[2]) for a, b in itertools.pairwise(lines))


def page_blocks(words: Sequence[Word], rules: Rules) -> list[Block]:
    """The rows and ruled tables of one page, top to bottom."""
    grids = [g for g in (_grid(b) for b in _bands(rules)) if g is not None] if rules else []
    inside: list[list[Piece]] = [[] for _ in grids]
    outside: list[Word] = []
    boxes = [g.box for g in grids]
    for w in words:
        cx, cy = (w[0] + w[2]) / 2, (w[1] + w[3]) / 2
        for i, (x0, y0, x1, y1) in enumerate(boxes):
            if x0 - SNAP <= cx <= x1 + SNAP and y0 - SNAP <= cy <= y1 + SNAP:
                inside[i].append(Piece(w[0], w[1], w[2], w[3], w[4]))
                break
        else:
            outside.append(w)
    blocks: list[Block] = [_table(g, ws) for g, ws in zip(grids, inside, strict=True) if ws]
    blocks.extend(_rows(_stack_vertical(_lines_of_words(outside))))
    blocks.sort(key=lambda b: b.y0)
    return blocks


# --------------------------------------------------------------------------- across pages

_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[.．、]|第)")
_NUMERIC = re.compile(r"^[\s\d.,，+\-－/／%]*$")
_REPEATED_HEADER = normalize_label(T3_HEADER_NOTE)[:10]


def _fragment(text: str) -> bool:
    """Text that can only be the rest of a label begun above (not numbered, not a number, not the
    table 三 header note that starts a header repeated after the page break)."""
    if normalize_label(text).startswith(_REPEATED_HEADER):
        return False
    return bool(text) and not _NUMBERED.match(text) and not _NUMERIC.match(text)


def join_split_cells(before: Table, after: Table) -> None:
    """Rejoin a merged label cell that a page break cut in two (“（四）无” | “法提供”).

    The table on the next page begins with an unnumbered text in the same column as a text cell that
    reached the bottom of the table on the page before: that text is the rest of the label.
    """
    last_row = len(before.grid) - 1
    bottom = [c for c in before.cells if c.r1 == last_row and c.text and not _NUMERIC.match(c.text)]
    for cell in after.cells:
        if cell.r0 != 0 or not _fragment(cell.text):
            continue
        for above in bottom:
            if abs(above.x0 - cell.x0) <= 3 * SNAP and abs(above.x1 - cell.x1) <= 3 * SNAP:
                above.text = join_lines([above.text, cell.text])
                before.grid[above.r0][above.c0] = above.text
                after.grid[0][cell.c0] = ""
                cell.text = ""
                break
