"""Tables 二, 三 and 四 read from anchored report text.

Each row's value text is what lies between its label and the next label (or the first character that
cannot belong to a number). Its cells are recovered in this order of trust: the tab/pipe cell structure
when it has exactly the row's width; the splits of the digit runs that obey the row rule; a lone number in
a table 三 row is its 总计 (applicant cells blank, as in the seed). Table 三 rows that still split several
ways are settled jointly by the column equations (T3.outcomes, T3.balance), taken as preferences because
published reports break them; what remains undecided is marked ambiguous, never guessed.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .._format import (
    T3_APPLICANTS,
    T3_COLUMN_CODES,
    T3_COLUMNS,
    T3_HEADER_NOTE,
    T3_LEGAL_PERSONS,
    T3_OUTCOMES_LABEL,
    T3_ROWS_2021,
    T4_COLUMNS,
    T4_GROUPS,
    T4_LITIGATION,
    T4_REVIEW,
    TABLE2,
    CellKind,
    Column,
    FormatVersion,
    Table2Block,
    Table3Row,
    normalize_label,
    t3_rows,
    table3_equations,
)
from .._model import Cell, Number
from ._anchors import (
    Label,
    Match,
    Text,
    anchor_sequence,
    find,
    find_last_before,
    fuzzy_in_gap,
    label_regex,
    scan_value,
)
from ._splits import COUNT_DIGITS, VALUE_CHARS, Piece, Token, parse_cell, split_cells, tokenize

#: Most joint table 三 readings tried before giving up on settling rows by the column equations.
JOINT_CAP = 50_000
_T3_GROUPS = ((0, 7),)
_T4_GROUPS = ((0, 5), (5, 10), (10, 15))


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


# --------------------------------------------------------------------------- row values


@dataclass(frozen=True)
class RowText:
    start: int  # offset of the value text
    text: str
    tokens: tuple[Token, ...]
    fields: tuple[tuple[int, ...], ...]


def row_text(text: Text, match: Match, stop: int) -> RowText:
    """The value text after ``match``, ending at ``stop`` (the next label) or the first non-value character."""
    end = min(scan_value(text, match.end, stop, VALUE_CHARS), stop)
    raw = text.text[match.end : end]
    tokens, fields = tokenize(raw, match.end)
    return RowText(match.end, raw, tuple(tokens), tuple(tuple(f) for f in fields))


def positional(row: RowText, width: int) -> tuple[Piece | None, ...] | None:
    """The cells by the tab/pipe structure, when it has exactly ``width`` fields of at most one token."""
    fields = row.fields
    if len(fields) > width and width == 1:
        values = {row.tokens[i].raw for f in fields for i in f}
        if len(values) == 1:  # a merged cell repeated by the extractor
            fields = fields[:1]
    if len(fields) != width or any(len(f) > 1 for f in fields) or (len(fields) <= 1 and width > 1):
        return None
    return tuple(Piece(None, f[0]) if f else None for f in fields)


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


def _ends_of_short_row(row: RowText, width: int) -> tuple[Piece | None, ...] | None:
    """A tab/pipe row with fewer cells than columns: its first and last cells stay at the ends.

    Cells that a converter loses are the interior ones (a two-line cell floating away); the number in a
    field is never split, since the separators show where the cells were.
    """
    fields = row.fields
    if not 2 <= len(fields) < width or any(len(f) != 1 for f in fields):
        return None
    if not re.search(r"[|\t]", row.text):
        return None
    if len(fields) != 2:
        return None  # several interior cells could go to several places: not worth guessing
    return (Piece(None, fields[0][0]), *([None] * (width - 2)), Piece(None, fields[-1][0]))


def _value_pieces(row: RowText, pieces: Sequence[Piece | None], kinds: Sequence[CellKind]) -> tuple | None:
    """Positional pieces with their values parsed; None when a field cannot be a cell of its kind."""
    out: list[Piece | None] = []
    for piece, kind in zip(pieces, kinds, strict=True):
        if piece is None:
            out.append(None)
            continue
        tok = row.tokens[piece.token]
        if tok.blank:
            out.append(Piece(None, piece.token))
            continue
        value = parse_cell(tok.digits, tok.sign, kind)
        if value is False:
            return None
        out.append(Piece(value, piece.token))
    return tuple(out)


def make_cell(text: Text, row: RowText, piece: Piece | None, fallback: int) -> Cell:
    if piece is None:
        return Cell(None, None, text.source(fallback))
    tok = row.tokens[piece.token]
    return Cell(piece.value, tok.raw, text.source(tok.start, tok.raw))


def ambiguous_cell(text: Text, row: RowText, values: Sequence[Number | None]) -> Cell:
    candidates = tuple(sorted({v for v in values if v is not None}))
    raw = " ".join(row.text.split())
    return Cell(None, raw, text.source(row.start, raw), candidates)


def merge_readings(
    text: Text, row: RowText, readings: Sequence[Sequence[Piece | None]], width: int, capped: bool = False
) -> tuple[list[Cell], list[int]]:
    """Cells equal across all readings are determined; the others ambiguous. Returns cells and ambiguous indexes.

    When the enumeration was ``capped``, unseen readings may differ anywhere: every cell is ambiguous.
    """
    cells: list[Cell] = []
    unsure: list[int] = []
    for i in range(width):
        values = [p.value if p is not None else None for p in (r[i] for r in readings)]
        if len(set(values)) == 1 and not capped:
            cells.append(make_cell(text, row, readings[0][i], row.start))
        else:
            cells.append(ambiguous_cell(text, row, values))
            unsure.append(i)
    return cells, unsure


def _show(values: Sequence[Number | None]) -> str:
    return "|".join("空" if v is None else str(v) for v in values)


# --------------------------------------------------------------------------- table 二


def _block_labels(version: FormatVersion) -> list[tuple[Label, tuple[Column, ...], str]]:
    out = []
    for block in TABLE2[version]:
        for row in block.rows:
            out.append((Label(row.code, row.labels), block.columns, row.label))
    return out


def parse_table2(text: Text, version: FormatVersion, start: int, end: int) -> TableResult:
    result = TableResult()
    entries = _block_labels(version)
    labels = [e[0] for e in entries]
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
    caption = find_last_before(text, Label("caption", ("第二十条",)), start, first)
    span_start = caption.start if caption else first
    span_end = first
    rows: dict[str, RowText] = {}
    for lab, _, _ in ordered:
        m = found[lab.key]
        stop = next((s for s in starts if s > m.start), end)
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
        kinds = [c.kind for c in cols]
        block = block_of[lab.key]
        loose = functools.partial(_loose_numbers, text, block, start, end, starts, taken)
        cells, used = _read_table2_row(text, row, kinds, verbatim, cols, result.notes, loose)
        if used is not None:  # the floating numbers belong to the table, not to the prose of section 二
            span_start = min(span_start, used.caption)
        for col, cell in zip(cols, cells, strict=True):
            result.cells[f"{lab.key}.{col.code}"] = cell
    missing = [verbatim for lab, _, verbatim in entries if lab.key not in found]
    if missing:
        result.notes.append(f"表二缺少“{'”“'.join(missing)}”行")
    region = text.folded[span_start:span_end]
    for block in TABLE2[version]:
        for col in block.columns:
            key = f"table2.col.{col.code}"
            if key in result.printed or re.search(label_regex(col.label), region):
                continue
            for variant in col.variants:
                if re.search(label_regex(variant), region):
                    result.printed[key] = variant
                    break
    result.span = (span_start, span_end)
    return result


#: A row label of its own followed by numbers where a table 二 row's values end (“其他主动公开文件 12 15 300”).
#: Not a prose sub-heading (“（二）主动公开政府信息的主要类别2023年…”): no item number, no date or count word.
_EXTRA_ROW = re.compile(
    r"[\s|]*(?![（(][一二三四五六七八九十]|[一二三四五六七八九十\d]+[、.])([^\d\s|/\-—–－.,，：:。；]{2,20})"
    r"[\s|]*[+\-]?\d[\d.,]*(?![\d.,]*\s*[年月日条件个项%％])"
)


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


def _read_table2_row(
    text: Text,
    row: RowText,
    kinds: list[CellKind],
    label: str,
    cols: Sequence[Column],
    notes: list[str],
    loose: Callable[[], LooseNumbers | None],
) -> tuple[list[Cell], LooseNumbers | None]:
    """The row's cells, and the block's floating numbers when they were taken as candidates."""
    width = len(kinds)
    row = spaced_thousands(row, width, notes, f"表二“{label}”一行")
    header = _block_header_fields(text, row.start, cols)
    pos = header.place(row) if header is not None and width > 1 else None
    if pos is None:
        pos = positional(row, width)
    if pos is not None:
        pieces = _value_pieces(row, pos, kinds)
        if pieces is not None:
            return [make_cell(text, row, p, row.start) for p in pieces], None
    short = _ends_of_short_row(row, width)
    if short is not None:
        pieces = _value_pieces(row, short, kinds)
        if pieces is not None:
            cells = [make_cell(text, row, p, row.start) for p in pieces]
            lost = [i for i, p in enumerate(short) if p is None]
            return cells, _short_row_candidates(text, row, cells, lost, label, cols, notes, loose())
    if not row.tokens:
        return [Cell(None, None, text.source(row.start)) for _ in kinds], None
    splits, capped = split_cells(row.tokens, kinds)
    if not splits:
        notes.append(f"表二“{label}”一行的“{' '.join(row.text.split())}”无法读成 {width} 个数，按空白处理")
        return [Cell(None, " ".join(row.text.split()), text.source(row.start)) for _ in kinds], None
    splits = _prefer_long_groups(row, splits, label, notes) if not capped else splits
    cells, unsure = merge_readings(text, row, splits, width, capped)
    if unsure:
        names = "、".join(cols[i].label for i in unsure)
        more = "（拆分过多，仅列出部分）" if capped else ""
        notes.append(
            f"表二“{label}”一行的“{' '.join(row.text.split())}”有 {len(splits)} 种拆分{more}，无法确定：{names}"
        )
    return cells, None


#: How many lines above a table 二 row its block's header line may stand.
_HEADER_LINES_UP = 4


def _block_header_fields(text: Text, row_start: int, cols: Sequence[Column]) -> HeaderColumns | None:
    """Where a table 二 block's columns stand, from its header line (“信息内容\t本年新制作数量\t…”) above the row.

    A label with a gloss (“上一年项目数量(指2019年事项数)”) counts as the label.
    """
    row_line = text.line_index(row_start)
    if not _CELL_SEP.search(text.lines[row_line].text):
        return None
    names = [(k, normalize_label(name)) for k, col in enumerate(cols) for name in col.labels]
    for i in range(row_line - 1, max(-1, row_line - 1 - _HEADER_LINES_UP), -1):
        found: dict[int, int] = {}
        for n, field_text in enumerate(_CELL_SEP.split(text.lines[i].text)):
            folded = normalize_label(field_text)
            k = next((k for k, name in names if folded.startswith(name)), None)
            if k is not None and k not in found:
                found[k] = n
        if len(found) == len(cols):
            fields = tuple(found[k] for k in range(len(cols)))
            if list(fields) == sorted(set(fields)):
                return HeaderColumns(text, fields, True, len(_CELL_SEP.findall(text.lines[i].text)) + 1)
            return None
    return None


@dataclass(frozen=True)
class LooseNumbers:
    """Numbers standing alone on their lines in one 第二十条 block, claimed by no row.

    A PDF-to-Markdown converter floats a two-line cell (“22 / （其中修订16件）”) out of its row; the row
    then has fewer cells than columns, and these are what its lost cells may have held.
    """

    caption: int  # start of the block's caption
    tokens: tuple[Token, ...]


_LONE_NUMBER = re.compile(r"[+\-]?\d[\d,]*(?:\.\d+)?")


def _loose_numbers(
    text: Text, block: Table2Block, start: int, end: int, row_starts: Sequence[int], taken: Sequence[tuple[int, int]]
) -> LooseNumbers | None:
    """The lone numbers after ``block``'s caption, before the next caption or row label; None without a caption."""
    caption = find(text, Label("caption", (block.caption,)), start, end)
    if caption is None:
        return None
    following = find(text, Label("caption", ("第二十条",)), caption.end, end)
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
            f"表二“{label}”一行的“{' '.join(row.text.split())}”按较长的数字串优先拆分读取"
            f"（排除了 {len(splits) - len(kept)} 种拆分）"
        )
    return kept


