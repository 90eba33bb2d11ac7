"""The text reader: plain text, Markdown and web captures of an annual report → :class:`Report`.

Also the common back end of the HTML, DOCX and PDF readers, which reduce their tables to tab-separated
:class:`Line` objects and call :func:`parse_lines`. The approach: anchor on the labels (tolerant of
spacing, brackets, typos), take the text between consecutive labels as a row's values, and recover the
cell boundaries with the report's own arithmetic (see ``_splits``, ``_rows`` and ``_table2``–``_table4``).
"""

from __future__ import annotations

import re

from .._errors import InputTooLarge, ReadError
from .._format import (
    SECTION_BY_NUMBER,
    T3_APPLICANTS,
    T3_HEADER_NOTE,
    FormatVersion,
    detect_table2_format,
    t3_rows,
    table2_cell_codes,
)
from .._lines import Line, text_lines
from .._model import Cell, MissingPart, Report, SignOff, Source
from .._preamble import parse_preamble
from . import register
from ._anchors import Label, Text, find
from ._decode import decode_bytes
from ._missing import (
    CUT,
    T4_SUM_GROUPS,
    blank_row,
    blank_table4,
    cut_table2_row,
    missing_rows,
    missing_table,
    missing_table2_rows,
    whole_row,
)
from ._rows import TableResult
from ._sections import (
    find_headings,
    heading_variants,
    infer_section5,
    is_report_like,
    metadata,
    preamble_text,
    section_texts,
    split_signoff,
)
from ._table2 import parse_table2
from ._table3 import parse_table3
from ._table4 import parse_table4

#: Text beyond these is refused before it is indexed: a long report is 100,000 characters in 2,000 lines.
MAX_TEXT_CHARS = 5_000_000
MAX_TEXT_LINES = 100_000
#: How many missing table 三 rows an error message names before summarising.
_NAMED_MISSING = 3
#: HTML comments left in a web capture's text (Word's “<!--[if !supportLists]-->”): markup, never content.
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


@register("text")
def read_text(data: bytes, file: str) -> Report:
    """Reader entry point: decode and parse."""
    return parse_text(decode_bytes(data, file), file=file)


def parse_text(text: str, *, file: str | None = None) -> Report:
    """Parse the text of a report; raises :class:`ReadError` (one Chinese line) when it is not one."""
    _refuse_oversized(text, file or "<输入>")
    if text.startswith("\ufeff"):
        text = text[1:]
    text = _HTML_COMMENT.sub("", text)
    lines = text_lines(text, file)
    if text.endswith(("\n", "\r")):  # the last line is complete: a row on it was not cut off
        lines.append(Line("", Source(file=file, line=len(lines) + 1)))
    return parse_lines(lines, file=file)


