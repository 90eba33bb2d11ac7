"""Rules across the yearly reports of one agency (consistency-checks.md §2).

Reports are grouped by agency and compared for consecutive years only (Y, Y+1); table 二 only when
both years use the same format, since it cannot be compared across the 2020→2021 format break.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from .._format import T3_COLUMN_CODES, FormatVersion, t3_path, table2_cell_codes
from .._model import Number, Report
from . import _messages as msg
from ._findings import Finding, Severity

#: above this share of identical text, assessment rule packs deduct points
COPY_THRESHOLD = 0.5
_MIN_CHARS = 50  # shorter texts are boilerplate either way
_SHINGLE = 6

_FORWARD = "四、结转下年度继续办理"
_CARRIED = "二、上年结转政府信息公开申请数量"


def series(reports: Iterable[Report]) -> list[Finding]:
    groups: dict[str | None, list[Report]] = defaultdict(list)
    for report in reports:
        if report.year is not None:
            groups[report.agency].append(report)
    findings: list[Finding] = []
    for group in groups.values():
        by_year: dict[int, list[Report]] = defaultdict(list)
        for report in group:
            by_year[report.year].append(report)  # type: ignore[index]
        for year in sorted(by_year):
            for before in by_year[year]:
                for after in by_year.get(year + 1, []):
                    findings.extend(_pair(before, after))
    return findings


def _pair(before: Report, after: Report) -> list[Finding]:
    findings = _carry(before, after)
    if before.format is after.format is FormatVersion.V2021:
        findings.extend(_in_force(before, after))
    elif before.format is after.format is FormatVersion.V2019:
        findings.extend(_items_2019(before, after))
    findings.extend(_copied(before, after))
    return findings


def _years(before: Report, after: Report) -> tuple[str, str]:
    return f"{before.year}年度报告", f"{after.year}年度报告"


def _carry(before: Report, after: Report) -> list[Finding]:
    findings = []
    y0, y1 = _years(before, after)
    for col in T3_COLUMN_CODES:
        forward = before.value(t3_path("carried_forward", col))
        carried = after.value(t3_path("carried_over", col))
        if forward is None or carried is None or forward == carried:
            continue
        label = msg.t3_column(col)
        findings.append(
            Finding(
                rule="X.carry",
                severity=Severity.ERROR,
                message=f"{y0}表三“{_FORWARD}” {label} 为{msg.number(forward)}，"
                f"{y1}表三“{_CARRIED}” {label} 为{msg.number(carried)}，两者应相等",
                subject=col,
                cells=(t3_path("carried_forward", col), t3_path("carried_over", col)),
                table="table3",
                suggestion={t3_path("carried_over", col): forward},
                source=after.cell(t3_path("carried_over", col)).source,
                year=after.year,
            )
        )
    return findings


def _t2(report: Report, code: str) -> Number | None:
    return report.value(f"table2.{code}")


def _in_force(before: Report, after: Report) -> list[Finding]:
    findings = []
    y0, y1 = _years(before, after)
    for row in ("regulations", "normative_documents"):
        old, issued, repealed, new = (
            _t2(before, f"{row}.in_force"),
            _t2(after, f"{row}.issued"),
            _t2(after, f"{row}.repealed"),
            _t2(after, f"{row}.in_force"),
        )
        if None in (old, issued, repealed, new):
            continue
        expected = old + issued - repealed  # type: ignore[operator]
        if expected == new:
            continue
        name = msg.cell_label(f"table2.{row}.in_force", FormatVersion.V2021).removeprefix("表二 ").split(" / ")[0]
        findings.append(
            Finding(
                rule="X.in_force",
                severity=Severity.WARNING,
                message=f"表二 {name}：{y0}现行有效{msg.number(old)}件 + {y1}制发{msg.number(issued)}件 − "  # type: ignore[arg-type]
                f"废止{msg.number(repealed)}件 = {msg.number(expected)}件，但{y1}现行有效为{msg.number(new)}件"  # type: ignore[arg-type]
                "（修订、失效、机构调整可能合理造成差异，请核对）",
                subject=row,
                cells=(f"table2.{row}.in_force", f"table2.{row}.issued", f"table2.{row}.repealed"),
                table="table2",
                year=after.year,
            )
        )
    return findings


def _items_2019(before: Report, after: Report) -> list[Finding]:
    findings = []
    y0, y1 = _years(before, after)
    rows = [c.partition(".")[0] for c in table2_cell_codes(FormatVersion.V2019) if c.endswith(".change")]
    for row in rows:
        last, change, next_last = (
            _t2(before, f"{row}.last_year_items"),
            _t2(before, f"{row}.change"),
            _t2(after, f"{row}.last_year_items"),
        )
        if None in (last, change, next_last):
            continue
        expected = last + change  # type: ignore[operator]
        if expected == next_last:
            continue
        name = msg.cell_label(f"table2.{row}.change", FormatVersion.V2019).removeprefix("表二 ").split(" / ")[0]
        findings.append(
            Finding(
                rule="X.items_2019",
                severity=Severity.WARNING,
                message=f"表二 {name}：{y0}上一年项目数量{msg.number(last)} + 本年增/减{msg.number(change)} = "  # type: ignore[arg-type]
                f"{msg.number(expected)}，但{y1}上一年项目数量为{msg.number(next_last)}",  # type: ignore[arg-type]
                subject=row,
                cells=(f"table2.{row}.last_year_items", f"table2.{row}.change"),
                table="table2",
                year=after.year,
            )
        )
    return findings


# --------------------------------------------------------------------------- X.copied


def _shingles(text: str) -> set[str]:
    folded = re.sub(r"\d+", "#", re.sub(r"\s+", "", text))  # updated figures do not make a text new
    return {folded[i : i + _SHINGLE] for i in range(max(0, len(folded) - _SHINGLE + 1))}


def similarity(old: str, new: str) -> float:
    """Share of the new text's 6-character shingles that occur in the old text (linear time)."""
    new_set = _shingles(new)
    if not new_set:
        return 0.0
    return len(new_set & _shingles(old)) / len(new_set)


def _copied(before: Report, after: Report) -> list[Finding]:
    findings = []
    y0, y1 = _years(before, after)
    for number in ("1", "5"):
        old, new = before.sections.get(number, ""), after.sections.get(number, "")
        if len(old.strip()) < _MIN_CHARS or len(new.strip()) < _MIN_CHARS:
            continue
        share = similarity(old, new)
        if share <= COPY_THRESHOLD:
            continue
        heading = msg.section_heading(number, after.format)
        findings.append(
            Finding(
                rule="X.copied",
                severity=Severity.WARNING,
                message=f"{y1}“{heading}”部分约{round(share * 100)}%的文字与{y0}相同（超过50%），疑似照搬上年内容",
                subject=number,
                year=after.year,
            )
        )
    return findings