# --------------------------------------------------------------------------- table 三


def t3_label(row: Table3Row) -> Label:
    return Label(row.code, row.names, row.number, need_number=len(row.name) <= 3)


def detect_split_other(text: Text, start: int, end: int) -> bool | None:
    """True for the three （六） sub-rows (2021), False for a single （六）其他处理 row, None when unseen."""
    split_row = next(r for r in T3_ROWS_2021 if r.code == "other.no_correction")
    if find(text, t3_label(split_row), start, end):
        return True
    single = t3_rows(False)
    other = next(r for r in single if r.code == "other")
    if find(text, t3_label(other), start, end):
        return False
    return None


def parse_table3(text: Text, start: int, end: int, split_hint: bool) -> TableResult:
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
    if result.missing:
        by_order = _rows_by_order(text, rows, found, end)
        if by_order is None:
            return result
        texts = by_order
        result.missing = []
        result.notes.append("表三部分行的标签缺失或错位，按数据行的顺序读取")
    else:
        starts = sorted(m.start for m in found.values())
        for row in rows:
            m = found[row.code]
            nxt = next((s for s in starts if s > m.start), end)
            texts[row.code] = row_text(text, m, nxt)
    for row in rows:
        m = found.get(row.code)
        if m is not None and normalize_label(m.printed) != normalize_label(row.name) and m.name:
            result.printed[f"table3.row.{row.code}"] = m.printed
    header_from = max(start, min(m.start for m in found.values()) - 3000)
    texts = _without_subtotal_column(texts, text.folded[header_from : min(m.start for m in found.values())], result)
    columns = _header_columns(text, header_from, min(m.start for m in found.values()), texts)
    readings: dict[str, list[tuple[Piece | None, ...]]] = {}
    capped: set[str] = set()
    for row in rows:
        readings[row.code], cut = _table3_readings(texts[row.code], row, result.notes, columns)
        if cut:
            capped.add(row.code)
    chosen = _choose_jointly(rows, readings, result.notes, texts, capped)
    for row in rows:
        rt = texts[row.code]
        options = chosen[row.code]
        if len(options) == 1 and row.code not in capped:
            result.rows[row.code] = tuple(make_cell(text, rt, p, rt.start) for p in options[0])
        else:
            cells, unsure = merge_readings(text, rt, options, 7, row.code in capped)
            result.rows[row.code] = tuple(cells)
            cols = "、".join(T3_COLUMNS[i].label for i in unsure)
            result.notes.append(
                f"表三“{row.full_label}”一行的“{' '.join(rt.text.split())}”有 {len(options)} 种同样符合勾稽关系的拆分，"
                f"无法确定：{cols}"
            )
    first = min(
        found[rows[0].code].start if rows[0].code in found else texts[rows[0].code].start,
        *(m.start for m in found.values()),
    )
    header = [find(text, Label("h", (words,)), start, first) for words in (T3_HEADER_NOTE, T3_APPLICANTS)]
    span_start = min([first, *(h.start for h in header if h is not None)])
    last = texts[rows[-1].code]
    result.span = (span_start, last.start + len(last.text.rstrip()))
    _table3_header_variants(text, span_start, first, result)
    outcomes = next(r.code for r in rows if r.is_outcome)
    _repeated_outcomes_label(text, found[outcomes].end, result.span[1], result)
    return result


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


