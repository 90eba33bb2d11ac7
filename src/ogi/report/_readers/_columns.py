"""Where a table's columns stand, and how its header prints them.

Grids (Word, HTML, Markdown tables) keep each cell in a tab/pipe field; when empty cells print as nothing,
only the header still says which field is which column (:class:`HeaderColumns`). Some tools add a
法人或其他组织 subtotal column to table 三, which is read without it. Column labels printed in a known
variant form are recorded, so writers and checks can show the report's own wording.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .._format import T3_COLUMNS, T3_LEGAL_PERSONS, CellKind, Column, normalize_label
from ._anchors import Text, label_regex
from ._rows import RowText, TableResult, positional, value_pieces
from ._splits import Token, parse_cell

CELL_SEP = re.compile(r"[\t|]")
#: How many lines above a table 二 row its block's header line may stand.
_HEADER_LINES_UP = 4


def _token_fields(text: Text, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(line index, field index) of each token's start; fields are tab/pipe separated.

    For tokens in text order (a row's) the line is found once and the separators are counted on from the
    previous token. Kept on the text for the read: the header columns and the row placement ask for the
    same tokens.
    """
    known = text.fields_at
    whole, starts = text.text, text.starts
    out = []
    line, line_end, last, field = -1, -1, 0, 0
    for tok in tokens:
        pos = tok.start
        found = known.get(pos)
        if found is None:
            if not (last <= pos < line_end):
                line = max(0, bisect.bisect_right(starts, pos) - 1)
                line_end = starts[line + 1] if line + 1 < len(starts) else len(whole) + 1
                last, field = starts[line], 0
            field += whole.count("\t", last, pos) + whole.count("|", last, pos)
            last = pos
            found = known[pos] = (line, field)
        out.append(found)
    return out


@dataclass(frozen=True, eq=False)
class HeaderColumns:
    """The field of its line each column stands in, read off the header (grids, Word/Markdown tables).

    Rows whose empty cells print as nothing (“…\t1\t\t”, a blank 总计 or applicant cell) lose their
    positions in the value text; the field index of each number still says its column.
    """

    text: Text
    fields: tuple[int, ...]  # field index of each column
    trusted: bool  # a full row of numbers stands exactly in these fields
    width: int  # fields in the header line: a row line of another width lost or gained cells

    def place(self, row: RowText) -> tuple[int | None, ...] | None:
        """The token of each cell by the field each number stands in; None when a number stands elsewhere."""
        if not row.tokens or (len(row.tokens) == 1 and not self.trusted) or len(row.tokens) > len(self.fields):
            return None
        spots = _token_fields(self.text, row.tokens)
        lines = {line for line, _ in spots}
        if len(lines) != 1 or any(f not in self.fields for _, f in spots):
            return None
        line = self.text.lines[lines.pop()].text
        if line.count("\t") + line.count("|") + 1 != self.width:
            return None
        cells: list[int | None] = [None] * len(self.fields)
        for i, (_, f) in enumerate(spots):
            k = self.fields.index(f)
            if cells[k] is not None:
                return None
            cells[k] = i
        return tuple(cells)

    def line_cells(self, pos: int) -> list[tuple[str, int]] | None:
        """Each column's field (text, offset) on the line of ``pos``, a row line of a grid with merged cells.

        Only when the line is as wide as the header and its other fields past the label are empty (the
        places of a merged cell): then the header says which field is which column. None otherwise.
        """
        i = self.text.line_index(pos)
        line_start = self.text.starts[i]
        line = self.text.text[line_start : line_start + len(self.text.lines[i].text)]
        pieces = CELL_SEP.split(line)
        if len(pieces) != self.width:
            return None
        at = list(itertools.accumulate((len(p) + 1 for p in pieces[:-1]), initial=line_start))
        if any(pieces[n].strip() for n in range(self.fields[0], len(pieces)) if n not in self.fields):
            return None
        out = []
        for f in self.fields:
            lead = len(pieces[f]) - len(pieces[f].lstrip())
            out.append((pieces[f].strip(), at[f] + lead))
        return out


def placed(row: RowText, kinds: Sequence[CellKind], columns: HeaderColumns | None) -> tuple | None:
    """The row's cells by position: the header's fields when known, else the row's own tab/pipe fields.

    None when neither places every number, or a placed number cannot be a cell of its kind.
    """
    pos = columns.place(row) if columns is not None else None
    if pos is None:
        pos = positional(row, len(kinds))
    return value_pieces(row, pos, kinds) if pos is not None else None


def block_header_columns(text: Text, row_start: int, cols: Sequence[Column]) -> HeaderColumns | None:
    """Where a table 二 block's columns stand, from its header line (“信息内容\t本年新制作数量\t…”) above the row.

    A label with a gloss (“上一年项目数量(指2019年事项数)”) counts as the label.
    """
    row_line = text.line_index(row_start)
    if not CELL_SEP.search(text.lines[row_line].text):
        return None
    names = [(k, normalize_label(name)) for k, col in enumerate(cols) for name in col.labels]
    for i in range(row_line - 1, max(-1, row_line - 1 - _HEADER_LINES_UP), -1):
        found: dict[int, int] = {}
        for n, field_text in enumerate(CELL_SEP.split(text.lines[i].text)):
            folded = normalize_label(field_text)
            k = next((k for k, name in names if folded.startswith(name)), None)
            if k is not None and k not in found:
                found[k] = n
        if len(found) == len(cols):
            fields = tuple(found[k] for k in range(len(cols)))
            if list(fields) == sorted(set(fields)):
                return HeaderColumns(text, fields, True, len(CELL_SEP.findall(text.lines[i].text)) + 1)
            return None
    return None


