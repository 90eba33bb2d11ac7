"""The typed report model: what every reader produces and every writer and check consumes.

A cell keeps "blank" (None) distinct from 0, and remembers where it was read, so that a finding can
say “第3页 表三 第9行 自然人”. Cells are addressed by path strings — ``table2.<row>.<col>``,
``table3.<row>.<column>``, ``table4.<group>.<col>`` — the same codes as the JSON interchange form.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from ._format import (
    T3_ALL_ROWS,
    T3_COLUMN_CODES,
    T4_CELL_CODES,
    FormatVersion,
    Table3Row,
    t3_rows,
    table2_cell_codes,
)
from ._frozen import quick_init

Number = int | Decimal

#: Printed forms of a cell that say “/” (not applicable) rather than leaving it blank; readers keep
#: them as the cell's raw text.
SLASH_FORMS = frozenset({"/", "／", "-", "－", "—", "——", "―", "无"})


@quick_init
@dataclass(frozen=True)
class Source:
    """Where a cell (or a finding) comes from; every field is optional."""

    file: str | None = None
    page: int | None = None  # 1-based PDF page
    line: int | None = None  # 1-based text line
    table: int | None = None  # 1-based table index in an HTML/DOCX document
    row: int | None = None  # 1-based row within that table
    column: int | None = None  # 1-based column within that table
    raw: str | None = None  # the text the value was read from

    def describe(self) -> str:
        """Chinese location phrase, e.g. “文件 a.pdf 第3页 第9行”."""
        parts = []
        if self.file:
            parts.append(self.file)
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            parts.append(f"第{self.table}个表格")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        elif self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column is not None:
            parts.append(f"第{self.column}列")
        return " ".join(parts)


@quick_init
@dataclass(frozen=True)
class Cell:
    """One table cell: a number, or None for blank / “/” / “-”.

    ``candidates`` holds the readings a reader could not choose between; such a cell is ambiguous and
    its value is None (it is never guessed silently).
    """

    value: Number | None = None
    raw: str | None = None
    source: Source | None = None
    candidates: tuple[Number, ...] = ()

    @property
    def is_blank(self) -> bool:
        return self.value is None

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates)

    @property
    def slashed(self) -> bool:
        """Printed as “/” (or “-”, “无”): no number, but not left blank either."""
        return self.value is None and not self.candidates and (self.raw or "").strip() in SLASH_FORMS

    @classmethod
    def of(cls, value: Number | None) -> Cell:
        return cls(value=value)


BLANK = Cell()


@dataclass(frozen=True)
class Preamble:
    """The opening paragraph before 一、总体情况 (本报告由…编制, the statistical period, how to get in touch).

    ``text`` is what is printed, paragraphs separated by newlines; the other fields are the facts a
    platform files, found in that text. Writers print ``text`` only.
    """

    text: str
    period_start: date | None = None
    period_end: date | None = None
    address: str | None = None
    postcode: str | None = None
    telephone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class SignOff:
    """The closing 落款 of a 公文: the issuing agency and the date, each as printed when present."""

    agency: str | None = None
    date: date | None = None


@dataclass(frozen=True)
class MissingPart:
    """A table or table row the reader could not find or complete: its cells are blank (null) in the report.

    A report read as far as it goes keeps what it has; what it lacks is named here, so that checks,
    messages and the JSON form can say so instead of refusing the whole file.
    """

    part: str  # "table2", "table3", "table4", or a row "table3.<row code>"
    label: str  # the format's label of the part (Chinese), e.g. "（一）予以公开"
    source: Source | None = None  # where the reader looked for it (page or line)
    reason: str = "未找到"  # why it is missing, e.g. "未找到" or "被截断"

    def describe(self) -> str:
        """“表四（…）” for a table, “表三“（一）予以公开”一行” for a row: what a message names."""
        if "." not in self.part:
            return self.label
        table = {"table2": "表二", "table3": "表三", "table4": "表四"}.get(self.part.partition(".")[0], "")
        return f"{table}“{self.label}”一行"

    def covers(self, path: str) -> bool:
        """True when the cell at ``path`` belongs to this part (a row: its seven cells, no other row's)."""
        if path == self.part:
            return True
        if "." not in self.part:  # a whole table
            return path.startswith(self.part + ".")
        return path.rpartition(".")[0] == self.part


@functools.cache
def _t3_row_paths(row: str) -> tuple[str, ...]:
    """The paths of a table 三 row's seven cells (made once per row of the format)."""
    return tuple(f"table3.{row}.{col}" for col in T3_COLUMN_CODES)


_T4_PATHS = tuple(f"table4.{code}" for code in T4_CELL_CODES)


def _cells(values: Mapping[str, Number | None]) -> dict[str, Cell]:
    return {k: Cell.of(v) for k, v in values.items()}


@dataclass(frozen=True)
class Report:
    """One annual report 《政府信息公开工作年度报告》.

    ``format`` is the format of table 二. Table 三 keeps the row layout as read: ``other`` for a single
    （六）其他处理 row, or ``other.no_correction`` … ``other.other`` for the 2021 split.
    """

    format: FormatVersion
    agency: str | None = None
    year: int | None = None
    title: str | None = None  # as printed; writers print it when set
    published: date | None = None
    preamble: Preamble | None = None
    signoff: SignOff | None = None
    table2: Mapping[str, Cell] = field(default_factory=dict)
    table3: Mapping[str, tuple[Cell, ...]] = field(default_factory=dict)
    table4: Mapping[str, Cell] = field(default_factory=dict)
    sections: Mapping[str, str] = field(default_factory=dict)
    source: str | None = None  # file the report was read from
    #: facts the reader noticed that are not cells (e.g. "表三重复了“三、本年度办理结果”标签")
    notes: tuple[str, ...] = ()
    #: labels as printed where they differ from the format's verbatim label, keyed
    #: "table2.row.<code>", "table2.col.<code>", "table3.row.<code>", "table3.col.<code>", "section.<n>"
    #: (e.g. {"table3.col.nonprofit": "社会组织"}); the checks turn them into format.version warnings
    printed_labels: Mapping[str, str] = field(default_factory=dict)
    #: tables and rows the reader could not find or complete (their cells are blank); empty when complete
    missing: tuple[MissingPart, ...] = ()
    #: cells printing something that is no value of their kind (“64%”, “约30”; a count, a table 二 change or
    #: amount), read as blank: path (or the row's path when the column is unknown) → the text as printed and where
    unreadable: Mapping[str, Cell] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """False when a table or row is missing: the report was read only as far as it goes."""
        return not self.missing

    def is_missing(self, path: str) -> bool:
        """True when the cell at ``path`` lies in a missing table or row."""
        return any(part.covers(path) for part in self.missing)

    # ---------------------------------------------------------------- layout

    @property
    def split_other(self) -> bool:
        """True when table 三 has the three 2021 （六） rows."""
        if any(code.startswith("other.") for code in self.table3):
            return True
        if "other" in self.table3:
            return False
        return self.format is FormatVersion.V2021

    @property
    def table3_rows(self) -> tuple[Table3Row, ...]:
        return t3_rows(self.split_other)

    # ---------------------------------------------------------------- cell access

    def cell(self, path: str) -> Cell:
        """The cell at ``path`` (``table3.granted.total``); BLANK when absent."""
        table, _, rest = path.partition(".")
        if table == "table2":
            return self.table2.get(rest, BLANK)
        if table == "table4":
            return self.table4.get(rest, BLANK)
        if table == "table3":
            row, _, col = rest.rpartition(".")
            cells = self.table3.get(row)
            if cells is None:
                return BLANK
            return cells[T3_COLUMN_CODES.index(col)]
        raise KeyError(path)

    def value(self, path: str) -> Number | None:
        return self.cell(path).value

    def iter_cells(self) -> Iterator[tuple[str, Cell]]:
        """Every cell of tables 二, 三, 四 with its path, in printed order."""
        for code, cell in self.table2.items():
            yield f"table2.{code}", cell
        for row in self.table3_rows:
            cells = self.table3.get(row.code)
            if cells is None:
                continue
            yield from zip(_t3_row_paths(row.code), cells, strict=True)
        for code, path in zip(T4_CELL_CODES, _T4_PATHS, strict=True):
            if code in self.table4:
                yield path, self.table4[code]

    def with_cell(self, path: str, cell: Cell) -> Report:
        """A copy with one cell replaced (the model itself is never mutated)."""
        table, _, rest = path.partition(".")
        if table == "table2":
            return replace(self, table2={**self.table2, rest: cell})
        if table == "table4":
            return replace(self, table4={**self.table4, rest: cell})
        if table == "table3":
            row, _, col = rest.rpartition(".")
            if row not in T3_ALL_ROWS:
                raise KeyError(path)
            cells = list(self.table3.get(row, (BLANK,) * 7))
            cells[T3_COLUMN_CODES.index(col)] = cell
            return replace(self, table3={**self.table3, row: tuple(cells)})
        raise KeyError(path)

    # ---------------------------------------------------------------- construction

    @classmethod
    def build(
        cls,
        format: FormatVersion | str,
        *,
        table2: Mapping[str, Number | None] | None = None,
        table3: Mapping[str, list[Number | None] | tuple[Number | None, ...]] | None = None,
        table4: Mapping[str, Number | None] | None = None,
        **kwargs: object,
    ) -> Report:
        """Build a report from plain values (tests, generators, the platform)."""
        version = FormatVersion(format)
        t3 = {row: tuple(Cell.of(v) for v in values) for row, values in (table3 or {}).items()}
        for row, cells in t3.items():
            if row not in T3_ALL_ROWS or len(cells) != 7:
                raise ValueError(f"table 三 row {row!r} must be a known code with 7 values")
        return cls(
            format=version,
            table2=_cells(table2 or {}),
            table3=t3,
            table4=_cells(table4 or {}),
            **kwargs,  # type: ignore[arg-type]
        )

    @classmethod
    def zero(cls, format: FormatVersion | str, *, split_other: bool | None = None, **kwargs: object) -> Report:
        """A complete report of the given format with every cell 0."""
        version = FormatVersion(format)
        split = version is FormatVersion.V2021 if split_other is None else split_other
        return cls.build(
            version,
            table2={code: 0 for code in table2_cell_codes(version)},
            table3={row.code: [0] * 7 for row in t3_rows(split)},
            table4={code: 0 for code in T4_CELL_CODES},
            **kwargs,
        )