def _without_subtotal_column(texts: dict[str, RowText], header: str, result: TableResult) -> dict[str, RowText]:
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


_CELL_SEP = re.compile(r"[\t|]")


def _field_of(text: Text, pos: int) -> tuple[int, int]:
    """(line index, field index) of the character at ``pos``: fields are tab/pipe separated."""
    i = text.line_index(pos)
    return i, len(_CELL_SEP.findall(text.text, text.starts[i], pos))


@dataclass(frozen=True, eq=False)
class HeaderColumns:
    """The field of its line each column stands in, read off the header (grids, Word/Markdown tables).

    Rows whose empty cells print as nothing (“…\t1\t\t”, a blank 总计 or applicant cell) lose their
    positions in the value text; the field index of each number still says its column.
    """

    text: Text
    fields: tuple[int, ...]  # field index of each column
    trusted: bool  # a full row of 7 numbers stands exactly in these fields
    width: int  # fields in the header line: a row line of another width lost or gained cells

    def place(self, row: RowText) -> tuple[Piece | None, ...] | None:
        """The row's cells by the field each number stands in; None when a number stands elsewhere."""
        if not row.tokens or (len(row.tokens) == 1 and not self.trusted) or len(row.tokens) > len(self.fields):
            return None
        spots = [_field_of(self.text, t.start) for t in row.tokens]
        lines = {line for line, _ in spots}
        if len(lines) != 1 or any(f not in self.fields for _, f in spots):
            return None
        if len(_CELL_SEP.findall(self.text.lines[lines.pop()].text)) + 1 != self.width:
            return None
        cells: list[Piece | None] = [None] * len(self.fields)
        for i, (_, f) in enumerate(spots):
            k = self.fields.index(f)
            if cells[k] is not None:
                return None
            cells[k] = Piece(None, i)
        return tuple(cells)


