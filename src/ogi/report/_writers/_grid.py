"""Tables 二, 三 and 四 as grids of merged cells, the one layout the DOCX, PDF and HTML writers draw.

The national format prints these tables with merged cells (table 三's header note over 3×3 cells,
“三、本年度办理结果” down the outcome rows, table 四's two-level header). Computing the grid once keeps
the DOCX, PDF and HTML writers cell for cell identical; each only decides how a cell is painted.
Column widths are in points for the 156 mm text block of GB/T 9704. What only markup needs (which
header heads which cells, :meth:`Grid.scope`) is derived from the same cells, so the page-layout
writers can ignore it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from .._format import (
    T3_APPLICANTS,
    T3_COLUMN_CODES,
    T3_COLUMNS,
    T3_HEADER_NOTE,
    T3_LEGAL_PERSONS,
    T3_OUTCOMES_LABEL,
    T4_COLUMNS,
    T4_GROUPS,
    T4_LITIGATION,
    T4_REVIEW,
    TABLE2,
    FormatVersion,
    Table2Block,
)
from .._model import Report
from ._cells import CellPrinter

#: Width of the GB/T 9704 text block (156 mm) in points.
TEXT_WIDTH = 156 / 25.4 * 72


class Role(StrEnum):
    """What a grid cell holds; decides alignment and, for values, that the cell maps to a path."""

    CAPTION = "caption"  # 第二十条第（一）项
    HEADER = "header"  # column labels
    LABEL = "label"  # a row label
    GROUP = "group"  # a vertically merged label over several rows
    VALUE = "value"


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    text: str
    role: Role
    rowspan: int = 1
    colspan: int = 1
    path: str | None = None  # cell path of a value cell

    @property
    def centred(self) -> bool:
        return self.role is not Role.LABEL


@dataclass(frozen=True)
class Grid:
    """A rectangular table of ``len(widths)`` columns and ``rows`` rows, its cells placed with spans."""

    widths: tuple[float, ...]
    rows: int
    cells: tuple[GridCell, ...]
    header_rows: int = 0  # leading rows repeated after a page break
    keep_with_next: frozenset[int] = frozenset()  # rows never left last on a page (captions, headers)

    def row_cells(self, row: int) -> list[GridCell]:
        """The cells starting in ``row``, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)

    def scope(self, cell: GridCell) -> str | None:
        """What a header cell heads, as HTML's ``scope`` says it (None for a value).

        A caption, or a column header with further headers right below it (申请人情况 over 自然人 …),
        heads a group of columns; a merged row label (三、本年度办理结果) heads a group of rows.
        """
        if cell.role is Role.VALUE:
            return None
        if cell.role is Role.LABEL:
            return "row"
        if cell.role is Role.GROUP:
            return "rowgroup"
        if cell.role is Role.CAPTION or self._headers_below(cell):
            return "colgroup"
        return "col"

    def _headers_below(self, cell: GridCell) -> bool:
        below = cell.row + cell.rowspan
        return any(
            c.role is Role.HEADER and c.row == below and cell.col <= c.col < cell.col + cell.colspan for c in self.cells
        )

    # ---- page breaks: what the page-layout writers (PDF, DOCX) agree on

    @property
    def merged_body(self) -> bool:
        """Does a merged label run down body rows (table 三's outcome and group labels)? A page break
        through such a table leaves the label's continuation blank unless the writer prints it again."""
        return any(c.rowspan > 1 and c.row >= self.header_rows for c in self.cells)

    def lead_rows(self) -> int:
        """How many leading rows must start on one page: the header rows, the keep-with-next chain
        after them and one row more (a heading above the table is kept with these)."""
        end = self.header_rows
        while end in self.keep_with_next and end + 1 < self.rows:
            end += 1
        return end + 1

    def bad_break(self, row: int) -> bool:
        """Would a page break just before ``row`` part a keep-with-next row from the next one, or
        leave one row of a merged body cell alone on either side?"""
        if row - 1 in self.keep_with_next:
            return True
        for cell in self.cells:
            inside = cell.row < row < cell.row + cell.rowspan
            lone = row - cell.row == 1 or cell.row + cell.rowspan - row == 1
            if cell.rowspan > 1 and cell.row >= self.header_rows and inside and lone:
                return True
        return False

    def part(self, rows: Sequence[int]) -> Grid:
        """The header rows and the consecutive body ``rows`` as a table of their own, for the page it is
        printed on: a merged cell cut by the part's edges keeps its text, so the group label
        (三、本年度办理结果, （三）不予公开 …) shows again on the continuation page."""
        kept = [*range(self.header_rows), *rows]
        index = {r: i for i, r in enumerate(kept)}
        cells = []
        for c in self.cells:
            inside = [index[r] for r in range(c.row, c.row + c.rowspan) if r in index]
            if inside:
                cells.append(replace(c, row=inside[0], rowspan=len(inside)))
        keep = frozenset(index[r] for r in self.keep_with_next if r in index and r != kept[-1])
        return Grid(self.widths, len(kept), tuple(cells), self.header_rows, keep)


