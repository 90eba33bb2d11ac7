"""Table 四 (政府信息公开行政复议、行政诉讼情况) read from anchored report text.

Table 四 has no row labels: one row of 15 numbers under a header of group and column words. The numbers
are taken right after those words, read by the cell structure when it has all 15 cells, else as one stream
of digits split by the three group totals (复议, 未经复议诉讼, 复议后诉讼).
"""

from __future__ import annotations

import re

from .._format import T4_CELL_CODES, T4_COLUMNS, T4_GROUPS, T4_LITIGATION, T4_REVIEW, CellKind
from .._model import Cell
from ._anchors import Text, label_regex, scan_value
from ._columns import placed
from ._odd_cells import odd_cells, reread
from ._rows import RowText, TableResult, line_ended, make_cell, merge_readings, spaced_thousands
from ._short_rows import short_row_readings, with_short_readings
from ._splits import COUNT_DIGITS, VALUE_CHARS, split_cells

#: Each group's last cell (总计) is the sum of the four before it.
_T4_GROUPS = ((0, 5), (5, 10), (10, 15))
_COUNTS = (CellKind.COUNT,) * 15
#: How far after the first 行政复议/行政诉讼 the table's header and numbers may reach.
_REACH = 20_000


def _t4_words() -> tuple[str, ...]:
    words = {T4_REVIEW, T4_LITIGATION}
    for col in (*T4_GROUPS, *T4_COLUMNS):
        words.add(col.label)
        if len(col.label) == 4:  # PDF text breaks “结果维持” into “结果 / 维持”
            words.update((col.label[:2], col.label[2:]))
    return tuple(sorted(words, key=len, reverse=True))


_T4_HEAD = re.compile("|".join(label_regex(w) for w in (T4_REVIEW, T4_LITIGATION)))
_T4_WORD = re.compile(r"\s*(?:" + "|".join(label_regex(w) for w in _t4_words()) + r")")
_SKIP = re.compile(r"[\s|:：（）()、，,。.；;]+")
#: A note line in the table's header block (“注：行政复议、行政诉讼数量含上年度结转数量。”): part of the table.
_T4_NOTE = re.compile(r"注\s*[:：][^\n]*")


def _without_prose_start(raw: str, folded: str, stop: int, limit: int) -> str:
    """A run of numbers without its last line when that line runs straight into text (“2023年东沟乡…”).

    Such a line starts the prose after the table (when the next heading was lost), not a row of it.
    """
    nl = raw.rfind("\n")
    if nl < 0 or not raw[nl + 1 :].strip() or stop >= limit or not folded[stop - 1].isdigit():
        return raw
    return raw[: nl + 1] if "\u4e00" <= folded[stop] <= "\u9fff" else raw


def _runs(text: Text, start: int, end: int) -> tuple[list[RowText], int]:
    """The runs of numbers right after table 四's header words, and where the header starts."""
    head = _T4_HEAD.search(text.folded, start, min(end, start + _REACH))
    if head is None:
        return [], start
    pos = head.start()
    limit = min(end, pos + _REACH)
    runs: list[RowText] = []
    folded = text.folded
    cluster = pos
    after_header = False  # numbers count only right after the header words (not in prose before them)
    while pos < limit:
        note = _T4_NOTE.match(folded, pos, limit) if after_header and not runs else None
        if note:  # a converter may put the note between the header and the numbers: keep the header's start
            pos = note.end()
            continue
        m = _T4_WORD.match(folded, pos, limit)
        if m and m.end() > pos:
            if not after_header and not runs:
                cluster = pos  # the header starts here, not at a mention of 行政复议 in the prose
            pos = m.end()
            after_header = True
            continue
        if folded[pos].isdigit() or folded[pos] in "/-—–－―‐":
            stop = scan_value(text, pos, limit, VALUE_CHARS)
            run = RowText.read(_without_prose_start(text.text[pos:stop], folded, stop, limit), pos)
            if run.tokens and after_header:
                runs.append(run)
            pos = max(stop, pos + 1)
            continue
        sep = _SKIP.match(folded, pos, limit)
        if sep:
            pos = sep.end()
            continue
        if runs:
            break
        after_header = False
        pos += 1
    return runs, cluster


