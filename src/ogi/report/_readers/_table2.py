"""Table 二 (主动公开政府信息情况) read from anchored report text.

Table 二 has no sums to settle its rows by, so a row is read by its cell structure, by the splits of its
digits that fit the cell kinds (preferring to split longer digit groups), or else left ambiguous. It also
has the damage peculiar to PDF-to-Markdown conversion: rows displaced out of order, two-line cells floated
out of their row (:class:`LooseNumbers`), and rows outside the national format that must not be read into
their neighbours. A cell printing no value of its column's kind (“64%” under a count, “约30”) is named as
printed (:mod:`._odd_cells`), never read as a silent blank.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .._format import TABLE2, Column, FormatVersion, Table2Block, normalize_label
from .._model import Cell
from ._anchors import Label, Match, Text, anchor_sequence, find, find_last_before
from ._columns import HeaderColumns, block_header_columns, placed, printed_column_variants
from ._odd_cells import odd_cells, reread
from ._rows import (
    RowText,
    TableResult,
    make_cell,
    merge_readings,
    next_start,
    row_text,
    spaced_thousands,
    value_pieces,
)
from ._splits import MAX_DIGITS, Piece, Token, parse_cell, split_cells, tokenize

#: A row label of its own followed by numbers where a table 二 row's values end (“其他主动公开文件 12 15 300”).
#: Not a prose sub-heading (“（二）主动公开政府信息的主要类别2023年…”): no item number, no date or count word.
_EXTRA_ROW = re.compile(
    r"[\s|]*(?![（(][一二三四五六七八九十]|[一二三四五六七八九十\d]+[、.])([^\d\s|/\-—–－.,，：:。；]{2,20})"
    r"[\s|]*[+\-]?\d[\d.,]*(?![\d.,]*\s*[年月日条件个项%％])"
)
_LONE_NUMBER = re.compile(r"[+\-]?\d[\d,]*(?:\.\d+)?")
_CAPTION = Label("caption", ("第二十条",))


@functools.cache
def _block_labels(version: FormatVersion) -> tuple[tuple[Label, tuple[Column, ...], str], ...]:
    """The row labels of the format's table 二, with their block's columns and verbatim label (built once)."""
    out = []
    for block in TABLE2[version]:
        for row in block.rows:
            out.append((Label(row.code, row.labels), block.columns, row.label))
    return tuple(out)


def parse_table2(text: Text, version: FormatVersion, start: int, end: int) -> TableResult:
    """Table 二 of format ``version`` in [start, end) of ``text``."""
    result = TableResult()
    entries = _block_labels(version)
    labels = [e[0] for e in entries]
    # the rows follow the first caption: a row label in the prose before it (“政策规范性文件信息2条”) is no row
    first_caption = find(text, _CAPTION, start, end)
    found = anchor_sequence(text, labels, first_caption.start if first_caption else start, end)
    if not found and first_caption:
        found = anchor_sequence(text, labels, start, end)
    if not found:
        result.notes.append("未找到表二（主动公开政府信息情况）的数据行")
        return result
    # rows displaced out of order (PDF-to-Markdown): a label anywhere in the table followed by numbers
    for lab in labels:
        if lab.key not in found:
            m = _label_with_values(text, lab, start, end)
            if m is not None:
                found[lab.key] = m
    ordered = [(lab, cols, verbatim) for lab, cols, verbatim in entries if lab.key in found]
    starts = sorted(m.start for m in found.values())
    first = min(starts)
    caption = find_last_before(text, _CAPTION, start, first)
    span_start = caption.start if caption else first
    span_end = first
    rows: dict[str, RowText] = {}
    for lab, _, _ in ordered:
        m = found[lab.key]
        stop = next_start(starts, m.start, end)
        rows[lab.key] = row_text(text, m, stop)
        extra = _EXTRA_ROW.match(text.folded, rows[lab.key].start + len(rows[lab.key].text), stop)
        if extra:
            result.notes.append(f"表二“{''.join(extra.group(1).split())}”一行不属于国家格式，未读取其数字")
    taken = sorted((r.start, r.start + len(r.text)) for r in rows.values())
    block_of = {row.code: block for block in TABLE2[version] for row in block.rows}
    for lab, cols, verbatim in ordered:
        m = found[lab.key]
        row = rows[lab.key]
        span_end = max(span_end, row.start + len(row.text.rstrip()))
        if normalize_label(m.printed) != normalize_label(verbatim):
            result.printed[f"table2.row.{lab.key}"] = m.printed
        block = block_of[lab.key]
        stop = next_start(starts, m.start, end)
        header = block_header_columns(text, row.start, cols) if len(cols) > 1 else None
        fields = _odd_cells(text, row, stop, lab.key, cols, header, result)
        if fields is not None:  # a cell prints no value of its kind: the row as its fields say, that cell blank
            cells = list(reread(text, fields, [c.kind for c in cols], MAX_DIGITS))
        else:
            loose = functools.partial(_loose_numbers, text, block, start, end, starts, taken)
            cells, used = _read_row(text, row, verbatim, cols, header, result.notes, loose)
            if used is not None:  # the floating numbers belong to the table, not to the prose of section 二
                span_start = min(span_start, used.caption)
        for col, cell in zip(cols, cells, strict=True):
            result.cells[f"{lab.key}.{col.code}"] = cell
    missing = [verbatim for lab, _, verbatim in entries if lab.key not in found]
    if missing:
        result.notes.append(f"表二缺少“{'”“'.join(missing)}”行")
    columns = [col for block in TABLE2[version] for col in block.columns]
    printed_column_variants(text.folded[span_start:span_end], columns, "table2", result.printed)
    result.span = (span_start, span_end)
    return result


def _odd_cells(
    text: Text,
    row: RowText,
    stop: int,
    code: str,
    cols: Sequence[Column],
    header: HeaderColumns | None,
    result: TableResult,
) -> list[tuple[str, int]] | None:
    """Record the row's cells that print no value of their kind (“64%”, “约30”, “-5” under a count).

    Returns the row's fields when it has one per column and one of them is odd (the row is read from them),
    else None (the row is read as usual; an odd print whose column cannot be told names the row).
    """
    kinds = [c.kind for c in cols]
    odd, fields = odd_cells(text, row.start, stop, kinds, row.start + len(row.text.rstrip()), MAX_DIGITS, header)
    for o in odd:
        path = code if o.index is None else f"{code}.{cols[o.index].code}"
        result.odd[path] = Cell(None, o.printed, text.source(o.position, o.printed))
    return fields if odd else None


def _label_with_values(text: Text, label: Label, start: int, end: int) -> Match | None:
    """The first occurrence of ``label`` in [start, end) that is directly followed by a number."""
    pos = start
    while pos < end:
        m = find(text, label, pos, end)
        if m is None:
            return None
        row = row_text(text, m, end)
        if any(not t.blank for t in row.tokens):
            return m
        pos = m.end
    return None


def _read_row(
    text: Text,
    row: RowText,
    label: str,
    cols: Sequence[Column],
    header: HeaderColumns | None,
    notes: list[str],
    loose: Callable[[], LooseNumbers | None],
) -> tuple[list[Cell], LooseNumbers | None]:
    """The row's cells, and the block's floating numbers when they were taken as candidates."""
    kinds = [c.kind for c in cols]
    width = len(kinds)
    row = spaced_thousands(row, width, notes, f"表二“{label}”一行")
    pieces = placed(row, kinds, header)
    if pieces is not None:
        return [make_cell(text, row, p) for p in pieces], None
    short = _ends_of_short_row(row, width)
    if short is not None:
        pieces = value_pieces(row, short, kinds)
        if pieces is not None:
            cells = [make_cell(text, row, p) for p in pieces]
            lost = [i for i, p in enumerate(short) if p is None]
            return cells, _short_row_candidates(text, row, cells, lost, label, cols, notes, loose())
    if not row.tokens:
        return [make_cell(text, row, None) for _ in kinds], None
    splits, capped = split_cells(row.tokens, kinds)
    if not splits:
        notes.append(f"表二“{label}”一行的“{row.shown}”无法读成 {width} 个数，按空白处理")
        return [Cell(None, row.shown, text.source(row.start)) for _ in kinds], None
    splits = _prefer_long_groups(row, splits, label, notes) if not capped else splits
    cells, unsure = merge_readings(text, row, splits, width, capped)
    if unsure:
        names = "、".join(cols[i].label for i in unsure)
        more = "（拆分过多，仅列出部分）" if capped else ""
        notes.append(f"表二“{label}”一行的“{row.shown}”有 {len(splits)} 种拆分{more}，无法确定：{names}")
    return cells, None


def _ends_of_short_row(row: RowText, width: int) -> tuple[int | None, ...] | None:
    """A tab/pipe row of two cells under more columns: its first and last cells stay at the ends.

    Cells that a converter loses are the interior ones (a two-line cell floating away); the number in a
    field is never split, since the separators show where the cells were. With more than two cells the
    interior ones could go to several places: not worth guessing.
    """
    fields = row.fields
    if len(fields) != 2 or width <= 2 or any(len(f) != 1 for f in fields):
        return None
    if not re.search(r"[|\t]", row.text):
        return None
    return (fields[0][0], *([None] * (width - 2)), fields[-1][0])


@dataclass(frozen=True)
class LooseNumbers:
    """Numbers standing alone on their lines in one 第二十条 block, claimed by no row.

    A PDF-to-Markdown converter floats a two-line cell (“22 / （其中修订16件）”) out of its row; the row
    then has fewer cells than columns, and these are what its lost cells may have held.
    """

    caption: int  # start of the block's caption
    tokens: tuple[Token, ...]


def _loose_numbers(
    text: Text, block: Table2Block, start: int, end: int, row_starts: Sequence[int], taken: Sequence[tuple[int, int]]
) -> LooseNumbers | None:
    """The lone numbers after ``block``'s caption, before the next caption or row label; None without a caption."""
    caption = find(text, Label("caption", (block.caption,)), start, end)
    if caption is None:
        return None
    following = find(text, _CAPTION, caption.end, end)
    stop = min([end, *(s for s in row_starts if s > caption.end), *([following.start] if following else [])])
    tokens: list[Token] = []
    offset = caption.end
    for line in text.text[caption.end : stop].split("\n"):
        body = line.strip(" \t|\u3000")
        at = offset + line.find(body) if body else offset
        if _LONE_NUMBER.fullmatch(body) and not any(a <= at < b for a, b in taken):
            found, _ = tokenize(body, at)
            if len(found) == 1 and not found[0].blank:
                tokens.append(found[0])
        offset += len(line) + 1
    return LooseNumbers(caption.start, tuple(tokens))