def row_heights(grid: Grid, base: float, need: Callable[[GridCell], float]) -> list[float]:
    """Each row's height: ``base`` (one line), or what its tallest cell ``need``s; a merged cell taller
    than its rows together adds the difference to its last row, as Word and LibreOffice do."""
    heights = [base] * grid.rows
    for cell in sorted(grid.cells, key=lambda c: c.rowspan):
        span = range(cell.row, cell.row + cell.rowspan)
        short = need(cell) - sum(heights[r] for r in span)
        if short > 0:
            heights[span[-1]] += short
    return heights


def page_rows(grid: Grid, heights: Sequence[float], room: float, page: float, *, at_top: bool) -> list[list[int]]:
    """The body rows of ``grid`` per page, the first list on the current page (empty when the table
    must start on the next one), given each row's height, the ``room`` left below the cursor and the
    height of a whole page (``at_top``: the cursor is at the top of a page already).

    Keep-with-next chains (a caption, its header, the first row) stay together; the header rows start
    every page; a break never leaves a single row of a merged label alone on either side (it moves up
    to the last row where it parts nothing, unless every earlier break is as bad).
    """
    header = sum(heights[: grid.header_rows])
    pages: list[list[int]] = []
    current: list[int] = []
    room -= header
    r = grid.header_rows
    while r < grid.rows:
        end = r
        while end in grid.keep_with_next and end + 1 < grid.rows:
            end += 1
        chunk = list(range(r, end + 1))
        height = sum(heights[i] for i in chunk)
        if height > room + 0.01 and (current or (not pages and not at_top)):
            carry = _carry(grid, current)
            pages.append(current[: len(current) - len(carry)])
            current = carry
            room = page - header - sum(heights[i] for i in carry)
        current.extend(chunk)
        room -= height
        r = end + 1
    pages.append(current)
    return pages


def _carry(grid: Grid, rows: list[int]) -> list[int]:
    """The last rows of a page to move on, so that the break parts nothing that belongs together."""
    for cut in range(len(rows), 0, -1):
        if not grid.bad_break(rows[cut - 1] + 1):
            return rows[cut:]
    return []


class _Builder:
    def __init__(self, widths: tuple[float, ...], report: Report) -> None:
        self.widths = widths
        self.printer = CellPrinter(report)
        self.cells: list[GridCell] = []
        self.row = 0
        self.keep: set[int] = set()

    def add(self, col: int, text: str, role: Role, *, rowspan: int = 1, colspan: int = 1, path: str = "") -> None:
        self.cells.append(GridCell(self.row, col, text, role, rowspan, colspan, path or None))

    def value(self, col: int, report: Report, path: str, *, colspan: int = 1) -> None:
        self.add(col, self.printer.text(path), Role.VALUE, colspan=colspan, path=path)

    def next_row(self, *, keep: bool = False) -> None:
        if keep:
            self.keep.add(self.row)
        self.row += 1

    def grid(self, header_rows: int = 0) -> Grid:
        return Grid(self.widths, self.row, tuple(self.cells), header_rows, frozenset(self.keep))


# --------------------------------------------------------------------------- table 二

#: Column spans of the data cells by number of data columns: 2021 has 3 data grid columns; the 2019
#: grid has 4 (widths 2:1:1:2) so that blocks of 3 and of 2 columns both divide the width evenly.
_T2_SPANS = {
    FormatVersion.V2021: {3: (1, 1, 1), 1: (3,)},
    FormatVersion.V2019: {3: (1, 2, 1), 2: (2, 2)},
}


def _t2_widths(version: FormatVersion) -> tuple[float, ...]:
    label = TEXT_WIDTH * 0.3
    data = TEXT_WIDTH - label
    if version is FormatVersion.V2019:
        return (label, data / 3, data / 6, data / 6, data / 3)
    return (label, data / 3, data / 3, data / 3)


def table2_grid(report: Report) -> Grid:
    """Table 二: each 第二十条第（x）项 caption over the full width, then its header and data rows."""
    version = report.format
    widths = _t2_widths(version)
    b = _Builder(widths, report)
    for block in TABLE2[version]:
        _t2_block(b, report, block, _T2_SPANS[version][len(block.columns)])
    return b.grid()


def _t2_block(b: _Builder, report: Report, block: Table2Block, spans: tuple[int, ...]) -> None:
    b.add(0, block.caption, Role.CAPTION, colspan=len(b.widths))
    b.next_row(keep=True)
    b.add(0, block.header, Role.HEADER)
    col = 1
    for column, span in zip(block.columns, spans, strict=True):
        b.add(col, column.label, Role.HEADER, colspan=span)
        col += span
    b.next_row(keep=True)
    for i, row in enumerate(block.rows):
        b.add(0, row.label, Role.LABEL)
        col = 1
        for column, span in zip(block.columns, spans, strict=True):
            b.value(col, report, f"table2.{row.code}.{column.code}", colspan=span)
            col += span
        b.next_row(keep=i < len(block.rows) - 1)  # a block of at most 4 rows is never split


