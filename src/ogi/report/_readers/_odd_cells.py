"""Count cells that print something that is not a count: “64%”, “约30”, “-5”, twenty digits.

Such a cell must not become a silent blank (nor, worse, lend its digits to a neighbour): the row's printed
line is split into its cells (tabs, pipes), each cell that holds digits but is no count is named with its
text as printed, and when the line has exactly one field per cell the row is read from its fields, the odd
ones blank. A row run together without separators is named as a whole when it prints such a thing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .._model import Cell
from ._anchors import Text
from ._splits import COUNT_DIGITS

#: A count as printed: digits (thousands grouped by commas, a “.0” tail), maybe a count word after it.
_COUNT = re.compile(r"\+?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?\s*[个项件笔条次家]?")
#: A blank as printed.
_BLANK = re.compile(r"[/／]|[\-—–－―‐]+|无|")
#: Things no count prints, found in a row run together: a percentage, an estimate, a negative number.
_ODD_IN_RUN = re.compile(r"\d+(?:\.\d+)?\s*[%％‰]|[约近超逾]\s*\d+|\d+\s*[余多]|(?<!\d)[-−－]\d+")
_FIELD_SEP = re.compile(r"[\t|]")
#: The start of words that are no cell (a group label “三、本年度办理结果”, prose): CJK but the words of odd
#: prints and count units.
_LABEL_TEXT = re.compile(r"[（(\u4e00-\u9fff](?<![约近超逾余多个项件笔条次家元万无])")
#: How far past a run-together row's numbers an odd print (“%”, “余”) may still belong to its last cell.
_RUN_SLACK = 3


@dataclass(frozen=True)
class OddCell:
    """A printed cell that is not a count; ``index`` is its column, None when the row has no cell structure."""

    index: int | None
    printed: str
    position: int  # offset in the report text


def _is_count(field: str) -> bool:
    m = _COUNT.fullmatch(field)
    return m is not None and len(field.split(".")[0].replace(",", "").lstrip("+")) <= COUNT_DIGITS


def _odd(field: str) -> bool:
    """A field that holds digits (or a sign before them) but no count and no blank."""
    if all(_BLANK.fullmatch(token) or _is_count(token) for token in field.split()):
        return False  # counts and blanks (several in one field are split by the reader)
    return any(ch.isdigit() for ch in field)


def odd_cells(
    text: Text, start: int, stop: int, width: int, run_end: int
) -> tuple[list[OddCell], list[tuple[str, int]] | None]:
    """The odd cells of the row whose values begin at ``start`` (before ``stop``, on the same line).

    ``run_end`` is where the row's numbers as read end: a row run together without separators (a whole
    table on one line of a web capture) is searched only up to a little past it, not into the prose after.
    Also returns the row's fields (text and offset) when its line has exactly ``width`` of them (else None).
    """
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
        odd = [OddCell(None, m.group().strip(), begin + m.start()) for m in _ODD_IN_RUN.finditer(raw)]
        return odd, None
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
    exact = len(parts) == width
    odd = [OddCell(i if exact else None, field, at) for i, (field, at) in enumerate(parts) if _odd(field)]
    return odd, parts if exact else None


def reread(text: Text, fields: Sequence[tuple[str, int]]) -> tuple[Cell, ...]:
    """A row read from its fields, one per cell: counts as printed, odd cells blank with their text."""
    out = []
    for field, at in fields:
        if _is_count(field):
            digits = field.split(".")[0].replace(",", "").lstrip("+")
            value = int("".join(ch for ch in digits if ch.isdigit()))
            out.append(Cell(value, field, text.source(at, field)))
        elif _odd(field):
            out.append(Cell(None, field, text.source(at, field)))
        else:
            out.append(Cell(None, None, text.source(at)))
    return tuple(out)