def _short_row_candidates(
    text: Text,
    row: RowText,
    cells: list[Cell],
    lost: Sequence[int],
    label: str,
    cols: Sequence[Column],
    notes: list[str],
    loose: LooseNumbers | None,
) -> LooseNumbers | None:
    """Mark the lost cells of a short row ambiguous among the block's floating numbers (in place).

    Which floating number belongs to which lost cell cannot be told (the converter kept no order worth
    trusting), so none is placed; without floating numbers the lost cells stay blank. Either way a note
    says what was found. Returns ``loose`` when its numbers were used.
    """
    names = "、".join(cols[i].label for i in lost)
    found = f"表二“{label}”一行只有 {len(row.fields)} 个单元格，缺少“{names}”"
    options = {}
    for i in lost:
        values = (parse_cell(t.digits, t.sign, cols[i].kind) for t in (loose.tokens if loose else ()))
        options[i] = tuple(sorted({v for v in values if v is not False and v is not None}))
    if not any(options.values()):
        notes.append(f"{found}（按首尾对齐读取，缺少的单元格按空白处理）")
        return None
    assert loose is not None
    raw = " ".join(t.raw for t in loose.tokens)
    where = text.source(loose.tokens[0].start, raw)
    for i, values in options.items():
        if values:
            cells[i] = Cell(None, raw, where, values)
    shown = "、".join(dict.fromkeys(t.raw for t in loose.tokens))
    place = dataclasses.replace(where, file=None, raw=None).describe()
    notes.append(
        f"{found}；本栏目另有未归入任何一行的数字 {shown}{f'（{place}起）' if place else ''}，"
        f"无法确定属于哪一格，“{names}”按不确定处理"
    )
    return loose