def _header_columns(text: Text, start: int, first_row: int, texts: dict[str, RowText]) -> HeaderColumns | None:
    """Where the 7 columns stand, when the header prints each label in a field of its own, in order."""
    names = {normalize_label(name): k for k, col in enumerate(T3_COLUMNS) for name in col.labels}
    found: dict[int, int] = {}
    widths: set[int] = set()
    for i in range(text.line_index(start), text.line_index(first_row) + 1):
        line_start = text.starts[i]
        line = text.text[line_start : line_start + len(text.lines[i].text)]
        if not _CELL_SEP.search(line):
            continue
        pos = 0
        for n, field_text in enumerate(_CELL_SEP.split(line)):
            k = names.get(normalize_label(field_text))
            if k is not None and k not in found and line_start + pos < first_row:
                found[k] = n
                widths.add(len(_CELL_SEP.findall(line)) + 1)
            pos += len(field_text) + 1
    fields = tuple(found.get(k, -1) for k in range(7))
    if -1 in fields or list(fields) != sorted(set(fields)) or len(widths) != 1:
        return None
    full = [r for r in texts.values() if len(r.tokens) == 7]
    if any(tuple(_field_of(text, t.start)[1] for t in r.tokens) != fields for r in full):
        return None  # the rows do not stand where the header says: do not trust it
    return HeaderColumns(text, fields, bool(full), widths.pop())


