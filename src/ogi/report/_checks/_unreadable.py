"""cells.unreadable: a cell printing something that is no value of its kind is an error, quoted as printed.

“64%”, “约30”, “-5” or twenty digits in a table 二, 三 or 四 cell are no number the arithmetic can use; the
reader leaves the cell blank, and this rule makes sure the report does not pass as if it were merely blank.
"""

from __future__ import annotations

from .._format import T3_ALL_ROWS, TABLE2, CellKind, FormatVersion, table2_cell_kind
from .._model import Report
from . import _messages as msg
from ._findings import Finding, Severity

#: What a cell of each kind should print, in a reviewer's words.
_NOT_A = {
    CellKind.COUNT: "不是件数（应为非负整数）",
    CellKind.SIGNED: "不是增减数（应为整数，可带正负号）",
    CellKind.MONEY_WAN: "不是金额（应为非负数，单位：万元）",
    CellKind.AMOUNT: "不是金额（应为非负数）",
}
_NOT_A_VALUE = "不是该行应填的数（件数、增减数或金额）"


def unreadable_cells(report: Report) -> list[Finding]:
    """One error per cell (or row, when its columns cannot be told apart) that prints no value of its kind."""
    findings = []
    for path, cell in report.unreadable.items():
        label = msg.cell_label(path, report.format)
        is_row = label == path  # no cell of that path: a row whose columns are run together
        what = _row_label(path, report.format) if is_row else label
        kinds = _kinds(path, report.format)
        expected = _NOT_A[kinds.pop()] if len(kinds) == 1 else _NOT_A_VALUE
        message = f"{what} 印作“{cell.raw}”，{expected}，按空白处理，请核对原文{msg.where(cell.source)}"
        findings.append(
            Finding(
                rule="cells.unreadable",
                severity=Severity.ERROR,
                message=message,
                subject=path,
                cells=() if is_row else (path,),
                table=path.partition(".")[0],
                source=cell.source,
            )
        )
    return findings


def _kinds(path: str, version: FormatVersion) -> set[CellKind]:
    """The kinds of the cell at ``path``, or of the cells of the row it names (tables 三 and 四: counts)."""
    table, _, code = path.partition(".")
    if table != "table2":
        return {CellKind.COUNT}
    try:
        return {table2_cell_kind(version, code)}
    except KeyError:
        return {
            col.kind for block in TABLE2[version] if any(r.code == code for r in block.rows) for col in block.columns
        }


def _row_label(path: str, version: FormatVersion) -> str:
    """“表三“（一）予以公开”一行”, “表二“规章”一行”, or “表四的数字行” for a row whose columns cannot be told apart."""
    table, _, code = path.partition(".")
    if table == "table3" and code in T3_ALL_ROWS:
        return f"表三“{msg.t3_row(code)}”一行"
    if table == "table2":
        row = next((r for block in TABLE2[version] for r in block.rows if r.code == code), None)
        if row is not None:
            return f"表二“{row.label}”一行"
    return f"{msg.TABLE_NAMES.get(table, table)}的数字行"
