"""Page geometry → rows of cells: how the words of a PDF page become table rows and prose lines.

A PDF has no tables, only words at positions and ruling lines. Where ruling lines enclose a grid, each
word goes to the grid position it sits in, and a missing rule between two positions merges them: a merged
cell keeps its text at its top-left position and leaves the positions it covers empty, the grid form
the HTML and DOCX readers produce too. A cell's lines are joined, so a label wrapped inside its cell and
a vertical header set one character per line (“三 / 、 / 本 / 年 …”) come out whole.

A table is a connected figure of rules: a frame drawn round the page or round a table touches no rule
of the table, stays a single box and is no table, so the prose it encloses stays prose (and a figure
with no two cells side by side is read as prose too). Where a table leaves out the rules between rows
(column lines only), a band between two rules holding two numbers in one column is cut between its
visual rows.

Words outside ruled grids are grouped into visual rows by position and into cells by column; there a
column of single characters is joined into one text as well.

Everything here is plain geometry on tuples: PyMuPDF is called by the reader, not by this module.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .._format import T3_HEADER_NOTE, known_labels, normalize_label

#: Rules closer than this (points) are the same rule; words this far outside a grid still belong to it.
SNAP = 2.0
#: Rules shorter than this are not table rules (bullets, underline fragments).
MIN_RULE = 3.0
#: Drawn rectangles thinner than this are rules.
THIN = 2.5

#: A gap wider than this many line heights inside a line parts two cells (justified prose spreads less).
CELL_GAP = 2.0
#: A table cell's number (a count, a signed change, an amount).
_CELL_NUMBER = re.compile(r"[+\-]?[\d,]+(?:\.\d+)?")

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


def _merge_collinear(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """(position, start, end) segments on the same line and touching merged into one: Word draws a
    table's rule as one short piece per cell."""
    out: list[tuple[float, float, float]] = []
    for line in _lines_by_position(segments):
        pos = sum(p for p, _, _ in line) / len(line)
        line.sort(key=lambda seg: seg[1])
        a, b = line[0][1], line[0][2]
        for _, a2, b2 in line[1:]:
            if a2 <= b + SNAP:
                b = max(b, b2)
            else:
                out.append((pos, a, b))
                a, b = a2, b2
        out.append((pos, a, b))
    return out


def _lines_by_position(segments: list[tuple[float, float, float]]) -> list[list[tuple[float, float, float]]]:
    lines: list[list[tuple[float, float, float]]] = []
    for seg in sorted(segments):
        if lines and seg[0] - lines[-1][-1][0] <= SNAP:
            lines[-1].append(seg)
        else:
            lines.append([seg])
    return lines


def _components(rules: Rules) -> list[Rules]:
    """Rules grouped into connected figures (rules that touch or cross): each is a candidate table.

    A frame drawn round the page or round a table touches none of the table's rules, so it stays a
    figure of its own (a single box, no table) instead of swallowing the prose it encloses.
    """
    hs = _merge_collinear(rules.horizontal)
    vs = _merge_collinear(rules.vertical)
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, x0, x1) in enumerate(hs):
        for j, (x, y0, y1) in enumerate(vs):
            if x0 - SNAP <= x <= x1 + SNAP and y0 - SNAP <= y <= y1 + SNAP:
                a, b = find(i), find(len(hs) + j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, Rules] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), Rules()).horizontal.append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), Rules()).vertical.append(v)
    figures = [g for g in groups.values() if g.horizontal and g.vertical]
    figures.sort(key=lambda g: _area(_extent(g)))
    for loose in (g for g in groups.values() if not (g.horizontal and g.vertical)):
        # a column line cut short by merged cells above and below it touches no other rule
        x0, y0, x1, y1 = _extent(loose)
        for figure in figures:
            fx0, fy0, fx1, fy1 = _extent(figure)
            if fx0 - SNAP <= x0 and x1 <= fx1 + SNAP and fy0 - SNAP <= y0 and y1 <= fy1 + SNAP:
                figure.horizontal.extend(loose.horizontal)
                figure.vertical.extend(loose.vertical)
                break
    return figures


def _extent(rules: Rules) -> tuple[float, float, float, float]:
    xs = [x for _, x0, x1 in rules.horizontal for x in (x0, x1)] + [x for x, _, _ in rules.vertical]
    ys = [y for y, _, _ in rules.horizontal] + [y for _, y0, y1 in rules.vertical for y in (y0, y1)]
    return min(xs), min(ys), max(xs), max(ys)


def _area(box: tuple[float, float, float, float]) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


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


@dataclass(slots=True)
class _VisualRow:
    top: float
    bottom: float
    columns: set[int]
    numbers: set[int]  # the columns holding a number