_ITEM_NUMBER_TAIL = re.compile(r"\d{1,2}\s*[.、]\s*$")


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
            tokens, fields = tokenize(body, offset)
            if any(not t.blank for t in tokens):
                runs.append(RowText(offset, body, tuple(tokens), tuple(tuple(f) for f in fields)))
            offset += len(segment) + 1
        pos = max(stop, pos + 1)
    return runs


def _rows_by_order(
    text: Text, rows: Sequence[Table3Row], found: dict[str, Match], end: int
) -> dict[str, RowText] | None:
    """Rows whose labels went missing or astray (PDF-to-Markdown): take the runs of numbers in row order.

    Accepted only when there is exactly one run per row and the labels that were found mostly sit right
    before their own run.
    """
    if not found:
        return None
    first = min(m.start for m in found.values())
    runs = [r for r in value_runs(text, first, end) if _table3_readings(r, rows[0], [])[0] != [(None,) * 7]]
    if len(runs) != len(rows):
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


def _table3_readings(
    row: RowText, label: Table3Row, notes: list[str], columns: HeaderColumns | None = None
) -> tuple[list[tuple[Piece | None, ...]], bool]:
    """The readings of one table 三 row, and whether their enumeration was cut short."""
    kinds = [CellKind.COUNT] * 7
    row = spaced_thousands(row, 7, notes, f"表三“{label.full_label}”一行")
    pos = columns.place(row) if columns is not None else None
    if pos is None:
        pos = positional(row, 7)
    if pos is not None:
        pieces = _value_pieces(row, pos, kinds)
        if pieces is not None:
            return [pieces], False
    numbers = [i for i, t in enumerate(row.tokens) if not t.blank]
    if not row.tokens:
        notes.append(f"表三“{label.full_label}”一行没有数字，按空白处理")
        return [(None,) * 7], False
    splits, capped = split_cells(row.tokens, kinds, _T3_GROUPS, max_len=COUNT_DIGITS)
    if capped:
        notes.append(f"表三“{label.full_label}”一行的“{' '.join(row.text.split())}”拆分方式过多，各列无法确定")
    if splits:
        return splits, capped
    if len(numbers) == 1 and len(row.tokens) == 1:
        tok = row.tokens[numbers[0]]
        value = parse_cell(tok.digits, tok.sign, CellKind.COUNT)
        if value is not False:
            return [(None,) * 6 + (Piece(value, numbers[0]),)], False
    loose, cut = split_cells(row.tokens, kinds, cap=2, max_len=COUNT_DIGITS)
    if len(loose) == 1 and not cut:
        return loose, False  # the only reading; it breaks the row rule, which the checks will report
    notes.append(f"表三“{label.full_label}”一行的“{' '.join(row.text.split())}”无法唯一拆成 7 个数，按空白处理")
    return [(None,) * 7], False


