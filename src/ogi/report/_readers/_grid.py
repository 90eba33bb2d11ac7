"""Document tables as grids, and grids as the Lines the text reader parses.

The HTML and DOCX readers both resolve merged cells into a rectangular grid whose merged cell keeps its
text at its top-left position and leaves the positions it covers empty (the way a tab-separated capture
of the table looks, e.g. the seed document). Field ``k`` of a grid Line is then grid column ``k + 1``.
Report tables are found by their labels, never by position: on real pages they sit among layout
tables, navigation and unrelated tables.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TypeVar

from .._errors import InputTooLarge, ReadError
from .._format import (
    T3_ALL_ROWS,
    T3_APPLICANTS,
    T4_COLUMNS,
    T4_GROUPS,
    T4_LITIGATION,
    T4_REVIEW,
    TABLE2,
    detect_table2_format,
    normalize_label,
    table2_cell_codes,
)
from .._frozen import quick_init
from .._lines import Line
from .._model import Cell, Report, Source

#: Spans beyond these are malformed (a report table is at most 15 columns by 30 rows).
MAX_COLSPAN = 100
MAX_ROWSPAN = 1000
#: A grid wider or longer than this is not a report table; it is cut (HTML) or refused.
MAX_GRID_COLS = 200
MAX_GRID_ROWS = 2000
#: Paragraphs of prose per document (a report has a few hundred); beyond this it is refused as too large.
MAX_PARAGRAPHS = 50_000
#: Tables examined per document; beyond this the input is refused as too large.
MAX_TABLES = 2000

#: Zero-width characters and soft hyphens, dropped (a regex: str.translate looks up every character).
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_DASHES = re.compile(r"[-－—–―‐]+")
_CJK_GAP = re.compile(r" (?<=[^\x00-\x7f] )(?=[^\x00-\x7f])")  # the space first: the search skips to spaces
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:[, ]\d{3})+|\d+)(?:\.\d+)?")
_FULL_WIDTH_NUMBER = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "，": ",", "．": ".", "＋": "+"})


@functools.lru_cache(maxsize=8192)
def clean_cell(text: str) -> str:
    """One cell's text as a reader expects it: whitespace folded, numbers in plain ASCII digits.

    Within one cell a thousands separator cannot be a cell boundary, so “1,234” and “１２３４” become
    “1234”; a lone dash becomes “-” (a blank cell).
    """
    text = " ".join(_ZERO_WIDTH.sub("", text).split())
    text = _CJK_GAP.sub("", text)
    folded = text.translate(_FULL_WIDTH_NUMBER).replace("－", "-")
    if _NUMBER.fullmatch(folded):
        return folded.replace(",", "").replace(" ", "")
    if _DASHES.fullmatch(text):
        return "-"
    return text


# --------------------------------------------------------------------------- placing spans


@quick_init
@dataclass(frozen=True)
class SpanCell:
    """A cell as written in the source: text and how many grid columns/rows it covers."""

    text: str
    colspan: int = 1
    rowspan: int = 1


def place_spans(rows: Sequence[Sequence[SpanCell]], *, max_cols: int = MAX_GRID_COLS) -> list[list[str]]:
    """Lay out rows of spanning cells on a grid (the HTML table model).

    Each cell takes the first free position of its row; a rowspan reserves positions in the rows below
    (clipped at the last row: spans beyond the table are malformed, not new rows). Spans are capped;
    a span of 0 or less counts as 1. Covered positions are "", the grid is rectangular.
    """
    n_rows = len(rows)
    grid: list[list[str | None]] = [[] for _ in range(n_rows)]

    for r, cells in enumerate(rows):
        c = 0
        row = grid[r]
        for cell in cells:
            while c < len(row) and row[c] is not None:
                c += 1
            if c >= max_cols:
                break
            if cell.colspan == 1 and cell.rowspan == 1:  # most cells: one position, the free one found
                if c == len(row):
                    row.append(cell.text)
                else:
                    row[c] = cell.text
                c += 1
                continue
            colspan = min(max(cell.colspan, 1), MAX_COLSPAN, max_cols - c)
            rowspan = min(max(cell.rowspan, 1), MAX_ROWSPAN, n_rows - r)
            for dr in range(rowspan):  # the covered positions "", whatever was there
                line = grid[r + dr]
                if len(line) < c + colspan:
                    line.extend([None] * (c + colspan - len(line)))
                line[c : c + colspan] = [""] * colspan
            row[c] = cell.text
            c += colspan
    width = max(map(len, grid), default=0)
    out = []
    for line in grid:  # positions never reached are "" too; most lines have none
        if None in line:
            line = [v or "" for v in line]
        out.append(line + [""] * (width - len(line)) if len(line) < width else line)
    return out  # type: ignore[return-value]


# --------------------------------------------------------------------------- report tables


def _names() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    t2 = {normalize_label(block.caption) for blocks in TABLE2.values() for block in blocks}
    t3 = {normalize_label(name) for row in T3_ALL_ROWS.values() for name in row.names if len(name) >= 4}
    t3.add(normalize_label(T3_APPLICANTS))
    t4 = {normalize_label(x) for x in (T4_REVIEW, T4_LITIGATION, *(g.label for g in T4_GROUPS))}
    t4 |= {normalize_label(c.label) for c in T4_COLUMNS[:-1]}
    return tuple(sorted(t2)), tuple(sorted(t3)), tuple(sorted(t4))


_T2_NAMES, _T3_NAMES, _T4_NAMES = _names()


def report_table_kinds(text: str) -> frozenset[str]:
    """Which of tables 二/三/四 ("2", "3", "4") a table's text looks like; empty for other tables."""
    folded = normalize_label(text)
    kinds = set()
    if detect_table2_format(folded) is not None or any(n in folded for n in _T2_NAMES):
        kinds.add("2")
    if sum(n in folded for n in _T3_NAMES) >= 3:
        kinds.add("3")
    if sum(n in folded for n in _T4_NAMES) >= 4:
        kinds.add("4")
    return frozenset(kinds)