def _end(run: RowText) -> int:
    return run.start + len(run.text.rstrip())


def parse_table4(text: Text, start: int, end: int) -> TableResult:
    """Table 四 in [start, end) of ``text``."""
    result = TableResult()
    runs, cluster = _runs(text, start, end)
    if not runs:
        return result
    _read_runs(text, runs, cluster, result)
    _odd_cells(text, runs, end, result)
    return result


def _odd_cells(text: Text, runs: list[RowText], end: int, result: TableResult) -> None:
    """Cells of the numbers' line that print no count: named as printed, the line read from its fields."""
    start = runs[0].start
    line_start = text.text.rfind("\n", 0, start) + 1
    line = text.text[line_start:start]
    begin = line_start if ("\t" in line or "|" in line or not line.strip()) else max(line_start, start - 2)
    odd, fields = odd_cells(text, begin, end, _COUNTS, _end(runs[-1]))
    if not odd:
        return
    if fields is not None:
        result.cells = dict(zip(T4_CELL_CODES, reread(text, fields, _COUNTS), strict=True))
    for o in odd:
        path = "row" if o.index is None else T4_CELL_CODES[o.index]
        result.odd[path] = Cell(None, o.printed, text.source(o.position, o.printed))


def _read_runs(text: Text, runs: list[RowText], cluster: int, result: TableResult) -> None:
    """The 15 cells of table 四 from the runs of numbers after its header."""
    result.span = (cluster, _end(runs[-1]))
    codes = [f"{g.code}.{c.code}" for g in T4_GROUPS for c in T4_COLUMNS]
    kinds = [CellKind.COUNT] * 15
    if sum(len(r.tokens) for r in runs) > 15 and len(runs) == 1:
        runs = [spaced_thousands(runs[0], 15, result.notes, "表四")]
    for run in runs:
        if line_ended(text, run):
            result.ended.add("table4")
        pieces = placed(run, kinds, None)
        if pieces is not None:
            for code, p in zip(codes, pieces, strict=True):
                result.cells[code] = make_cell(text, run, p)
            # the table ends with its row: numbers after it (“2023年…” of the prose) are not the table's
            result.span = (cluster, _end(run))
            return
    # all runs as one token stream (token offsets stay absolute)
    tokens = tuple(t for r in runs for t in r.tokens)
    merged = RowText(runs[0].start, " ".join(r.text for r in runs), tokens, ())
    splits, capped = split_cells(tokens, kinds, _T4_GROUPS, max_len=COUNT_DIGITS)
    short = [] if capped else short_row_readings(tokens, kinds, _T4_GROUPS)
    if short:
        result.notes.append(f"表四的“{merged.shown}”只印出 14 个数，按缺一个空白格读取，空白格的位置按合计推定")
        splits = with_short_readings(splits, short)
    if not splits:
        loose, _ = split_cells(tokens, kinds, cap=2, max_len=COUNT_DIGITS)
        if len(loose) != 1:  # several readings and none obeys the totals: nothing to choose by
            result.notes.append(f"表四的“{merged.shown}”无法唯一拆成 15 个数，按空白处理")
            for code in codes:
                result.cells[code] = make_cell(text, merged, None)
            return
        splits = loose  # the only reading; it breaks a total, which the checks will report
    cells, unsure = merge_readings(text, merged, splits, 15, capped)
    if unsure:
        result.notes.append(
            f"表四的“{merged.shown}”有 {len(splits)} 种符合合计的拆分，"
            f"{len(unsure)} 个单元格无法确定{'（拆分过多，仅列出部分）' if capped else ''}"
        )
    for code, cell in zip(codes, cells, strict=True):
        result.cells[code] = cell
