"""Table 三 (收到和处理政府信息公开申请情况) read from anchored report text.

Rows are found by their labels (misspelt ones near their neighbours; when labels went missing or astray,
by the order of the runs of numbers). Each row is read by its cell structure or by the splits of its digits
that obey the row rule; a lone number is its 总计 (applicant cells blank, as in the seed). Rows that still
split several ways are settled jointly in :mod:`._table3_choice`; what remains undecided is ambiguous.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from .._format import (
    T3_APPLICANTS,
    T3_COLUMN_CODES,
    T3_COLUMNS,
    T3_HEADER_NOTE,
    T3_OTHER_2021,
    T3_OUTCOMES_LABEL,
    CellKind,
    Table3Row,
    normalize_label,
    t3_rows,
)
from .._model import Cell
from ._anchors import Label, Match, Text, anchor_sequence, find, fuzzy_in_gap, label_regex, scan_value
from ._columns import HeaderColumns, placed, printed_column_variants, table3_header_columns, without_subtotal_column
from ._odd_cells import odd_cells, reread
from ._rows import RowText, TableResult, line_ended, merge_readings, next_start, row_text, spaced_thousands
from ._short_rows import short_row_readings, with_short_readings
from ._splits import COUNT_DIGITS, VALUE_CHARS, Piece, parse_cell, split_cells
from ._table3_choice import Reading, choose_jointly

#: The row rule: 总计 (the 7th cell) is the sum of the six applicant cells.
_T3_GROUPS = ((0, 7),)
#: How far before the first row label the column header may start.
_HEADER_REACH = 3000
_ITEM_NUMBER_TAIL = re.compile(r"\d{1,2}\s*[.、]\s*$")
_BLANK_ROW: Reading = (None,) * 7
_COUNTS = (CellKind.COUNT,) * 7


@functools.cache
def t3_label(row: Table3Row) -> Label:
    """The row's label (one per row of the format: kept, with what its search needs built once)."""
    return Label(row.code, row.names, row.number, need_number=len(row.name) <= 3)


def detect_split_other(text: Text, start: int, end: int) -> bool | None:
    """True for the three （六） sub-rows (2021), False for a single （六）其他处理 row, None when unseen."""
    if any(find(text, t3_label(row), start, end) for row in T3_OTHER_2021):  # any of the three: one may be lost
        return True
    single = t3_rows(False)
    other = next(r for r in single if r.code == "other")
    if find(text, t3_label(other), start, end):
        return False
    return None


