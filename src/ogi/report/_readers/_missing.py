"""What a report lacks: the tables and table-三 rows a reader could not find or complete.

A report cut short, or with a label a converter broke, is read as far as it goes; each part it lacks is
named (with where the reader looked) and its cells are blank, so that the checks run on what is there.
"""

from __future__ import annotations

from collections.abc import Mapping

from .._format import SECTION_BY_NUMBER, T3_COLUMN_CODES, T4_CELL_CODES, TABLE2, FormatVersion, Table3Row
from .._model import Cell, MissingPart, Source

#: The table of each section that has one: table 二 in section 二, and so on.
_TABLE_SECTION = {"table2": "2", "table3": "3", "table4": "4"}
_TABLE_NUMBER = {"table2": "二", "table3": "三", "table4": "四"}
#: The reason of a part that the end of the text cut off.
CUT = "被截断"


def table_label(table: str) -> str:
    """“表四（政府信息公开行政复议、行政诉讼情况）”: the table's number and its section's title."""
    heading = SECTION_BY_NUMBER[_TABLE_SECTION[table]].heading
    return f"表{_TABLE_NUMBER[table]}（{heading.partition('、')[2]}）"


def missing_table(table: str, where: Source | None, reason: str = "未找到") -> MissingPart:
    return MissingPart(table, table_label(table), where, reason)


def missing_rows(
    rows: tuple[Table3Row, ...], read: Mapping[str, tuple[Cell, ...]], fallback: Source | None, cut: bool
) -> list[MissingPart]:
    """The table-三 rows not in ``read``; each names the row after which the reader looked for it.

    ``cut``: the text ends with the last row read, so the rows after it were cut off.
    """
    out = []
    where = fallback
    last = max((i for i, row in enumerate(rows) if row.code in read), default=-1)
    for i, row in enumerate(rows):
        cells = read.get(row.code)
        if cells is not None:
            where = next((c.source for c in reversed(cells) if c.source is not None), where)
            continue
        reason = CUT if cut and i > last else "未找到"
        out.append(MissingPart(f"table3.{row.code}", row.full_label, where, reason))
    return out


def blank_row(where: Source | None) -> tuple[Cell, ...]:
    """The seven blank cells of a missing table-三 row."""
    return (Cell(None, None, where),) * len(T3_COLUMN_CODES)


def blank_table4(where: Source | None) -> dict[str, Cell]:
    return {code: Cell(None, None, where) for code in T4_CELL_CODES}


#: Table 四's three groups of five cells, each ending in its 总计.
T4_SUM_GROUPS = ((0, 5), (5, 10), (10, 15))


def whole_row(cells: tuple[Cell, ...], groups: tuple[tuple[int, int], ...]) -> bool:
    """A row read whole: every cell a number and each group's last cell the sum of the others.

    The last row of a text that ends in a table passes only so; else its end was cut off.
    """
    if len(cells) < groups[-1][1] or any(c.value is None for c in cells):
        return False
    return all(sum(c.value for c in cells[a : b - 1]) == cells[b - 1].value for a, b in groups)  # type: ignore[misc]


def cut_table2_row(cells: dict[str, Cell], version: FormatVersion) -> MissingPart | None:
    """Take the last table-二 row out of ``cells`` when the text ends in it with a cell unread."""
    if not cells:
        return None
    row = next(reversed(cells)).rpartition(".")[0]
    codes = [code for code in cells if code.rpartition(".")[0] == row]
    if all(cells[code].value is not None for code in codes):
        return None
    where = next((cells[c].source for c in codes if cells[c].source is not None), None)
    for code in codes:
        del cells[code]
    label = next((r.label for block in TABLE2[version] for r in block.rows if r.code == row), row)
    return MissingPart(f"table2.{row}", label, where, CUT)


def missing_table2_rows(cells: dict[str, Cell], version: FormatVersion, where: Source | None) -> list[MissingPart]:
    """Table-二 rows of the format that a text cut short in table 二 lacks; their cells are added blank."""
    out = []
    for block in TABLE2[version]:
        for row in block.rows:
            codes = [f"{row.code}.{col.code}" for col in block.columns]
            if any(code in cells for code in codes):
                continue
            out.append(MissingPart(f"table2.{row.code}", row.label, where, CUT))
            cells.update({code: Cell(None, None, where) for code in codes})
    return out
