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


def alternatives(values: Iterable[Number], limit: int = 4) -> str:
    """“8、89 或 898”, “3、13、130 等6种” — the readings of an ambiguous cell, kept short."""
    shown = [number(v) for v in values]
    if len(shown) > limit:
        return "可能为" + "、".join(shown[:limit]) + f" 等{len(shown)}种"
    return "可能为" + ("、".join(shown[:-1]) + "或" + shown[-1] if len(shown) > 1 else "".join(shown))


_COUNT_WORDS = "零一两三四五六七八九十"


def digit_run_questions(ambiguous: list[tuple[str, Cell]], table_name: str, version: FormatVersion) -> str:
    """The question a clerk answers from the original, one per printed digit run, in printed order:
    “行政规范性文件的本年制发件数、本年废止件数、现行有效件数 印作“77132470”，是哪三个数？”;
    a cell without its printed text lists its readings instead. At most ``_QUESTIONS`` are spelled out."""
    runs: dict[str, list[str]] = {}
    order: list[str] = []
    for path, cell in ambiguous:
        label = cell_label(path, version).removeprefix(table_name + " ")
        if cell.raw:
            if cell.raw not in runs:
                order.append(cell.raw)
            runs.setdefault(cell.raw, []).append(label)
        else:
            order.append(f"{label}（{alternatives(cell.candidates)}）")
    questions = [_question(key, runs[key]) if key in runs else key for key in order]
    if len(questions) > _QUESTIONS:
        return "；".join(questions[:_QUESTIONS]) + f"；等{len(questions)}处"
    return "；".join(questions)


_QUESTIONS = 2


def _question(raw: str, labels: list[str]) -> str:
    if len(labels) == 1:
        return f"{labels[0]} 印作“{raw}”，应为多少？"
    rows = {lab.rpartition(" / ")[0] for lab in labels}
    if len(rows) == 1:
        named = f"{rows.pop()}的" + "、".join(lab.rpartition(" / ")[2] for lab in labels)
    else:
        named = "、".join(labels)
    count = _COUNT_WORDS[len(labels)] if len(labels) < len(_COUNT_WORDS) else str(len(labels))
    return f"{named} 印作“{raw}”，是哪{count}个数？"


def brief(label: str, limit: int = 16) -> str:
    """A long printed label cut for a list: “（六）其他处理 2.申请人逾期未按收费通知要求…”."""
    return label if len(label) <= limit else label[:limit] + "…"


def counted(labels: list[str], limit: int, unit: str) -> str:
    """“A、B 列” or “A、B、C 等23行”: a list that always ends with its unit."""
    return listing(labels, limit, unit) if len(labels) > limit else f"{'、'.join(labels)} {unit}"


# --------------------------------------------------------------------------- equations


def short_row(code: str) -> str:
    """A table-三 row by its number and name, without the repeated “政府信息公开申请数量”: “一、本年新收”."""
    row = T3_ALL_ROWS[code]
    return row.full_label.removesuffix("政府信息公开申请数量")


def _outcome_range(paths: tuple[str, ...]) -> str:
    """“（一）至（六）之和”: the outcome rows a （七）总计 adds up, by their printed numbers."""
    first = T3_ALL_ROWS[_row_of(paths[0])]
    last = T3_ALL_ROWS[_row_of(paths[-1])]
    last_number = last.group.number if last.group else last.number
    return f"{first.number}至{last_number}之和"


def _row_of(path: str) -> str:
    return path.removeprefix("table3.").rpartition(".")[0]


def _side_name(rule: str, paths: tuple[str, ...]) -> str:
    """How a reviewer names one side of an equation, with the printed row/column labels."""
    if rule == "T3.balance":
        return "+".join(short_row(_row_of(p)) for p in paths)
    if rule == "T3.outcomes":
        return short_row(_row_of(paths[0])) if len(paths) == 1 else _outcome_range(paths)
    if rule == "T3.applicants":
        return t3_column(paths[0].rpartition(".")[2]) if len(paths) == 1 else "各类申请人之和"
    if rule == "T4.totals":
        cols = [_T4_COLUMN[p.rpartition(".")[2]] for p in paths]
        return cols[0] if len(cols) == 1 else "、".join(cols) + "之和"
    return "、".join(paths)


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
    """The broken equation in words, e.g.
    “表三 自然人 列：一、本年新收+二、上年结转=21，（七）总计+四、结转下年度继续办理=20，相差1”."""
    eq = outcome.equation
    left = (_side_name(eq.rule, eq.left), outcome.left, outcome.unknown_left)
    right = (_side_name(eq.rule, eq.right), outcome.right, outcome.unknown_right)
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


def located_hint(path: str, value: Number) -> str:
    """“可能是“（一）予以公开 / 自然人”填错，应为201”: the single wrong cell that explains the sums."""
    return f"可能是“{located_cell(path)}”填错，应为{number(value)}"


def possible_hint(options: Iterable[tuple[str, Number]]) -> str:
    """“可能填错的单元格：“A”（应为3），或“B”（应为5）”: cells that explain the sums equally well."""
    return "可能填错的单元格：" + "，或".join(f"“{located_cell(p)}”（应为{number(v)}）" for p, v in options)


def unsettled_subjects(outcomes: list[Outcome]) -> str:
    """The rows/columns whose equations blanks leave open: “自然人、商业企业 列的合计，（一）予以公开 行的合计”."""
    columns: dict[str, None] = {}
    rows: dict[str, None] = {}
    groups: dict[str, None] = {}
    for o in outcomes:
        eq = o.equation
        if eq.rule == "T3.applicants":
            rows[brief(short_row(eq.subject))] = None
        elif eq.rule == "T4.totals":
            groups[t4_group(eq.subject)] = None
        else:
            columns[t3_column(eq.subject)] = None
    parts = []
    if columns:
        parts.append(counted(list(columns), 4, "列"))
    if rows:
        parts.append(counted(list(rows), 2, "行"))
    if groups:
        parts.append(listing(list(groups)))
    return "，".join(parts)
