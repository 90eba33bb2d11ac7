"""Words outside ruled tables → visual rows: prose lines, and the rows of tables drawn without rules.

Where no ruling lines enclose a word, there is no grid to place it in: the words are grouped into
visual rows by position, and within a row into cells by column (text overlapping in x is one cell,
a label wrapped over two lines). A prose line comes out as a row of one cell. A column of single
characters set one under another (a vertical header) is joined into one text first.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from ._blocks import SNAP, Piece, Row, Word, cell_text, runs, tall_height, visual_rows
from ._wrapped_labels import gather_wrapped_labels


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
    """Visual rows of text pieces; a vertical run of characters (a tall piece) is a row of its own.

    The other pieces form their visual rows together: a tall run beside a table row (a merged label
    stacked two characters a line) must not cut that row in two.
    """
    if not items:
        return []
    tall = tall_height(items)
    rows = [Row(p.y0, p.y1, [p.text], p.x0, p.x1) for p in items if p.y1 - p.y0 > tall]
    lines = visual_rows(p for p in items if p.y1 - p.y0 <= tall)
    rows.extend(_row(line) for line in gather_wrapped_labels(lines))
    rows.sort(key=lambda r: r.y0)
    return rows


def _row(line: list[Piece]) -> Row:
    """One visual row: pieces overlapping in x form one cell (wrapped text), left to right."""
    columns = runs(line, lambda p: p.x0, lambda p: p.x1, lambda p: 1.0)
    x0, x1 = min(p.x0 for p in line), max(p.x1 for p in line)
    return Row(line[0].y0, max(p.y1 for p in line), [cell_text(column) for column in columns], x0, x1)


def rows_outside_tables(words: Sequence[Word]) -> list[Row]:
    """The visual rows of the words that lie in no ruled table, top to bottom."""
    return _rows(_stack_vertical(_lines_of_words(words)))
