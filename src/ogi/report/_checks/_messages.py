"""Chinese wording of findings: cell and rule labels from _format, never codes, in a reviewer's words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .._format import (
    SECTION_BY_NUMBER,
    T3_ALL_ROWS,
    T3_COLUMNS,
    T4_COLUMNS,
    T4_GROUPS,
    FormatVersion,
    table2_labels,
)
from .._model import Cell, Number, Source
from ._solve import Outcome

TABLE_NAMES = {"table2": "表二", "table3": "表三", "table4": "表四"}

_T3_COLUMN = {c.code: c.label for c in T3_COLUMNS}
_T4_GROUP = {g.code: g.label for g in T4_GROUPS}
_T4_COLUMN = {c.code: c.label for c in T4_COLUMNS}


def number(value: Number) -> str:
    """A value as a reviewer would write it: 12, 7730.28 (no trailing zeros, no exponent)."""
    if isinstance(value, int):
        return str(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def t3_column(code: str) -> str:
    return _T3_COLUMN[code]


def t3_row(code: str) -> str:
    return T3_ALL_ROWS[code].full_label


def t4_group(code: str) -> str:
    return _T4_GROUP[code]


def section_heading(number_: str, version: FormatVersion) -> str:
    section = SECTION_BY_NUMBER[number_]
    return (section.heading_2019 if version is FormatVersion.V2019 and section.heading_2019 else None) or (
        section.heading
    )


def cell_label(path: str, version: FormatVersion | None = None) -> str:
    """“表三 （一）予以公开 / 自然人”, “表四 行政复议 / 总计”, “表二 规章 / 本年制发件数”."""
    table, _, rest = path.partition(".")
    try:
        if table == "table3":
            row, _, col = rest.rpartition(".")
            return f"表三 {t3_row(row)} / {t3_column(col)}"
        if table == "table4":
            group, _, col = rest.partition(".")
            return f"表四 {t4_group(group)} / {_T4_COLUMN[col]}"
        if table == "table2":
            for v in (version, *FormatVersion):
                if v is None:
                    continue
                try:
                    row_label, col_label = table2_labels(v, rest)
                except KeyError:
                    continue
                return f"表二 {row_label} / {col_label}"
    except KeyError:
        pass
    return path


def located_cell(path: str) -> str:
    """A table-三 cell as named in a locate hint: “（三）不予公开 1.属于国家秘密 / 自然人”."""
    row, _, col = path.removeprefix("table3.").rpartition(".")
    return f"{t3_row(row)} / {t3_column(col)}"


def where(source: Source | None) -> str:
    """“（位置：a.pdf 第3页 第9行）”, or "" when nothing is known."""
    text = source.describe() if source else ""
    return f"（位置：{text}）" if text else ""


def first_source(paths: Iterable[str], cells: Mapping[str, Cell]) -> Source | None:
    for path in paths:
        cell = cells.get(path)
        if cell is not None and cell.source is not None and cell.source.describe():
            return cell.source
    return None


def listing(labels: list[str], limit: int = 4, unit: str = "项") -> str:
    """“A、B、C 等7项” — a short list for a warning about many cells."""
    if len(labels) <= limit:
        return "、".join(labels)
    return "、".join(labels[:limit]) + f" 等{len(labels)}{unit}"


def counted(labels: list[str], limit: int, unit: str) -> str:
    """“A、B 列” or “A、B、C 等23行”: a list that always ends with its unit."""
    return listing(labels, limit, unit) if len(labels) > limit else f"{'、'.join(labels)} {unit}"


# --------------------------------------------------------------------------- equations

#: rule -> (left side name, right side name); the side with more than one cell reads as a sum.
_SIDES = {
    "T3.balance": ("第一项+第二项", "第三项+第四项"),
    "T3.outcomes": ("（七）总计", "各项办理结果之和"),
    "T3.applicants": ("总计", "各类申请人之和"),
    "T4.totals": ("总计", "各项之和"),
}


def equation_subject(outcome: Outcome) -> str:
    """“表三 自然人 列”, “表三 （一）予以公开 行”, “表四 行政复议”."""
    eq = outcome.equation
    if eq.rule == "T3.applicants":
        return f"表三 {t3_row(eq.subject)} 行"
    if eq.rule == "T4.totals":
        return f"表四 {t4_group(eq.subject)}"
    return f"表三 {t3_column(eq.subject)} 列"


def _side(name: str, total: Number, unknown: int) -> str:
    if unknown:
        return f"{name}已填部分为{number(total)}（另有{unknown}个空白）"
    return f"{name}为{number(total)}"


def equation_message(outcome: Outcome) -> str:
    """The broken equation in words, e.g. “表三 自然人 列：第一项+第二项=21，第三项+第四项=20，相差1”."""
    eq = outcome.equation
    left_name, right_name = _SIDES.get(eq.rule, ("左边", "右边"))
    left = (left_name, outcome.left, outcome.unknown_left)
    right = (right_name, outcome.right, outcome.unknown_right)
    if eq.rule in ("T3.applicants", "T4.totals"):  # reviewers state the addends first
        left, right = right, left
    head = equation_subject(outcome)
    if outcome.settled:
        if eq.rule == "T3.balance":
            body = f"{left[0]}={number(left[1])}，{right[0]}={number(right[1])}"
        else:
            body = f"{_side(*left)}，{_side(*right)}"
        return f"{head}：{body}，相差{number(abs(outcome.difference))}"
    return f"{head}：{_side(*left)}，{_side(*right)}，空白单元格填任何非负数都无法使两者相等"


def unsettled_subjects(outcomes: list[Outcome]) -> str:
    """The rows/columns whose equations blanks leave open: “自然人、商业企业 列的合计，（一）予以公开 行的合计”."""
    columns: dict[str, None] = {}
    rows: dict[str, None] = {}
    groups: dict[str, None] = {}
    for o in outcomes:
        eq = o.equation
        if eq.rule == "T3.applicants":
            rows[t3_row(eq.subject)] = None
        elif eq.rule == "T4.totals":
            groups[t4_group(eq.subject)] = None
        else:
            columns[t3_column(eq.subject)] = None
    parts = []
    if columns:
        parts.append(counted(list(columns), 7, "列"))
    if rows:
        parts.append(counted(list(rows), 2, "行"))
    if groups:
        parts.append(listing(list(groups)))
    return "，".join(parts)