def _column(p: Piece, xs: list[float]) -> int:
    return min(max(bisect_right(xs, (p.x0 + p.x1) / 2) - 1, 0), len(xs) - 2)


def _visual_rows(pieces: list[Piece], xs: list[float]) -> list[_VisualRow]:
    """Pieces grouped into visual text rows (overlapping in y, as ``_rows`` does), tall runs left out."""
    heights = sorted(p.y1 - p.y0 for p in pieces)
    tall = 3 * heights[len(heights) // 2]
    rows: list[_VisualRow] = []
    for p in sorted(pieces, key=lambda p: p.y0):
        if p.y1 - p.y0 > tall:
            continue
        column = _column(p, xs)
        numbers = {column} if _CELL_NUMBER.fullmatch(p.text) else set()
        if rows and rows[-1].bottom - p.y0 > 0.3 * (p.y1 - p.y0):
            row = rows[-1]
            row.bottom = max(row.bottom, p.y1)
            row.columns.add(column)
            row.numbers |= numbers
        else:
            rows.append(_VisualRow(p.y0, p.y1, {column}, numbers))
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


def _cut_unruled_rows(grid: _Grid, pieces: list[Piece]) -> _Grid:
    """Add the row rules a table leaves out (column lines only, or no rule between body rows).

    A band between two rules normally holds one row of cells, one number per column at most. A band
    with two numbers in one column holds several table rows: it is cut between its visual rows, in
    every column no text crosses (a merged label spanning them stays one cell).
    """
    ys, xs = grid.ys, grid.xs
    bands: list[list[Piece]] = [[] for _ in range(len(ys) - 1)]
    for p in pieces:
        bands[min(max(bisect_right(ys, (p.y0 + p.y1) / 2) - 1, 0), len(bands) - 1)].append(p)
    added: list[tuple[float, list[tuple[float, float]]]] = []
    for band in bands:
        values = {_column(p, xs) for p in band if _CELL_NUMBER.fullmatch(p.text)}
        if len(band) < 2 or not values:
            continue
        # rows are told by the columns of numbers: a merged label beside them may sit between two rows
        rows = _visual_rows([p for p in band if _column(p, xs) in values], xs)
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
    return _Grid([y for y, _ in lines], xs, [h for _, h in lines], grid.v_at)


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
            boxes[(w[5], w[6])] = [w[0], w[1], w[2], w[3], 1.0 if _CELL_NUMBER.fullmatch(w[4]) else 0.0]
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
    grids = [g for g in (_grid(b) for b in _components(rules)) if g is not None] if rules else []
    # a word in nested figures belongs to the innermost
    grids.sort(key=lambda g: _area(g.box))
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
        table = _table(_cut_unruled_rows(grid, pieces), pieces)
        if _side_by_side(table):
            blocks.append(table)
        else:  # not a table: its words are read as rows outside tables
            owner = [-1 if o == i else o for o in owner]
    outside = [w for w, o in zip(words, owner, strict=True) if o == -1]
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


@functools.lru_cache(maxsize=1024)
def label_fit(text: str) -> float:
    """How closely ``text`` matches a printed label of the formats: 1.0 for a label, less for a part."""
    folded = normalize_label(text)
    labels = known_labels()
    if not folded or folded in labels:
        return float(bool(folded))
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(folded)
    best = 0.0
    for label in labels:
        matcher.set_seq1(label)
        if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
            best = max(best, matcher.ratio())
    return best


def rejoins(head: str, tail: str) -> bool:
    """True when ``head`` + ``tail`` is one label cut in two: together they match a known label better
    than either does alone (“（四）无” + “法提供”; not “行政处罚” + “行政强制”, two rows of their own)."""
    return label_fit(join_lines([head, tail])) > max(label_fit(head), label_fit(tail))


def join_split_cells(before: Table, after: Table) -> None:
    """Rejoin a merged label cell that a page break cut in two (“（四）无” | “法提供”).

    The table on the next page begins with an unnumbered text in the same column as a text cell that
    reached the bottom of the table on the page before, and the two together make a known label.
    """
    last_row = len(before.grid) - 1
    bottom = [c for c in before.cells if c.r1 == last_row and c.text and not _NUMERIC.match(c.text)]
    for cell in after.cells:
        if cell.r0 != 0 or not _fragment(cell.text):
            continue
        for above in bottom:
            same_column = abs(above.x0 - cell.x0) <= 3 * SNAP and abs(above.x1 - cell.x1) <= 3 * SNAP
            if same_column and rejoins(above.text, cell.text):
                above.text = join_lines([above.text, cell.text])
                before.grid[above.r0][above.c0] = above.text
                after.grid[0][cell.c0] = ""
                cell.text = ""
                break
