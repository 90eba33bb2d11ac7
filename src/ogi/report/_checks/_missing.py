"""report.missing: a table or row the reader could not find or complete is an error, named with where it looked.

The report is read as far as it goes (its other cells are checked as usual); a publishing agency must not
take a report with a table or row missing for a complete one.
"""

from __future__ import annotations

from .._model import Report
from . import _messages as msg
from ._findings import Finding, Severity


def missing_parts(report: Report) -> list[Finding]:
    """One error per missing table or table-三 row."""
    findings = []
    for part in report.missing:
        what = part.describe()
        reason = "文件在此处被截断" if part.reason == "被截断" else "未能读取"
        message = f"缺少{what}（{reason}），其单元格按空白处理，相关合计无法完全核对{msg.where(part.source)}"
        findings.append(
            Finding(
                rule="report.missing",
                severity=Severity.ERROR,
                message=message,
                subject=part.part,
                table=part.part.partition(".")[0],
                source=part.source,
            )
        )
    return findings
