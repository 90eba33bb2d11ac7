"""A table row's value text and the cells read from it: what the table 二, 三 and 四 readers share.

Each row's value text is what lies between its label and the next label (or the first character that
cannot belong to a number). Its cells are recovered in this order of trust: the cell structure (header
fields, or tabs/pipes when they give exactly the row's width); the splits of the digit runs that obey the
row rule; what still splits several ways is marked ambiguous, never guessed.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .._format import CellKind
from .._frozen import quick_init
from .._model import Cell, Number
from ._anchors import Match, Text, scan_value
from ._splits import VALUE_CHARS, Piece, Token, parse_cell, tokenize


@dataclass
class TableResult:
    """What a table parser found; ``span`` is the table's extent in the text (cut out of section prose)."""

    cells: dict[str, Cell] = field(default_factory=dict)
    rows: dict[str, tuple[Cell, ...]] = field(default_factory=dict)
    span: tuple[int, int] | None = None
    notes: list[str] = field(default_factory=list)
    printed: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    found: int = 0
    split_other: bool | None = None
    #: cells (path within the table, or a row code when the column is unknown) printing no value of their kind
    #: (a count; in table 二 also a signed change or an amount), as printed
    odd: dict[str, Cell] = field(default_factory=dict)
    #: rows whose line ends after their last number: not cut off by the end of a truncated text
    ended: set[str] = field(default_factory=set)


@quick_init
@dataclass(frozen=True)
class RowText:
    start: int  # offset of the value text
    text: str
    tokens: tuple[Token, ...]
    fields: tuple[tuple[int, ...], ...]

    @classmethod
    def read(cls, raw: str, start: int) -> RowText:
        """The tokens and tab/pipe fields of ``raw``, which stands at offset ``start`` of the text."""
        tokens, fields = tokenize(raw, start)
        return cls(start, raw, tuple(tokens), tuple(tuple(f) for f in fields))

    @property
    def shown(self) -> str:
        """The value text on one line, as notes quote it."""
        return " ".join(self.text.split())


_LINE_END = re.compile(r"[ \t\u3000|]*[\r\n]")


def next_start(starts: Sequence[int], pos: int, end: int) -> int:
    """The first of the sorted ``starts`` after ``pos`` (the next row's label), else ``end``."""
    i = bisect.bisect_right(starts, pos)
    return starts[i] if i < len(starts) else end


def line_ended(text: Text, row: RowText) -> bool:
    """True when a line break follows the row's last number (its printed line is complete, not cut off)."""
    if not row.tokens:
        return False
    last = row.tokens[-1]
    end = last.start + len(last.raw)
    m = _LINE_END.match(text.text, end)
    return m is not None


#: Count words printed right after a number (“2笔 984361元”, “3项”): part of the cell, not the end of the row.
_COUNT_UNITS = frozenset("个项件笔条次家")


def row_text(text: Text, match: Match, stop: int) -> RowText:
    """The value text after ``match``, ending at ``stop`` (the next label) or the first non-value character."""
    end = min(scan_value(text, match.end, stop, VALUE_CHARS), stop)
    folded = text.folded
    while match.end < end < stop and folded[end] in _COUNT_UNITS and folded[end - 1].isdigit():
        end = min(scan_value(text, end + 1, stop, VALUE_CHARS), stop)
    return RowText.read(text.text[match.end : end], match.end)


def positional(row: RowText, width: int) -> tuple[int | None, ...] | None:
    """The token of each cell by the tab/pipe structure, when it has exactly ``width`` fields of at most one token."""
    fields = row.fields
    if len(fields) > width and width == 1:
        values = {row.tokens[i].raw for f in fields for i in f}
        if len(values) == 1:  # a merged cell repeated by the extractor
            fields = fields[:1]
    if len(fields) != width or any(len(f) > 1 for f in fields) or (len(fields) <= 1 and width > 1):
        return None
    return tuple(f[0] if f else None for f in fields)


_THIN_GAP = frozenset((" ", "\u2009", "\u202f", "\xa0"))


