"""The shapes of PDF layout and how the pieces of text in one box read as one text.

Every step of the layout (``_layout`` and the modules it calls) works on these plain tuples and
dataclasses: PyMuPDF's words and ``Piece``s go in, ruled ``Table``s and ``Row``s come out. Grouping
pieces that overlap along one direction is the one move behind a cell's lines, a row's cells and a
page's visual rows, so it lives here once, as ``runs``; joining touching rules into figures and
grid positions into merged cells is the other shared move, ``Groups``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

#: Rules closer than this (points) are the same rule; words this far outside a grid still belong to it.
SNAP = 2.0
#: A table cell's number (a count, a signed change, an amount).
CELL_NUMBER = re.compile(r"[+\-]?[\d,]+(?:\.\d+)?")
#: The later lines of a number wrapped in its cell.
_WRAPPED_DIGITS = re.compile(r"[\d,]+(?:\.\d+)?")

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
    """A ruled table on one page, ``y0`` its top; ``grid`` is rectangular with covered positions empty."""

    y0: float
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


def runs(
    pieces: Iterable[Piece],
    start: Callable[[Piece], float],
    end: Callable[[Piece], float],
    overlap: Callable[[Piece], float],
) -> list[list[Piece]]:
    """Pieces in order of ``start`` cut into runs along one direction (down a page, or along a line).

    A piece joins the run before it when it starts more than ``overlap(piece)`` before the farthest
    ``end`` of that run; otherwise it opens a run of its own.
    """
    out: list[list[Piece]] = []
    far = float("-inf")
    for p in sorted(pieces, key=start):
        if out and far - start(p) > overlap(p):
            out[-1].append(p)
            far = max(far, end(p))
        else:
            out.append([p])
            far = end(p)
    return out


class Groups:
    """Disjoint groups of the numbers 0..n-1 (union-find): rules joined into figures, positions into cells."""

    __slots__ = ("parent",)

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The group of ``i``, named by its smallest member."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def tall_height(pieces: list[Piece]) -> float:
    """Pieces taller than this (three median heights) are vertical runs of characters, not text lines."""
    heights = sorted(p.y1 - p.y0 for p in pieces)
    return 3 * heights[len(heights) // 2]


def visual_rows(pieces: Iterable[Piece]) -> list[list[Piece]]:
    """Pieces grouped into visual rows, top to bottom: a piece that reaches a third of its height into
    the row above is part of it (a label wrapped beside its one-line neighbours)."""
    return runs(pieces, _top, _bottom, _row_overlap)


def _top(p: Piece) -> float:
    return p.y0


def _bottom(p: Piece) -> float:
    return p.y1


def _row_overlap(p: Piece) -> float:
    return 0.3 * (p.y1 - p.y0)


def join_lines(parts: list[str]) -> str:
    """Join the lines of one cell: no space in Chinese, one space between two Latin/digit ends."""
    out = ""
    for part in parts:
        if out and part and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out


def cell_text(pieces: list[Piece]) -> str:
    """The text of the pieces in one cell: visual lines top to bottom, each left to right.

    A piece whose middle lies above the lowest bottom of the line so far belongs to that line.
    """
    if len(pieces) < 2:  # most cells: nothing to order
        return pieces[0].text if pieces else ""
    texts = []
    for line in runs(pieces, _middle, _bottom, _no_overlap):
        line.sort(key=lambda p: p.x0)
        text = line[0].text
        for prev, p in itertools.pairwise(line):
            text += (" " if p.x0 - prev.x1 > 0.25 * (p.y1 - p.y0) else "") + p.text
        texts.append(text)
    if len(texts) > 1 and all(_WRAPPED_DIGITS.fullmatch(t) for t in texts[1:]) and CELL_NUMBER.fullmatch(texts[0]):
        return "".join(texts)  # a number wrapped in a narrow cell (“330” over “0”) is one number
    return join_lines(texts)


def _middle(p: Piece) -> float:
    return (p.y0 + p.y1) / 2


def _no_overlap(p: Piece) -> float:
    return 0.0