def _prefer_long_groups(
    row: RowText, splits: list[tuple[Piece, ...]], label: str, notes: list[str]
) -> list[tuple[Piece, ...]]:
    """Among splits of several space-separated digit groups, prefer those that split the longer groups.

    Table 二 has no sums to decide by; a longer group is the likelier to be several cells run together
    (“20 155” is 20|1|55 or 20|15|5 rather than 2|0|155). Groups of equal length are never preferred over
    each other. The preference is noted, so the reading is not silent.
    """
    lengths = sorted({len(t.digits) for t in row.tokens if not t.blank}, reverse=True)
    if len(splits) < 2 or len(lengths) < 2:
        return splits

    def key(split: tuple[Piece, ...]) -> tuple[int, ...]:
        per_length = dict.fromkeys(lengths, 0)
        for p in split:
            tok = row.tokens[p.token]
            if not tok.blank:
                per_length[len(tok.digits)] += 1
        return tuple(-per_length[n] for n in lengths)

    best = min(key(s) for s in splits)
    kept = [s for s in splits if key(s) == best]
    if len(kept) < len(splits):
        notes.append(
            f"表二“{label}”一行的“{row.shown}”按较长的数字串优先拆分读取（排除了 {len(splits) - len(kept)} 种拆分）"
        )
    return kept