def spaced_thousands(row: RowText, width: int, notes: list[str], what: str) -> RowText:
    """A row whose numbers group thousands with a space (“1 234”), read with those groups joined.

    Only when it is unambiguous: the row has more numbers than cells, its cells are set apart by wider
    gaps (tabs, several spaces) while single spaces stand only between a group of 1–3 digits and one of
    exactly 3, and joining them leaves exactly ``width`` numbers (a one-cell row may be all single spaces).
    Otherwise the row is returned as it is.
    """
    tokens = row.tokens
    if len(tokens) <= width:
        return row
    gaps = [row.text[a.start + len(a.raw) - row.start : b.start - row.start] for a, b in itertools.pairwise(tokens)]
    thin = [g in _THIN_GAP for g in gaps]
    wide = [bool(re.search(r"[\t|\n]|\s\s", g)) for g in gaps]
    if not any(thin) or (all(thin) and width > 1) or not all(t or w for t, w in zip(thin, wide, strict=True)):
        return row
    merged: list[Token] = []
    for i, tok in enumerate(tokens):
        if i and thin[i - 1]:
            prev = merged[-1]
            ok = not tok.blank and not tok.sign and re.fullmatch(r"\d{3}(?:\.\d+)?", tok.digits) is not None
            ok = ok and not prev.blank and "." not in prev.digits and len(prev.digits.split(",")[-1]) <= 3
            ok = ok and (len(prev.digits) <= 3 or prev.atomic)
            if not ok:
                return row
            raw = row.text[prev.start - row.start : tok.start + len(tok.raw) - row.start]
            merged[-1] = dataclasses.replace(prev, raw=raw, digits=prev.digits + tok.digits, atomic=True)
        else:
            merged.append(tok)
    if len(merged) != width:
        return row
    index = {id(t): i for i, t in enumerate(merged)}
    fields = tuple(tuple(index[id(t)] for t in merged if t.field == f) for f in sorted({t.field for t in merged}))
    shown = "、".join(f"“{t.raw}”" for t in merged if " " in t.raw or "\u2009" in t.raw or "\xa0" in t.raw)
    notes.append(f"{what}的{shown}以空格分隔千位，按一个数读取")
    return RowText(row.start, row.text, tuple(merged), fields if len(fields) == width else ())


def value_pieces(row: RowText, placed: Sequence[int | None], kinds: Sequence[CellKind]) -> tuple | None:
    """The pieces of cells placed by position (the token of each cell, or None), their values parsed;
    None when a field cannot be a cell of its kind."""
    out: list[Piece | None] = []
    tokens = row.tokens
    for index, kind in zip(placed, kinds, strict=True):
        if index is None:
            out.append(None)
            continue
        tok = tokens[index]
        if tok.blank:
            out.append(Piece(None, index))
            continue
        value = parse_cell(tok.digits, tok.sign, kind)
        if value is False:
            return None
        out.append(Piece(value, index))
    return tuple(out)


def make_cell(text: Text, row: RowText, piece: Piece | None) -> Cell:
    """The cell of ``piece`` (a blank cell at the row's start when there is none, or it vanished: token -1)."""
    if piece is None or piece.token < 0:
        return Cell(None, None, text.source(row.start))
    tok = row.tokens[piece.token]
    return Cell(piece.value, tok.raw, text.source(tok.start, tok.raw))


def _ambiguous_cell(text: Text, row: RowText, values: Sequence[Number | None]) -> Cell:
    candidates = tuple(sorted({v for v in values if v is not None}))
    return Cell(None, row.shown, text.source(row.start, row.shown), candidates)


def merge_readings(
    text: Text, row: RowText, readings: Sequence[Sequence[Piece | None]], width: int, capped: bool = False
) -> tuple[list[Cell], list[int]]:
    """Cells equal across all readings are determined; the others ambiguous. Returns cells and ambiguous indexes.

    When the enumeration was ``capped``, unseen readings may differ anywhere: every cell is ambiguous.
    """
    if len(readings) == 1 and not capped:  # the common case: one reading, every cell determined
        only = readings[0]
        return [make_cell(text, row, only[i]) for i in range(width)], []
    cells: list[Cell] = []
    unsure: list[int] = []
    for i in range(width):
        values = [p.value if p is not None else None for p in (r[i] for r in readings)]
        if len(set(values)) == 1 and not capped:
            cells.append(make_cell(text, row, readings[0][i]))
        else:
            # a blank that vanished from a short row (``_short_rows.Vanished``) offers the value its row implies
            implied = [getattr(r[i], "implied", None) for r in readings]
            cells.append(_ambiguous_cell(text, row, [*values, *implied]))
            unsure.append(i)
    return cells, unsure