def _choose_jointly(
    rows: Sequence[Table3Row],
    readings: dict[str, list[tuple[Piece | None, ...]]],
    notes: list[str],
    texts: dict[str, RowText],
    capped: set[str],
) -> dict[str, list[tuple[Piece | None, ...]]]:
    """Settle rows with several readings by the column equations: fewest broken equations wins.

    Rows whose enumeration was capped take no part: their cells count as unknown.
    """
    unsure = [r.code for r in rows if len(readings[r.code]) > 1 and r.code not in capped]
    if not unsure:
        return readings
    size = 1
    for code in unsure:
        size *= len(readings[code])
    if size > JOINT_CAP:
        notes.append(f"表三有 {len(unsure)} 行可多种拆分，组合过多，未按列合计取舍")
        return readings
    index = {code: i for i, code in enumerate(unsure)}
    col_index = {c: i for i, c in enumerate(T3_COLUMN_CODES)}
    equations = []
    for eq in table3_equations(tuple(rows)):
        const = 0
        terms: list[tuple[int, int, int]] = []
        known = True
        for side, paths in ((1, eq.left), (-1, eq.right)):
            for path in paths:
                row_code, _, col = path.removeprefix("table3.").rpartition(".")
                if row_code in index:
                    terms.append((index[row_code], col_index[col], side))
                    continue
                if row_code in capped or len(readings[row_code]) != 1:
                    known = False
                    continue
                piece = readings[row_code][0][col_index[col]]
                if piece is None or piece.value is None:
                    known = False
                else:
                    const += side * piece.value
        if terms and known:
            equations.append((const, terms))
    options = [readings[code] for code in unsure]
    best_cost = None
    best: list[tuple[int, ...]] = []
    for combo in itertools.product(*(range(len(o)) for o in options)):
        cost = 0
        for const, terms in equations:
            total = const
            for ri, ci, side in terms:
                piece = options[ri][combo[ri]][ci]
                if piece is None or piece.value is None:
                    break
                total += side * piece.value
            else:
                if total != 0:
                    cost += 1
        if best_cost is None or cost < best_cost:
            best_cost, best = cost, [combo]
        elif cost == best_cost and len(best) < 1000:
            best.append(combo)
    out = dict(readings)
    labels = {r.code: r.full_label for r in rows}
    for code, i in index.items():
        picked = sorted({combo[i] for combo in best})
        out[code] = [readings[code][j] for j in picked]
        if len(picked) == 1:
            values = [p.value if p else None for p in out[code][0]]
            notes.append(
                f"表三“{labels[code]}”一行的“{' '.join(texts[code].text.split())}”有 {len(readings[code])} 种拆分，"
                f"按列合计取 {_show(values)}"
            )
    return out