_Table = TypeVar("_Table")


def number_tables(
    tables: Sequence[_Table], report_tables: Collection[_Table], *, nests: Callable[[_Table], bool]
) -> dict[int, int]:
    """The number each reader gives a table (``Source.table``), keyed by ``id(table)``.

    Report tables and tables with no table inside count, 1-based in document order: a layout table
    around other tables is not a table a reader of the page would count.
    """
    found = {id(t) for t in report_tables}
    numbered = [t for t in tables if id(t) in found or not nests(t)]
    return {id(t): i for i, t in enumerate(numbered, start=1)}


@contextmanager
def deep_nesting_refused(file: str, message: str) -> Iterator[None]:
    """Markup nested deeper than Python's recursion limit is refused as too large, not a traceback."""
    try:
        yield
    except RecursionError as exc:
        raise InputTooLarge(file, message) from exc


def has_table3_text(text: str) -> bool:
    """True when the labels of table 三 occur in ``text`` (as a table or flattened to lines)."""
    return "3" in report_table_kinds(text)


def grid_lines(grid: Sequence[Sequence[str]], *, file: str | None, table: int) -> list[Line]:
    """One Line per grid row; Source names the table and the 1-based row. Empty rows are dropped."""
    lines = (Line.from_cells(list(row), Source(file=file, table=table, row=r)) for r, row in enumerate(grid, start=1))
    return [line for line in lines if line.text.strip()]  # cleaned cells are empty when all were whitespace


_VALUE_CELL = re.compile(r"[+-]?\d+(?:\.\d+)?|[-/／]|无")


def _t3_row_labels() -> tuple[str, ...]:
    """Table 三 row labels with their printed numbers (“（一）予以公开”, “1.属于国家秘密”)."""
    labels = {normalize_label(row.number + name) for row in T3_ALL_ROWS.values() for name in row.names}
    return tuple(sorted(labels, key=len, reverse=True))


_T3_ROW_LABELS = _t3_row_labels()


def join_wrapped_rows(grid: list[list[str]]) -> list[list[str]]:
    """Grid rows that are one table 三 row whose label wrapped onto a second ``<tr>``, joined into one.

    Converters (PDF to HTML/Word) make a row of each line of a wrapped label: the numbers stand in one of
    the two rows, the label is cut between them (“一、本年新收政府信 / 息公开申请数量”). Two neighbouring
    rows are joined when only one of them holds values and their labels together, but neither alone,
    spell a row label of table 三.
    """
    out: list[list[str]] = []
    # two rows can be one only when just one of them holds values (_wrapped_pair's first test, done once a row)
    valued = [any(map(_VALUE_CELL.fullmatch, row)) for row in grid]
    i = 0
    while i < len(grid):
        row = grid[i]
        if i + 1 < len(grid) and valued[i] != valued[i + 1] and _wrapped_pair(row, grid[i + 1]):
            out.append([a + b for a, b in zip(row, grid[i + 1], strict=True)])
            i += 2
            continue
        out.append(row)
        i += 1
    return out


def _wrapped_pair(first: Sequence[str], second: Sequence[str]) -> bool:
    def value(cell: str) -> bool:
        return bool(_VALUE_CELL.fullmatch(cell))

    pairs = list(zip(first, second, strict=True))
    if any(map(_VALUE_CELL.fullmatch, first)) == any(map(_VALUE_CELL.fullmatch, second)):
        return False
    if any(a and b and (value(a) or value(b)) for a, b in pairs):
        return False
    alone = [normalize_label("".join(c for c in row if not value(c))) for row in (first, second)]
    joined = normalize_label("".join(a + b for a, b in pairs if not value(a + b)))
    return any(label in joined and label not in alone[0] and label not in alone[1] for label in _T3_ROW_LABELS)


