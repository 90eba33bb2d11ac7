"""Rules across the yearly reports of one agency (consistency-checks.md §2).

Reports are grouped by agency and compared for consecutive years only (Y, Y+1); table 二 only when
both years use the same format, since it cannot be compared across the 2020→2021 format break.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from .._format import T3_COLUMN_CODES, FormatVersion, t3_path, table2_cell_codes, table2_labels
from .._model import Number, Report
from . import _messages as msg
from ._findings import Finding, Severity

#: above this share of identical text, assessment rule packs deduct points
COPY_THRESHOLD = 0.5
_MIN_CHARS = 50  # shorter texts are boilerplate either way
_SHINGLE = 6


def series(reports: Iterable[Report]) -> list[Finding]:
    """Findings of every consecutive pair of years within each agency (reports without a year are skipped)."""
    groups: dict[str | None, dict[int, list[Report]]] = defaultdict(lambda: defaultdict(list))
    for report in reports:
        if report.year is not None:
            groups[report.agency][report.year].append(report)
    findings: list[Finding] = []
    for by_year in groups.values():
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
                message=f"{y0}表三“{msg.t3_row('carried_forward')}” {label} 为{msg.number(forward)}，"
                f"{y1}表三“{msg.t3_row('carried_over')}” {label} 为{msg.number(carried)}，两者应相等",
                subject=col,
                cells=(t3_path("carried_forward", col), t3_path("carried_over", col)),
                table="table3",
                suggestion={t3_path("carried_over", col): forward},
                source=after.cell(t3_path("carried_over", col)).source,
                year=after.year,
            )
        )
    return findings


def _known(*values: Number | None) -> list[Number] | None:
    """The values when every one is stated; None when a cell is blank (nothing to compare)."""
    return None if any(v is None for v in values) else [v for v in values if v is not None]


def _table2_warning(rule: str, row: str, paths: tuple[str, ...], message: str, after: Report) -> Finding:
    """A table-二 figure that does not follow from last year's: only a warning (revision, expiry, reorganisation)."""
    return Finding(
        rule=rule,
        severity=Severity.WARNING,
        message=message,
        subject=row,
        cells=paths,
        table="table2",
        year=after.year,
    )


def _in_force(before: Report, after: Report) -> list[Finding]:
    findings = []
    y0, y1 = _years(before, after)
    v = FormatVersion.V2021
    for row in ("regulations", "normative_documents"):
        paths = (f"table2.{row}.in_force", f"table2.{row}.issued", f"table2.{row}.repealed")
        known = _known(before.value(paths[0]), after.value(paths[1]), after.value(paths[2]), after.value(paths[0]))
        if known is None:
            continue
        old, issued, repealed, new = known
        expected = old + issued - repealed
        if expected == new:
            continue
        name, in_force = table2_labels(v, f"{row}.in_force")
        issued_label, repealed_label = table2_labels(v, f"{row}.issued")[1], table2_labels(v, f"{row}.repealed")[1]
        n = msg.number
        message = (
            f"表二 {name}：{y0}{in_force}{n(old)} + {y1}{issued_label}{n(issued)} − "
            f"{repealed_label}{n(repealed)} = {n(expected)}，但{y1}{in_force}为{n(new)}"
            "（修订、失效、机构调整可能合理造成差异，请核对）"
        )
        findings.append(_table2_warning("X.in_force", row, paths, message, after))
    return findings


def _items_2019(before: Report, after: Report) -> list[Finding]:
    findings = []
    y0, y1 = _years(before, after)
    v = FormatVersion.V2019
    rows = [c.partition(".")[0] for c in table2_cell_codes(v) if c.endswith(".change")]
    for row in rows:
        paths = (f"table2.{row}.last_year_items", f"table2.{row}.change")
        known = _known(before.value(paths[0]), before.value(paths[1]), after.value(paths[0]))
        if known is None:
            continue
        last, change, next_last = known
        expected = last + change
        if expected == next_last:
            continue
        name, last_label = table2_labels(v, f"{row}.last_year_items")
        change_label = table2_labels(v, f"{row}.change")[1]
        n = msg.number
        message = (
            f"表二 {name}：{y0}{last_label}{n(last)} + {change_label}{n(change)} = {n(expected)}，"
            f"但{y1}{last_label}为{n(next_last)}"
        )
        findings.append(_table2_warning("X.items_2019", row, paths, message, after))
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
                message=(
                    f"{y1}“{heading}”部分约{round(share * 100)}%的文字与{y0}相同"
                    f"（超过{round(COPY_THRESHOLD * 100)}%），疑似照搬上年内容"
                ),
                subject=number,
                year=after.year,
            )
        )
    return findings