def parse_table3(text: Text, start: int, end: int, split_hint: bool) -> TableResult:
    """Table 三 in [start, end) of ``text``; ``split_hint`` is the row layout assumed when none is seen."""
    result = TableResult()
    split = detect_split_other(text, start, end)
    result.split_other = split if split is not None else split_hint
    rows = t3_rows(result.split_other)
    labels = [t3_label(r) for r in rows]
    found = anchor_sequence(text, labels, start, end)
    if not found:
        result.missing = [r.full_label for r in rows]
        return result
    # misspelt labels: look between the neighbours that were found
    for i, row in enumerate(rows):
        if row.code in found:
            continue
        prev = next((found[r.code].end for r in reversed(rows[:i]) if r.code in found), None)
        nxt = next((found[r.code].start for r in rows[i + 1 :] if r.code in found), None)
        if prev is None or nxt is None:
            continue
        m = fuzzy_in_gap(text, labels[i], prev, nxt)
        if m is not None:
            found[row.code] = m
            result.notes.append(f"表三“{row.full_label}”一行的标签印作“{m.printed}”，按近似匹配识别")
    result.missing = [r.full_label for r in rows if r.code not in found]
    result.found = len(found)
    texts: dict[str, RowText] = {}
    cut_short = end >= len(text.text.rstrip())  # nothing after the table: the text may end inside it
    by_order = _rows_by_order(text, rows, found, end, cut_short) if result.missing else None
    if by_order is not None:
        texts = by_order
        result.missing = []
        result.notes.append("表三部分行的标签缺失或错位，按数据行的顺序读取")
    else:  # each row found by its label; a row whose label is not there is missing (read the rest)
        starts = sorted(m.start for m in found.values())
        for row in rows:
            m = found.get(row.code)
            if m is not None:
                nxt = next_start(starts, m.start, end)
                texts[row.code] = _past_label_tail(text, m, row_text(text, m, nxt), nxt)
    present = [row for row in rows if row.code in texts]
    if len(present) < len(rows):  # a table with rows lost: a label with no number after it is no row read
        present = [row for row in present if texts[row.code].tokens]
        texts = {row.code: texts[row.code] for row in present}
    for row in rows:
        m = found.get(row.code)
        if m is not None and normalize_label(m.printed) != normalize_label(row.name) and m.name:
            result.printed[f"table3.row.{row.code}"] = m.printed
    first_label = min(m.start for m in found.values())
    header_from = max(start, first_label - _HEADER_REACH)
    texts = without_subtotal_column(texts, text.folded[header_from:first_label], result)
    columns = table3_header_columns(text, header_from, first_label, texts)
    readings: dict[str, list[Reading]] = {}
    capped: set[str] = set()
    for row in present:
        if line_ended(text, texts[row.code]):
            result.ended.add(row.code)
        readings[row.code], cut = _readings(texts[row.code], row, result.notes, columns)
        if cut:
            capped.add(row.code)
    for i, row in enumerate(rows[:-1]):
        if rows[i + 1].code not in texts and readings.get(row.code) == [_BLANK_ROW] and texts[row.code].tokens:
            # numbers that cannot be split, followed by a row whose label is lost: they may hold both rows
            del readings[row.code]
            present.remove(row)
    if not present:
        return result
    chosen = choose_jointly(rows, readings, result.notes, texts, capped)
    starts = sorted(m.start for m in found.values())
    for row in present:
        rt = texts[row.code]
        options = chosen[row.code]
        cells, unsure = merge_readings(text, rt, options, 7, row.code in capped)
        result.rows[row.code] = _with_odd_cells(text, row.code, tuple(cells), rt, starts, end, result)
        if len(options) > 1 or row.code in capped:
            cols = "、".join(T3_COLUMNS[i].label for i in unsure)
            result.notes.append(
                f"表三“{row.full_label}”一行的“{rt.shown}”有 {len(options)} 种同样符合勾稽关系的拆分，无法确定：{cols}"
            )
    first = (
        first_label
        if rows[0].code in found or rows[0].code not in texts
        else min(texts[rows[0].code].start, first_label)
    )
    header = [find(text, Label("h", (words,)), start, first) for words in (T3_HEADER_NOTE, T3_APPLICANTS)]
    span_start = min([first, *(h.start for h in header if h is not None)])
    last = texts[present[-1].code]
    result.span = (span_start, last.start + len(last.text.rstrip()))
    printed_column_variants(text.folded[span_start:first], T3_COLUMNS, "table3", result.printed)
    outcomes = next((found[r.code] for r in rows if r.is_outcome and r.code in found), None)
    if outcomes is not None:
        _repeated_outcomes_label(text, outcomes.end, result.span[1], result)
    return result


#: The rest of a label a converter broke onto the next table row (“1.本机关不掌握相关政” / “府信息”).
_LABEL_TAIL = re.compile(r"[\u4e00-\u9fff（）()“”、]{1,12}")


def _past_label_tail(text: Text, m: Match, rt: RowText, stop: int) -> RowText:
    """The row's numbers when they stand after the rest of its broken label, on the next printed row.

    A row whose label ends in empty cells, followed by a short tail of words and then numbers, has those
    numbers; otherwise the row is as read.
    """
    if rt.tokens or "\n" not in rt.text:  # the label's own line must end (in empty cells) first
        return rt
    tail = _LABEL_TAIL.match(text.folded, rt.start + len(rt.text), stop)
    if tail is None:
        return rt
    after = row_text(text, Match(m.start, tail.end(), m.printed, m.name), stop)
    return after if after.tokens else rt


def _with_odd_cells(
    text: Text, code: str, cells: tuple[Cell, ...], rt: RowText, starts: list[int], end: int, result: TableResult
) -> tuple[Cell, ...]:
    """The row's cells, read again from its fields when one of them prints no count (kept as printed)."""
    start, run_end = rt.start, rt.start + len(rt.text.rstrip())
    stop = next_start(starts, start, end)
    odd, fields = odd_cells(text, start, stop, _COUNTS, run_end)
    if not odd:
        return cells
    if fields is not None:
        cells = reread(text, fields, _COUNTS)
    for o in odd:
        path = code if o.index is None else f"{code}.{T3_COLUMN_CODES[o.index]}"
        result.odd[path] = Cell(None, o.printed, text.source(o.position, o.printed))
    return cells