def table3_header_columns(text: Text, start: int, first_row: int, texts: dict[str, RowText]) -> HeaderColumns | None:
    """Where table 三's 7 columns stand, when the header prints each label in a field of its own, in order."""
    names = {normalize_label(name): k for k, col in enumerate(T3_COLUMNS) for name in col.labels}
    found: dict[int, int] = {}
    widths: set[int] = set()
    for i in range(text.line_index(start), text.line_index(first_row) + 1):
        line_start = text.starts[i]
        line = text.text[line_start : line_start + len(text.lines[i].text)]
        if not CELL_SEP.search(line):
            continue
        pos = 0
        for n, field_text in enumerate(CELL_SEP.split(line)):
            k = names.get(normalize_label(field_text))
            if k is not None and k not in found and line_start + pos < first_row:
                found[k] = n
                widths.add(len(CELL_SEP.findall(line)) + 1)
            pos += len(field_text) + 1
    fields = tuple(found.get(k, -1) for k in range(7))
    if -1 in fields or list(fields) != sorted(set(fields)) or len(widths) != 1:
        return None
    full = [r for r in texts.values() if len(r.tokens) == 7]
    if any(tuple(f for _, f in _token_fields(text, r.tokens)) != fields for r in full):
        return None  # the rows do not stand where the header says: do not trust it
    return HeaderColumns(text, fields, bool(full), widths.pop())


def printed_column_variants(region: str, columns: Sequence[Column], table: str, printed: dict[str, str]) -> None:
    """Record (in ``printed``) the variant each column label takes in the header ``region`` (folded text).

    Only where the official label itself is absent; a column already recorded keeps its first variant.
    """
    for col in columns:
        key = f"{table}.col.{col.code}"
        if key in printed or _label_pattern(col.label).search(region):
            continue
        for variant in col.variants:
            if _label_pattern(variant).search(region):
                printed[key] = variant
                break


@functools.cache
def _label_pattern(label: str) -> re.Pattern[str]:
    """A column label of the format as a pattern (compiled once per label)."""
    return re.compile(label_regex(label))


# --------------------------------------------------------------------------- table 三 subtotal column

#: Where tools put a 法人或其他组织 subtotal in an 8-column table 三: right after 自然人, or right after 其他.
_SUBTOTAL_AT = {1: range(2, 7), 6: range(1, 6)}
_SUBTOTAL_WORD = re.compile(r"小计|合计")


def _eight_cells(row: RowText) -> list[int | None] | None:
    """The token of each cell of a row printed 8 cells wide (tab/pipe/line fields, or spaced numbers)."""
    fields = row.fields
    while len(fields) > 8 and not fields[0]:  # the empty grid cells of a label spanning several columns
        fields = fields[1:]
    if len(fields) == 8 and all(len(f) <= 1 for f in fields):
        return [f[0] if f else None for f in fields]
    if len(row.fields) <= 1 and len(row.tokens) == 8:
        return list(range(8))
    return None


def _count(row: RowText, token: int | None) -> int | None:
    if token is None or row.tokens[token].blank:
        return None
    value = parse_cell(row.tokens[token].digits, row.tokens[token].sign, CellKind.COUNT)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def without_subtotal_column(texts: dict[str, RowText], header: str, result: TableResult) -> dict[str, RowText]:
    """Rows of a table 三 printed with an added 法人或其他组织 subtotal column, read without it.

    The official table has 7 columns; some tools add the subtotal of the five legal-person columns. When
    most rows are 8 cells wide and one of the two places a subtotal goes holds the sum of the five cells
    beside it, that column is left out (and noted). A tie between the two places is settled by where the
    header prints 小计/合计; without one, the place after 其他 is taken.
    """
    eight = {code: cells for code, rt in texts.items() if (cells := _eight_cells(rt)) is not None}
    if len(eight) * 2 <= len(texts):
        return texts
    score: dict[int, tuple[int, int]] = {}
    for at, parts in _SUBTOTAL_AT.items():
        holds = broken = 0
        for code, cells in eight.items():
            values = [_count(texts[code], t) for t in cells]
            addends = [values[i] for i in parts]
            if values[at] is None or any(v is None for v in addends):
                continue
            if values[at] == sum(addends):  # type: ignore[arg-type]
                holds += 1
            else:
                broken += 1
        score[at] = (holds - broken, holds)
    fitting = [at for at in score if score[at][0] > 0]
    if not fitting:
        return texts
    best = max(score[at] for at in fitting)
    places = [at for at in fitting if score[at] == best]
    if len(places) > 1:
        word = _SUBTOTAL_WORD.search(header)
        firm = header.find(normalize_label(T3_COLUMNS[1].label))
        places = [1 if word and 0 <= word.start() < firm else 6]
    at = places[0]
    out = dict(texts)
    for code, cells in eight.items():
        row = texts[code]
        dropped = cells[at]
        kept = [i for i in range(len(row.tokens)) if i != dropped]
        new_index = {old: new for new, old in enumerate(kept)}
        fields = tuple((new_index[t],) if t is not None else () for i, t in enumerate(cells) if i != at)
        out[code] = RowText(row.start, row.text, tuple(row.tokens[i] for i in kept), fields)
    where = "自然人之后" if at == 1 else "其他之后"
    result.notes.append(
        f"表三多出一列“{T3_LEGAL_PERSONS}”小计（{where}，{len(eight)} 行），不属于官方格式的 7 列，读取时略去"
    )
    return out