_TITLE_SUFFIX = re.compile(r"\s*(?:[_|｜]| - | — |－).*$")


def title_line(text: str) -> str:
    """A page title without the site name appended after “_”, “|” or “ - ”."""
    text = clean_cell(text)
    head = _TITLE_SUFFIX.sub("", text)
    return head if len(head) >= 6 else text


def fold_space(text: str) -> str:
    """Prose whitespace folded: runs to one space, none between Chinese characters, no zero-width marks."""
    return _CJK_GAP.sub("", " ".join(_ZERO_WIDTH.sub("", text).split()))


# --------------------------------------------------------------------------- documents


@dataclass
class DocumentText:
    """A document reduced to what the text reader needs: Lines in document order, and what was seen."""

    file: str
    title: str | None = None
    published: str | None = None  # the page's publication date as the site states it (e.g. a PubDate meta)
    prose: list[str] = field(default_factory=list)
    tables: list[tuple[int, list[list[str]]]] = field(default_factory=list)  # (1-based table number, grid)
    body: list[Line] = field(default_factory=list)
    images: bool = False

    def add_text(self, text: str) -> None:
        if len(self.prose) >= MAX_PARAGRAPHS:  # refused while walking, before the rest is read
            raise InputTooLarge(self.file, f"段落过多（超过 {MAX_PARAGRAPHS:,} 段），不像年度报告")
        self.prose.append(text)
        self.body.append(Line(text, Source(file=self.file, line=len(self.prose))))

    def add_table(self, number: int, grid: list[list[str]]) -> None:
        grid = join_wrapped_rows(grid)
        self.tables.append((number, grid))
        self.body.extend(grid_lines(grid, file=self.file, table=number))

    @property
    def lines(self) -> list[Line]:
        """The body, preceded by the title when the body does not already carry it.

        A publication date known from the page's metadata comes first, as the “发布时间：” field line that a
        capture header carries, so the text reader takes it the same way for both.
        """
        head = [Line(f"发布时间：{self.published}", Source(file=self.file))] if self.published else []
        if self.title and not any(normalize_label(self.title) in normalize_label(p) for p in self.prose[:20]):
            return [*head, Line(self.title, Source(file=self.file)), *self.body]
        return [*head, *self.body]

    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


_IMAGES_ONLY = "未找到表三（收到和处理政府信息公开申请情况）的文字：表格似乎是以图片形式插入的，无法读取其中的数字"


def to_report(doc: DocumentText) -> Report:
    """Parse the document's Lines with the text reader; refuse clearly when no report table is there to read.

    A document with only some of tables 二/三/四 (cut short) is read as far as it goes.
    """
    tables = any(report_table_kinds("\n".join("".join(r) for r in grid)) for _, grid in doc.tables)
    if not tables and not has_table3_text(doc.text()):
        if doc.images:
            raise ReadError(doc.file, _IMAGES_ONLY)
        raise ReadError(doc.file, "未找到年度报告的表格（表二、表三、表四）")
    from ._text import parse_lines

    return attach_columns(parse_lines(doc.lines, file=doc.file), doc)


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except ArithmeticError:
        return None


def attach_columns(report: Report, doc: DocumentText) -> Report:
    """Give each cell read from a grid row the grid column it came from (Source.column), when not set.

    The cells of one grid row, in the table's column order, are matched left to right to the fields of
    that row holding their value; blank cells keep no column (an empty field may be a merged position).
    """
    grids = dict(doc.tables)
    order: dict[str, int] | None = None  # made for the first cell without a column: most readers set it
    rows: dict[tuple[int, int], list[tuple[str, Cell]]] = {}
    for i, (path, cell) in enumerate(report.iter_cells()):
        where = cell.source
        if where is None or where.table is None or where.row is None or where.column is not None:
            continue
        if cell.value is not None:
            if order is None:
                order = {f"table2.{code}": i for i, code in enumerate(table2_cell_codes(report.format))}
            rows.setdefault((where.table, where.row), []).append((path, cell))
            order.setdefault(path, len(order) + i)
    for (table, row), cells in rows.items():
        grid = grids.get(table)
        if grid is None or not 1 <= row <= len(grid):
            continue
        fields = grid[row - 1]
        k = 0
        for path, cell in sorted(cells, key=lambda item: order[item[0]]):  # type: ignore[index]
            while k < len(fields) and _number(fields[k]) != cell.value:
                k += 1
            if k == len(fields):
                break
            assert cell.source is not None
            report = report.with_cell(path, replace(cell, source=replace(cell.source, column=k + 1)))
            k += 1
    return report