def _refuse_oversized(text: str, name: str) -> None:
    """A report is tens of kilobytes; megabytes of short lines would cost minutes and gigabytes to index."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputTooLarge(name, f"文字过多（{len(text):,} 字，上限 {MAX_TEXT_CHARS:,} 字），不像年度报告")
    lines = text.count("\n") + 1
    if lines > MAX_TEXT_LINES:
        raise InputTooLarge(name, f"行数过多（{lines:,} 行，上限 {MAX_TEXT_LINES:,} 行），不像年度报告")


def parse_lines(lines: list[Line], *, file: str | None = None, sections_text: str | None = None) -> Report:
    """Parse report lines (table rows as tab-separated cells, with their provenance).

    ``sections_text``, when given, is the report's prose (title and sections) read separately from the
    tables, e.g. the paragraphs of an HTML page whose tables arrive as ``lines``.
    """
    name = file or "<输入>"
    if len(lines) > MAX_TEXT_LINES:  # a DOCX or PDF of hundreds of thousands of tiny paragraphs
        raise InputTooLarge(name, f"行数过多（{len(lines):,} 行，上限 {MAX_TEXT_LINES:,} 行），不像年度报告")
    text = Text(lines, file)
    if not text.text.strip():
        raise ReadError(name, "文件为空")
    prose = Text(text_lines(sections_text, file), file) if sections_text is not None else text
    headings = find_headings(text)

    # ---- table 三: the one table every report has; locate it first
    h3 = headings.get("3")
    t3_from = h3.end if h3 else 0
    t3_to = _after(headings, "4", t3_from, len(text), fallback="5")
    split_hint = True
    t3 = parse_table3(text, t3_from, t3_to, split_hint)
    if t3.found == 0 and t3_from:
        t3 = parse_table3(text, 0, len(text), split_hint)
    if t3.rows and len(t3.rows) < len(t3_rows(bool(t3.split_other))) and not _table3_framed(text, h3, t3):
        t3 = TableResult()  # a few row names in prose (“部分公开208件”), no table: not table 三
    if t3.span is not None:
        t3_start, t3_end = t3.span
    else:  # no table 三: table 二 may run up to section 三 (or 四), table 四 starts after table 二
        t3_start = h3.start if h3 else _after(headings, "4", 0, len(text), fallback="5")
        t3_end = 0

    # ---- table 二: between section 二 and table 三
    h2 = headings.get("2")
    t2_from = h2.end if h2 and h2.end <= t3_start else 0
    caption = find(text, Label("caption", ("第二十条",)), t2_from, t3_start)
    if caption is not None and h2 is None:
        t2_from = caption.start
    t2_to = min(t3_start, h3.start) if h3 and h3.start >= t2_from else t3_start
    region = text.folded[t2_from:t2_to]
    version = detect_table2_format(region)
    if version is not None:
        t2 = parse_table2(text, version, t2_from, t2_to)
    else:  # no column headers: the format whose rows read best (ties: the table 三 layout)
        hint = FormatVersion.V2021 if t3.split_other else FormatVersion.V2019
        tries = {v: parse_table2(text, v, t2_from, t2_to) for v in (hint, *(v for v in FormatVersion if v != hint))}
        version = max(tries, key=lambda v: _share_read(tries[v], v))
        t2 = tries[version]
        if caption is None and _share_read(t2, version) < 0.5 and not t3.rows:
            t2 = TableResult()  # row names in prose (“规章22件”) with neither caption, header nor table 三

    # ---- table 四: after table 三, before section 五
    t4_from = max(t3_end, t2.span[1] if t2.span else 0)
    t4_to = _after(headings, "5", t4_from, len(text))
    t4 = parse_table4(text, t4_from, t4_to)
    if not t3.rows and not t2.cells and not (t4.cells and is_report_like(text)):
        _no_table3(text, name, t3)  # nothing of a report's tables: not a report (or nothing left of one)

    # ---- what is missing: named, with blank cells, and the rest read
    missing: list[MissingPart] = []
    table2 = dict(t2.cells)
    table3 = dict(t3.rows)
    table4 = dict(t4.cells)
    content_end = len(text.text.rstrip())

    def looked(pos: int) -> tuple[Source | None, str]:
        """Where the reader looked for a part from ``pos`` on, and whether the text ends there."""
        if pos >= content_end:
            return (text.source(content_end - 1) if content_end else None), CUT
        return text.source(pos), "未找到"

    # the text may end inside a table (cut short): then its last row, unless read whole, is cut off
    t4_open = not _followed(headings, ("5", "6"), t4.span[0] if t4.span else len(text))
    t4_whole = "table4" in t4.ended or whole_row(tuple(t4.cells.values()), T4_SUM_GROUPS)
    if t4.span and (t4.span[1] >= content_end or t4_open) and not t4_whole:
        t4 = TableResult()
    t3_open = not t4.cells and not _followed(headings, ("4", "5", "6"), t3_start)
    if t3.rows and (t3_end >= content_end or t3_open):
        last = [row.code for row in t3_rows(bool(t3.split_other)) if row.code in t3.rows][-1]
        if last not in t3.ended and not whole_row(t3.rows[last], ((0, 7),)):
            del t3.rows[last]
            table3 = dict(t3.rows)
    t2_open = not t3.rows and not t4.cells and not _followed(headings, ("3", "4", "5", "6"), t2_from)
    if t2.span and (t2.span[1] >= content_end or t2_open):
        cut_row = cut_table2_row(t2.cells, version)
        missing += [cut_row] if cut_row else []
        missing += missing_table2_rows(t2.cells, version, text.source(t2.span[1]))
        table2 = dict(t2.cells)
    if not t2.cells:
        where, reason = looked(t2_from)
        missing.append(missing_table("table2", where, reason))
        table2 = {code: Cell(None, None, where) for code in table2_cell_codes(version)}
    if not t3.rows:
        where, reason = looked(t3_start if t2.cells or t3_start < content_end else t2.span[1] if t2.span else 0)
        missing.append(missing_table("table3", where, reason))
        table3 = {row.code: blank_row(where) for row in t3_rows(version is FormatVersion.V2021)}
    else:
        cut = t3_end >= content_end or not t4.cells
        rows_missing = missing_rows(t3_rows(t3.split_other), t3.rows, text.source(t3_start), cut)
        missing += rows_missing
        table3.update({part.part.removeprefix("table3."): blank_row(part.source) for part in rows_missing})
    if not t4.cells:
        where, reason = looked(t4_from)
        missing.append(missing_table("table4", where, reason))
        table4 = blank_table4(where)

    # ---- prose and metadata
    notes = [*t2.notes, *t3.notes, *t4.notes, *_counts_with_fractions(t2, t3, t4)]
    if prose is text:
        spans = [s for s in (t2.span, t3.span, t4.span) if s is not None]
        section_labels = heading_variants(headings)
        five = infer_section5(text, headings, t4.span[1]) if t4.span else None
        if five is not None:
            headings = {**headings, "5": five}
            notes.append(
                f"未找到“{_heading5(version)}”标题，按位置推定：表四之后、第六部分之前的问题与改进内容作为第五部分"
            )
        sections = section_texts(text, headings, spans)
    else:
        prose_headings = find_headings(prose)
        sections = section_texts(prose, prose_headings, [])
        section_labels = heading_variants(prose_headings)
        headings = prose_headings or headings
    if not any(sections.values()):
        sections = {}  # tables only (a structural extract): no prose to report on
    first = min((h.start for h in headings.values()), default=None)
    meta = metadata(prose, first if prose is text or headings else None)
    opening = preamble_text(prose, first if prose is text or headings else None)
    sections, signoff = _signoff(sections)

    printed = {**t2.printed, **t3.printed, **section_labels}
    return Report(
        format=version,
        agency=meta.agency,
        year=meta.year,
        title=meta.title,
        published=meta.published,
        preamble=parse_preamble(opening) if opening else None,
        signoff=signoff,
        table2=table2,
        table3=table3,
        table4=table4,
        sections=sections,
        source=file,
        notes=tuple(notes),
        printed_labels=printed,
        missing=tuple(missing),
        unreadable={
            f"table{n}.{path}": cell for n, t in (("2", t2), ("3", t3), ("4", t4)) for path, cell in t.odd.items()
        },
    )


def _signoff(sections: dict[str, str]) -> tuple[dict[str, str], SignOff | None]:
    """The sections with the closing sign-off cut from the last one's prose, and the sign-off."""
    if not sections:
        return sections, None
    last = max(sections, key=int)
    prose, agency, when = split_signoff(sections[last])
    if agency is None and when is None:
        return sections, None
    return {**sections, last: prose}, SignOff(agency=agency, date=when)