# --------------------------------------------------------------------------- table 三

#: Outcome label column (3 characters a line of 五号 inside 1 mm padding), group column (4: “（三）不”
#: over “予公开”), then the 7 applicant columns (2 characters, or 4 digits in a wide fallback face); the row
#: label column takes the rest (11 characters: “4.无正当理由大量反复申请” on one line).
_T3_OUTER_WIDTHS = (38.0, 48.5)
_T3_NUMBER_WIDTH = 33.0
_T3_LABEL_WIDTHS = (*_T3_OUTER_WIDTHS, TEXT_WIDTH - sum(_T3_OUTER_WIDTHS) - 7 * _T3_NUMBER_WIDTH)
_T3_WIDTHS = (*_T3_LABEL_WIDTHS, *((_T3_NUMBER_WIDTH,) * 7))
T3_FIRST_VALUE_COL = len(_T3_LABEL_WIDTHS)


def table3_grid(report: Report) -> Grid:
    """Table 三 with the official three-row header and the merged outcome and group labels."""
    b = _Builder(_T3_WIDTHS, report)
    first = T3_FIRST_VALUE_COL
    b.add(0, T3_HEADER_NOTE, Role.HEADER, rowspan=3, colspan=first)
    b.add(first, T3_APPLICANTS, Role.HEADER, colspan=7)
    b.next_row(keep=True)
    b.add(first, T3_COLUMNS[0].label, Role.HEADER, rowspan=2)
    b.add(first + 1, T3_LEGAL_PERSONS, Role.HEADER, colspan=5)
    b.add(first + 6, T3_COLUMNS[6].label, Role.HEADER, rowspan=2)
    b.next_row(keep=True)
    for i, column in enumerate(T3_COLUMNS[1:6], start=first + 1):
        b.add(i, column.label, Role.HEADER)
    b.next_row(keep=True)

    rows = report.table3_rows
    in_outcomes = [r for r in rows if r.is_outcome or r.code == "total_handled"]
    group_sizes: dict[str, int] = {}
    for r in rows:
        if r.group is not None:
            group_sizes[r.group.code] = group_sizes.get(r.group.code, 0) + 1
    seen_groups: set[str] = set()
    for r in rows:
        if r in in_outcomes:
            if r is in_outcomes[0]:
                b.add(0, T3_OUTCOMES_LABEL, Role.GROUP, rowspan=len(in_outcomes))
            if r.group is None:
                b.add(1, r.label, Role.LABEL, colspan=2)
            else:
                if r.group.code not in seen_groups:
                    seen_groups.add(r.group.code)
                    b.add(1, r.group.label, Role.GROUP, rowspan=group_sizes[r.group.code])
                b.add(2, r.label, Role.LABEL)
        else:
            b.add(0, r.label, Role.LABEL, colspan=first)
        for i, code in enumerate(T3_COLUMN_CODES):
            b.value(first + i, report, f"table3.{r.code}.{code}")
        b.next_row()
    return b.grid(header_rows=3)


# --------------------------------------------------------------------------- table 四


def table4_grid(report: Report) -> Grid:
    """Table 四: 行政复议 | 行政诉讼 over 未经复议直接起诉 / 复议后起诉, then the 15 numbers."""
    n = len(T4_COLUMNS)
    b = _Builder((TEXT_WIDTH / (3 * n),) * (3 * n), report)
    b.add(0, T4_REVIEW, Role.HEADER, colspan=n)
    b.add(n, T4_LITIGATION, Role.HEADER, colspan=2 * n)
    b.next_row(keep=True)
    for i, column in enumerate(T4_COLUMNS):
        b.add(i, column.label, Role.HEADER, rowspan=2)
    for g, group in enumerate(T4_GROUPS[1:], start=1):
        b.add(g * n, group.label, Role.HEADER, colspan=n)
    b.next_row(keep=True)
    for g in range(1, len(T4_GROUPS)):
        for i, column in enumerate(T4_COLUMNS):
            b.add(g * n + i, column.label, Role.HEADER)
    b.next_row(keep=True)
    for g, group in enumerate(T4_GROUPS):
        for i, column in enumerate(T4_COLUMNS):
            b.value(g * n + i, report, f"table4.{group.code}.{column.code}")
    b.next_row()
    return b.grid(header_rows=3)


def report_grids(report: Report) -> dict[str, Grid]:
    """The three tables keyed by the number of the section they belong to."""
    return {"2": table2_grid(report), "3": table3_grid(report), "4": table4_grid(report)}