def _table3_header_variants(text: Text, start: int, end: int, result: TableResult) -> None:
    region = text.folded[start:end]
    for col in T3_COLUMNS:
        if not col.variants or re.search(label_regex(col.label), region):
            continue
        for variant in col.variants:
            if re.search(label_regex(variant), region):
                result.printed[f"table3.col.{col.code}"] = variant
                break


def _repeated_outcomes_label(text: Text, start: int, end: int, result: TableResult) -> None:
    rx = re.compile(r"\d\s*" + label_regex(T3_OUTCOMES_LABEL))
    if rx.search(text.folded, start, end):
        result.notes.append(f"表三在数据行之间重复了“{T3_OUTCOMES_LABEL}”标签")


# --------------------------------------------------------------------------- table 四


def _t4_words() -> tuple[str, ...]:
    words = {T4_REVIEW, T4_LITIGATION}
    for col in (*T4_GROUPS, *T4_COLUMNS):
        words.add(col.label)
        if len(col.label) == 4:  # PDF text breaks “结果维持” into “结果 / 维持”
            words.update((col.label[:2], col.label[2:]))
    return tuple(sorted(words, key=len, reverse=True))


_T4_WORDS = _t4_words()
_T4_HEAD = re.compile("|".join(label_regex(w) for w in (T4_REVIEW, T4_LITIGATION)))
_T4_WORD = re.compile(r"\s*(?:" + "|".join(label_regex(w) for w in _T4_WORDS) + r")")
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


def parse_table4(text: Text, start: int, end: int) -> TableResult:
    result = TableResult()
    head = _T4_HEAD.search(text.folded, start, min(end, start + 20_000))
    if head is None:
        return result
    pos = head.start()
    limit = min(end, pos + 20_000)
    runs: list[RowText] = []
    folded = text.folded
    last_end = cluster = pos
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
            raw = _without_prose_start(text.text[pos:stop], folded, stop, limit)
            tokens, fields = tokenize(raw, pos)
            if tokens and after_header:
                runs.append(RowText(pos, raw, tuple(tokens), tuple(tuple(f) for f in fields)))
                last_end = pos + len(raw.rstrip())
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
    if not runs:
        return result
    result.span = (cluster, last_end)
    codes = [f"{g.code}.{c.code}" for g in T4_GROUPS for c in T4_COLUMNS]
    kinds = [CellKind.COUNT] * 15
    if sum(len(r.tokens) for r in runs) > 15 and len(runs) == 1:
        runs = [spaced_thousands(runs[0], 15, result.notes, "表四")]
    for run in runs:
        pos15 = positional(run, 15)
        if pos15 is not None:
            pieces = _value_pieces(run, pos15, kinds)
            if pieces is not None:
                for code, p in zip(codes, pieces, strict=True):
                    result.cells[code] = make_cell(text, run, p, run.start)
                # the table ends with its row: numbers after it (“2023年…” of the prose) are not the table's
                result.span = (cluster, run.start + len(run.text.rstrip()))
                return result
    # all runs as one token stream (token offsets stay absolute)
    tokens = tuple(t for r in runs for t in r.tokens)
    merged = RowText(runs[0].start, " ".join(r.text for r in runs), tokens, ())
    splits, capped = split_cells(tokens, kinds, _T4_GROUPS, max_len=COUNT_DIGITS)
    if not splits:
        loose, _ = split_cells(tokens, kinds, cap=2, max_len=COUNT_DIGITS)
        if len(loose) != 1:  # several readings and none obeys the totals: nothing to choose by
            result.notes.append(f"表四的“{' '.join(merged.text.split())}”无法唯一拆成 15 个数，按空白处理")
            for code in codes:
                result.cells[code] = Cell(None, None, text.source(merged.start))
            return result
        splits = loose  # the only reading; it breaks a total, which the checks will report
    cells, unsure = merge_readings(text, merged, splits, 15, capped)
    if unsure:
        result.notes.append(
            f"表四的“{' '.join(merged.text.split())}”有 {len(splits)} 种符合合计的拆分，"
            f"{len(unsure)} 个单元格无法确定{'（拆分过多，仅列出部分）' if capped else ''}"
        )
    for code, cell in zip(codes, cells, strict=True):
        result.cells[code] = cell
    return result