def _counts_with_fractions(t2, t3, t4) -> list[str]:
    """A note when counts were printed as amounts (“0.00”): they are read as the whole numbers they are."""
    cells = [*t2.cells.values(), *(c for row in t3.rows.values() for c in row), *t4.cells.values()]
    shown = [c.raw for c in cells if isinstance(c.value, int) and c.raw and "." in c.raw]
    if not shown:
        return []
    examples = "、".join(f"“{raw}”" for raw in dict.fromkeys(shown[:3]))
    return [f"有 {len(shown)} 个件数印成带小数的形式（如{examples}），按整数读取"]


def _followed(headings: dict, numbers: tuple[str, ...], start: int) -> bool:
    """Whether one of the section headings ``numbers`` stands after ``start``: the text goes on past a table."""
    return any(h is not None and h.start > start for h in (headings.get(n) for n in numbers))


def _table3_framed(text: Text, h3, t3: TableResult) -> bool:
    """Whether the rows found for an incomplete table 三 stand in a table: after its heading or header.

    Without either, a few row names in the prose of another section are no table.
    """
    start, end = t3.span or (0, 0)
    if "new_received" in t3.rows or (h3 is not None and h3.start <= start):
        return True
    header = (Label("h", (T3_APPLICANTS,)), Label("h", (T3_HEADER_NOTE,)))
    return any(find(text, label, max(0, start - 3000), end) is not None for label in header)


def _heading5(version: FormatVersion) -> str:
    section = SECTION_BY_NUMBER["5"]
    return section.heading_2019 if version is FormatVersion.V2019 and section.heading_2019 else section.heading


def _share_read(table2, version: FormatVersion) -> float:
    """Share of the format's table 二 cells read as a definite number."""
    return sum(1 for c in table2.cells.values() if c.value is not None) / len(table2_cell_codes(version))


def _after(headings: dict, number: str, start: int, default: int, fallback: str | None = None) -> int:
    """Start of heading ``number`` (or ``fallback``) when it lies after ``start``; else ``default``."""
    for key in (number, fallback):
        h = headings.get(key) if key else None
        if h is not None and h.start > start:
            return h.start
    return default


def _no_table3(text: Text, name: str, t3) -> None:
    """Raise the right error for a text without a complete table 三."""
    if t3.found:
        shown = "、".join(f"“{m}”" for m in t3.missing[:_NAMED_MISSING])
        more = f"等 {len(t3.missing)} 行" if len(t3.missing) > _NAMED_MISSING else ""
        raise ReadError(name, f"表三不完整，缺少{shown}{more}（文件可能被截断）")
    header = find(text, Label("h", (T3_HEADER_NOTE,)), 0, len(text)) or find(
        text, Label("h", (T3_APPLICANTS,)), 0, len(text)
    )
    if header is not None:
        raise ReadError(name, "表三（收到和处理政府信息公开申请情况）只有表头，没有数据行（文件可能被截断）")
    if is_report_like(text):
        raise ReadError(name, "缺少表三（收到和处理政府信息公开申请情况），无法作为年度报告读取")
    raise ReadError(name, "不是政府信息公开工作年度报告：未找到表二、表三、表四的内容")
