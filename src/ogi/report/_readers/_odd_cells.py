"""Cells that print something that is not a value of their kind: “64%”, “约30”, “-5”, twenty digits.

Such a cell must not become a silent blank (nor, worse, lend its digits to a neighbour): the row's printed
line is split into its cells (tabs, pipes), each cell that holds digits but no value of its column's kind
(a count; in table 二 also 本年增/减, which may be signed, and amounts) is named with its text as printed,
and when the line has exactly one field per cell the row is read from its fields, the odd ones blank. A row
run together without separators is named as a whole when it prints such a thing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .._format import CellKind
from .._model import Cell
from ._anchors import Text
from ._columns import HeaderColumns
from ._splits import COUNT_DIGITS, field_value

#: A blank as printed.
_BLANK = re.compile(r"[/／]|[\-—–－―‐]+|无|")
#: Things no count prints, found in a row run together: a percentage, an estimate, a negative number.
_ODD_IN_RUN = re.compile(r"\d+(?:\.\d+)?\s*[%％‰]|[约近超逾]\s*\d+|\d+\s*[余多]|(?<!\d)[-−－]\d+")
#: The same in a row one of whose cells may be negative (2019 本年增/减): no negative number.
_ODD_IN_SIGNED_RUN = re.compile(r"\d+(?:\.\d+)?\s*[%％‰]|[约近超逾]\s*\d+|\d+\s*[余多]")
_FIELD_SEP = re.compile(r"[\t|]")
#: A row's printed fields holding nothing odd for sure: short plain counts and blanks between separators.
_PLAIN = re.compile(rf"(?:[\s|]*(?:\d{{1,{COUNT_DIGITS}}}|[/／]|[\-—–－―‐]+|无)(?![^\s|]))*[\s|]*")
#: The start of words that are no cell (a group label “三、本年度办理结果”, prose): CJK but the words of odd
#: prints and count units.
_LABEL_TEXT = re.compile(r"[（(\u4e00-\u9fff](?<![约近超逾余多个项件笔条次家元万无])")
#: How far past a run-together row's numbers an odd print (“%”, “余”) may still belong to its last cell.
_RUN_SLACK = 3


@dataclass(frozen=True)
class OddCell:
    """A printed cell that is no value of its kind; ``index`` is its column, None when the row has no cell structure."""

    index: int | None
    printed: str
    position: int  # offset in the report text


def _fits(part: str, kinds: Sequence[CellKind], max_len: int) -> bool:
    return _BLANK.fullmatch(part) is not None or any(field_value(part, k, max_len) is not None for k in kinds)


def _odd(field: str, kinds: Sequence[CellKind], max_len: int) -> bool:
    """A field that holds digits (or a sign before them) but no value of any of ``kinds`` and no blank."""
    if _fits(field, kinds, max_len) or all(_fits(part, kinds, max_len) for part in field.split()):
        return False  # a value, or values and blanks (several in one field are split by the reader)
    return any(ch.isdigit() for ch in field)


def odd_cells(
    text: Text,
    start: int,
    stop: int,
    kinds: Sequence[CellKind],
    run_end: int,
    max_len: int = COUNT_DIGITS,
    columns: HeaderColumns | None = None,
) -> tuple[list[OddCell], list[tuple[str, int]] | None]:
    """The odd cells of the row whose values begin at ``start`` (before ``stop``, on the same line).

    ``kinds`` are the row's cells; a value has at most ``max_len`` digits before its decimal point.
    ``columns``, when known, say which field of a grid line with merged cells is which column.
    ``run_end`` is where the row's numbers as read end: a row run together without separators (a whole
    table on one line of a web capture) is searched only up to a little past it, not into the prose after.
    Also returns the row's fields (text and offset) when a cell is odd and the line has exactly one per cell,
    for :func:`reread` (else None).
    """
    width = len(kinds)
    line_end = text.text.find("\n", start)
    end = min(stop, line_end if line_end >= 0 else len(text.text))
    label = _LABEL_TEXT.search(text.text, start, end)  # a group label or prose: the row's cells end before it
    end = label.start() if label else end
    raw = text.text[start:end]
    if not _FIELD_SEP.search(raw):  # run together: only what no count prints, right around the numbers
        begin = max(start, text.text.rfind("\n", 0, start) + 1)
        after = text.text[run_end:end]
        reach = run_end + len(after) - len(after.lstrip(" \u3000\xa0")) + _RUN_SLACK
        raw = text.text[begin : min(end, reach)]
        rx = _ODD_IN_SIGNED_RUN if CellKind.SIGNED in kinds else _ODD_IN_RUN
        odd = [OddCell(None, m.group().strip(), begin + m.start()) for m in rx.finditer(raw)]
        return odd, None
    plain = max_len >= COUNT_DIGITS and _PLAIN.fullmatch(raw) is not None  # short counts and blanks only
    if plain and (columns is None or label is not None):  # the fields are these: nothing odd (no reread)
        return [], None
    parts: list[tuple[str, int]] = []
    pos = 0
    for piece in _FIELD_SEP.split(raw):
        lead = len(piece) - len(piece.lstrip())
        parts.append((piece.strip(), start + pos + lead))
        pos += len(piece) + 1
    while parts and not parts[0][0] and (len(parts) > width or not parts[-1][0]):
        parts = parts[1:]  # the separator right after the label, and the places of a merged label cell
    while parts and not parts[-1][0]:
        parts.pop()
    if len(parts) != width and columns is not None and label is None:  # words in a cell: its fields are unsure
        parts = columns.line_cells(start) or parts
    elif plain:
        return [], None
    if len(parts) == width:  # each field is its column's cell
        odd = [
            OddCell(i, f, at)
            for i, ((f, at), kind) in enumerate(zip(parts, kinds, strict=True))
            if _odd(f, (kind,), max_len)
        ]
        return odd, parts if odd else None
    return [OddCell(None, f, at) for f, at in parts if _odd(f, kinds, max_len)], None  # a field may be any cell


def reread(
    text: Text, fields: Sequence[tuple[str, int]], kinds: Sequence[CellKind], max_len: int = COUNT_DIGITS
) -> tuple[Cell, ...]:
    """A row read from its fields, one per cell: values as printed, odd cells blank with their text."""
    out = []
    for (field, at), kind in zip(fields, kinds, strict=True):
        value = field_value(field, kind, max_len)
        if value is not None:
            out.append(Cell(value, field, text.source(at, field)))
        elif _odd(field, (kind,), max_len):
            out.append(Cell(None, field, text.source(at, field)))
        else:
            out.append(Cell(None, None, text.source(at)))
    return tuple(out)
