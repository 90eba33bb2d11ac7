"""cells.unreadable: a count cell printing something that is not a count is an error, quoted as printed.

“64%”, “约30”, “-5” or twenty digits in a table 三 or 四 cell are no number the arithmetic can use; the reader
leaves the cell blank, and this rule makes sure the report does not pass as if it were merely blank.
"""

from __future__ import annotations

from .._format import T3_ALL_ROWS
from .._model import Report
from . import _messages as msg
from ._findings import Finding, Severity


def unreadable_cells(report: Report) -> list[Finding]:
    """One error per cell (or row, when its columns cannot be told apart) that prints no count."""
    findings = []
    for path, cell in report.unreadable.items():
        label = msg.cell_label(path, report.format)
        is_row = label == path  # no cell of that path: a row whose columns are run together
        what = _row_label(path) if is_row else label
        message = f"{what} 印作“{cell.raw}”，不是件数（应为非负整数），按空白处理，请核对原文{msg.where(cell.source)}"
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


def _row_label(path: str) -> str:
    """“表三“（一）予以公开”一行”, or “表四的数字行” for a row whose columns cannot be told apart."""
    table, _, code = path.partition(".")
    if table == "table3" and code in T3_ALL_ROWS:
        return f"表三“{msg.t3_row(code)}”一行"
    return f"{msg.TABLE_NAMES.get(table, table)}的数字行"