def value_runs(text: Text, start: int, end: int) -> list[RowText]:
    """The runs of numbers in [start, end), one per line, without the item numbers of labels (“… 2.”)."""
    runs: list[RowText] = []
    folded = text.folded
    pos = start
    end = min(end, len(folded))
    while pos < end:
        if not folded[pos].isdigit():
            pos += 1
            continue
        stop = scan_value(text, pos, end, VALUE_CHARS)
        offset = pos
        for segment in text.text[pos:stop].split("\n"):
            body = segment
            if offset + len(segment) >= stop:  # the run's last line: it may end in the next label's number
                tail = _ITEM_NUMBER_TAIL.search(body)
                if tail and stop < end and not folded[stop].isspace():
                    body = body[: tail.start()]
            run = RowText.read(body, offset)
            if any(not t.blank for t in run.tokens):
                runs.append(run)
            offset += len(segment) + 1
        pos = max(stop, pos + 1)
    return runs


def _rows_by_order(
    text: Text, rows: Sequence[Table3Row], found: dict[str, Match], end: int, cut_short: bool = False
) -> dict[str, RowText] | None:
    """Rows whose labels went missing or astray (PDF-to-Markdown): take the runs of numbers in row order.

    Accepted only when there is exactly one run per row and the labels that were found (at least one)
    mostly sit right before their own run. In a text that ends inside the table (``cut_short``), fewer
    runs are the first rows, when no label of a later row was found.
    """
    first = min(m.start for m in found.values())
    runs = [r for r in value_runs(text, first, end) if _readings(r, rows[0], [])[0] != [_BLANK_ROW]]
    prefix = cut_short and len(found) >= 3 and all(r.code not in found for r in rows[len(runs) :])
    if prefix and len(runs) < len(rows) and any(r.code not in found for r in rows[: len(runs)]):
        rows = rows[: len(runs)]
    if not runs or len(runs) != len(rows):
        return None
    agree = 0
    for row, run in zip(rows, runs, strict=True):
        m = found.get(row.code)
        if m is not None:
            following = next((r for r in runs if r.start >= m.end), None)
            agree += following is run
    if agree < 0.8 * len(found):
        return None
    return {row.code: run for row, run in zip(rows, runs, strict=True)}


def _readings(
    row: RowText, label: Table3Row, notes: list[str], columns: HeaderColumns | None = None
) -> tuple[list[Reading], bool]:
    """The readings of one table 三 row, and whether their enumeration was cut short."""
    kinds = [CellKind.COUNT] * 7
    row = spaced_thousands(row, 7, notes, f"表三“{label.full_label}”一行")
    pieces = placed(row, kinds, columns)
    if pieces is not None:
        return [pieces], False
    if not row.tokens:
        notes.append(f"表三“{label.full_label}”一行没有数字，按空白处理")
        return [_BLANK_ROW], False
    splits, capped = split_cells(row.tokens, kinds, _T3_GROUPS, max_len=COUNT_DIGITS)
    if capped:
        notes.append(f"表三“{label.full_label}”一行的“{row.shown}”拆分方式过多，各列无法确定")
    short = [] if capped else short_row_readings(row.tokens, kinds, _T3_GROUPS)
    if short:
        notes.append(
            f"表三“{label.full_label}”一行的“{row.shown}”只印出 6 个数，按缺一个空白格读取，空白格的位置按勾稽关系推定"
        )
        splits = with_short_readings(splits, short)
    if splits:
        return splits, capped
    tok = row.tokens[0]
    if len(row.tokens) == 1 and not tok.blank:
        value = parse_cell(tok.digits, tok.sign, CellKind.COUNT)
        if value is not False:
            return [(None,) * 6 + (Piece(value, 0),)], False
    loose, cut = split_cells(row.tokens, kinds, cap=2, max_len=COUNT_DIGITS)
    if len(loose) == 1 and not cut:
        return loose, False  # the only reading; it breaks the row rule, which the checks will report
    notes.append(f"表三“{label.full_label}”一行的“{row.shown}”无法唯一拆成 7 个数，按空白处理")
    return [_BLANK_ROW], False


def _repeated_outcomes_label(text: Text, start: int, end: int, result: TableResult) -> None:
    rx = re.compile(r"\d\s*" + label_regex(T3_OUTCOMES_LABEL))
    if rx.search(text.folded, start, end):
        result.notes.append(f"表三在数据行之间重复了“{T3_OUTCOMES_LABEL}”标签")
