"""Rules over the tables of one report: arithmetic, cell types, blank cells, format deviations."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from .._format import (
    T3_ALL_ROWS,
    T3_COLUMN_CODES,
    T3_OTHER_2021,
    T4_CELL_CODES,
    CellKind,
    Equation,
    FormatVersion,
    t3_path,
    t3_rows,
    table2_cell_codes,
    table2_cell_kind,
    table3_equations,
    table4_equations,
)
from .._model import Cell, Number, Report
from . import _messages as msg
from ._findings import Finding, Severity
from ._locate import Location, locate
from ._solve import CellMap, Outcome, evaluate


@cache
def _equations(split_other: bool) -> tuple[Equation, ...]:
    return (*table3_equations(t3_rows(split_other)), *table4_equations())


def _table_of(path: str) -> str:
    return path.partition(".")[0]


# --------------------------------------------------------------------------- arithmetic


def arithmetic(report: Report, cells: CellMap) -> tuple[list[Finding], list[Outcome]]:
    """T3.balance, T3.outcomes, T3.applicants, T4.totals, with the wrong table-三 cell located."""
    split = report.split_other
    outcomes = [evaluate(eq, cells) for eq in _equations(split)]
    broken = [o for o in outcomes if o.broken]
    if not broken:
        return [], outcomes
    location = locate(split, outcomes, cells)
    return [_equation_finding(o, location, cells) for o in broken], outcomes


def _equation_finding(outcome: Outcome, location: Location, cells: CellMap) -> Finding:
    eq = outcome.equation
    message = msg.equation_message(outcome)
    suggestion: dict[str, Number] = {}
    source = msg.first_source(eq.cells(), cells)
    found = location.located.get(eq.key)
    if found is not None:
        suggestion = {found.path: found.value}
        message += "。" + msg.located_hint(found.path, found.value)
        source = msg.first_source([found.path], cells) or source
    elif eq.key in location.possible:
        message += "。" + msg.possible_hint((c.path, c.value) for c in location.possible[eq.key])
    return Finding(
        rule=eq.rule,
        severity=Severity.ERROR,
        message=message + msg.where(source),
        subject=eq.subject,
        cells=eq.cells(),
        table=_table_of(eq.left[0]),
        suggestion=suggestion,
        source=source,
    )


# --------------------------------------------------------------------------- cells.type


def _integral(value: Number) -> bool:
    return isinstance(value, int) or (isinstance(value, Decimal) and value == value.to_integral_value())


def _kind(report: Report, path: str) -> CellKind | None:
    table, _, code = path.partition(".")
    if table != "table2":
        return CellKind.COUNT
    try:
        return table2_cell_kind(report.format, code)
    except KeyError:
        return None  # a cell of the other format: reported under format.version


def cell_types(report: Report, cells: CellMap) -> list[Finding]:
    """Counts are non-negative integers; 本年增/减 may be negative; amounts are non-negative decimals."""
    findings = []
    for path, cell in cells.items():
        value = cell.value
        if value is None or (type(value) is int and value >= 0):  # fits every kind: the common case
            continue
        kind = _kind(report, path)
        if kind is CellKind.COUNT and not (_integral(value) and value >= 0):
            problem = "件数应为非负整数"
        elif kind is CellKind.SIGNED and not _integral(value):
            problem = "应为整数（可带正负号）"
        elif kind is CellKind.MONEY_WAN and value < 0:
            problem = "金额应为非负数（单位：万元）"
        elif kind is CellKind.AMOUNT and value < 0:
            problem = "金额应为非负数"
        else:
            continue
        label = msg.cell_label(path, report.format)
        findings.append(
            Finding(
                rule="cells.type",
                severity=Severity.ERROR,
                message=f"{label} 填写为 {msg.number(value)}：{problem}{msg.where(cell.source)}",
                subject=path,
                cells=(path,),
                table=_table_of(path),
                source=cell.source,
            )
        )
    return findings


# --------------------------------------------------------------------------- cells.blank


def _expected_paths(report: Report) -> dict[str, list[str] | tuple[str, ...]]:
    paths = _table2_paths(report.format)
    return {
        "table2": [paths[code] for code in report.table2 if code in paths],
        "table3": _table3_paths(report.split_other),
        "table4": _TABLE4_PATHS,
    }


@cache
def _table2_paths(version: FormatVersion) -> dict[str, str]:
    """The path of each table 二 cell code of a format (made once per format)."""
    return {code: f"table2.{code}" for code in table2_cell_codes(version)}


@cache
def _table3_paths(split_other: bool) -> tuple[str, ...]:
    return tuple(t3_path(row.code, col) for row in t3_rows(split_other) for col in T3_COLUMN_CODES)


_TABLE4_PATHS = tuple(f"table4.{code}" for code in T4_CELL_CODES)


def blank_cells(report: Report, cells: CellMap, outcomes: list[Outcome]) -> list[Finding]:
    """One warning per table listing its blank and ambiguous cells, and the equations they leave open."""
    findings = []
    open_by_table: dict[str, list[Outcome]] = {}
    for o in outcomes:
        if o.unsettled:
            open_by_table.setdefault(_table_of(o.equation.left[0]), []).append(o)
    for table, paths in _expected_paths(report).items():
        blank: list[str] = []
        ambiguous: list[tuple[str, Cell]] = []
        for path in paths:
            cell = cells.get(path)
            if (report.missing and report.is_missing(path)) or path in report.unreadable:
                continue  # reported once as its missing table or row (report.missing), or as cells.unreadable
            if cell is None or cell.value is None:
                if cell is not None and cell.candidates:
                    ambiguous.append((path, cell))
                else:
                    blank.append(path)
        if not blank and not ambiguous:
            continue
        findings.append(_blank_finding(report, table, blank, ambiguous, open_by_table.get(table, []), cells))
    return findings


def _blanks_must_be_zero(outcome: Outcome) -> bool:
    """True when the stated cells already balance and the unknown cells all sit on one side: being
    non-negative, every one of them must be 0 (most often a row or column whose totals are all 0)."""
    one_side = bool(outcome.unknown_left) != bool(outcome.unknown_right)
    return one_side and outcome.left == outcome.right


def _unknown_paths(outcome: Outcome, cells: CellMap) -> list[str]:
    """The equation's cells without a value (blank or ambiguous)."""
    paths = (*outcome.equation.left, *outcome.equation.right)
    return [p for p in paths if (cells.get(p) is None or cells[p].value is None)]


def _blank_finding(
    report: Report,
    table: str,
    blank: list[str],
    ambiguous: list[tuple[str, Cell]],
    open_equations: list[Outcome],
    cells: CellMap,
) -> Finding:
    name = msg.TABLE_NAMES[table]
    parts = []
    if blank:
        if table == "table3":
            rows = list(
                dict.fromkeys(msg.brief(msg.short_row(p.removeprefix("table3.").rpartition(".")[0])) for p in blank)
            )
            cols = list(dict.fromkeys(msg.t3_column(p.rpartition(".")[2]) for p in blank))
            rows_text = "各行" if len(rows) == len(report.table3_rows) else msg.counted(rows, 2, "行")
            cols_text = "各列" if len(cols) == len(T3_COLUMN_CODES) else msg.counted(cols, 4, "列")
            spread = f"，位于{rows_text}的{cols_text}"
        else:
            spread = "：" + msg.listing([msg.cell_label(p, report.format).removeprefix(name + " ") for p in blank])
        parts.append(f"{name}有{len(blank)}个单元格空白或填“/”（没有数据应填0）{spread}")
    if ambiguous:
        questions = msg.digit_run_questions(ambiguous, name, report.format)
        parts.append(f"{name}有{len(ambiguous)}个单元格读数不确定，请核对原文：{questions}")
    forced = [o for o in open_equations if _blanks_must_be_zero(o)]
    if forced:
        zero = all(o.left == 0 for o in forced)
        said = "合计均为0" if zero else "已填的数字已经合得上"
        parts.append(f"{msg.unsettled_subjects(forced)}{said}，空白处应填0")
    zeroed = {p for o in forced for p in _unknown_paths(o, cells)}
    still_open = [o for o in open_equations if o not in forced and not set(_unknown_paths(o, cells)) <= zeroed]
    if still_open:
        lead = "另有" if forced else "因此有"
        parts.append(f"{lead}{len(still_open)}处合计无法核对（{msg.unsettled_subjects(still_open)}）")
    paths = tuple(blank) + tuple(p for p, _ in ambiguous)
    source = msg.first_source(paths, cells)
    return Finding(
        rule="cells.blank",
        severity=Severity.WARNING,
        message="；".join(parts) + msg.where(source),
        subject=table,
        cells=paths,
        table=table,
        source=source,
    )


# --------------------------------------------------------------------------- format.version


def _format_warning(subject: str, message: str, table: str | None = None) -> Finding:
    return Finding(rule="format.version", severity=Severity.WARNING, message=message, subject=subject, table=table)


def format_deviations(report: Report) -> list[Finding]:
    """Hybrid layouts, labels of the other format or variants, table-二 cells missing or extra."""
    findings = []
    fmt = report.format
    doc = fmt.document
    single = "other" in report.table3
    split = any(row.code in report.table3 for row in T3_OTHER_2021)
    if fmt is FormatVersion.V2021 and single and not split:
        findings.append(
            _format_warning(
                "table3.other",
                f"表二为2021年格式（{doc}），但表三“（六）其他处理”只有一行，2021年格式应分为{len(T3_OTHER_2021)}项",
                "table3",
            )
        )
    elif fmt is FormatVersion.V2019 and split and not single:
        findings.append(
            _format_warning(
                "table3.other",
                f"表二为2019年试行格式（{doc}），但表三“（六）其他处理”按2021年格式分为{len(T3_OTHER_2021)}项，两种格式混用",
                "table3",
            )
        )
    elif single and split:
        findings.append(
            _format_warning(
                "table3.other",
                "表三“（六）其他处理”既有单独一行又有分项，只按分项核对",
                "table3",
            )
        )
    if report.year is not None:
        if report.year >= 2021 and fmt is FormatVersion.V2019:
            findings.append(
                _format_warning(
                    "year",
                    f"{report.year}年度报告仍使用2019年试行格式；2021年度起应使用{FormatVersion.V2021.document}规定的格式",
                )
            )
        elif report.year <= 2020 and fmt is FormatVersion.V2021:
            findings.append(
                _format_warning(
                    "year",
                    f"{report.year}年度报告使用了2021年格式；{report.year}年度应使用{FormatVersion.V2019.document}规定的格式",
                )
            )
    findings.extend(_label_warnings(report))
    findings.extend(_table2_cells(report))
    findings.extend(_table3_rows(report))
    if not report.table4:
        findings.append(
            _format_warning("table4.cells", "未读到表四（政府信息公开行政复议、行政诉讼情况）的数据", "table4")
        )
    return findings


def _canonical_label(key: str, fmt: FormatVersion) -> str | None:
    kind, _, code = key.partition(".")
    part, _, code = code.partition(".")
    try:
        if kind == "table3" and part == "col":
            return msg.t3_column(code)
        if kind == "table3" and part == "row":
            return T3_ALL_ROWS[code].label
        if kind == "table2":
            for full in table2_cell_codes(fmt):
                row, _, col = full.partition(".")
                if part == "row" and row == code:
                    return msg.cell_label(f"table2.{full}", fmt).removeprefix("表二 ").split(" / ")[0]
                if part == "col" and col == code:
                    return msg.cell_label(f"table2.{full}", fmt).split(" / ")[1]
        if kind == "section":
            return msg.section_heading(part, fmt)
    except (KeyError, IndexError):
        return None
    return None


def _label_warnings(report: Report) -> list[Finding]:
    findings = []
    for key, printed in sorted(report.printed_labels.items()):
        canonical = _canonical_label(key, report.format)
        if canonical is None or canonical == printed:
            continue
        table = key.partition(".")[0]
        where = msg.TABLE_NAMES.get(table, "标题")
        findings.append(
            _format_warning(
                key,
                f"{where}中“{printed}”应写作“{canonical}”（{report.format.document}规定的名称）",
                table if table in msg.TABLE_NAMES else None,
            )
        )
    return findings


def _table2_cells(report: Report) -> list[Finding]:
    if not report.table2:
        return [_format_warning("table2.cells", "未读到表二（主动公开政府信息情况）的数据", "table2")]
    expected = table2_cell_codes(report.format)
    missing = [c for c in expected if c not in report.table2]
    extra = [c for c in report.table2 if c not in expected]
    findings = []
    if missing:
        labels = [msg.cell_label(f"table2.{c}", report.format).removeprefix("表二 ") for c in missing]
        findings.append(
            _format_warning(
                "table2.missing",
                f"表二缺少{len(missing)}个{report.format.value}年格式规定的单元格：{msg.listing(labels)}",
                "table2",
            )
        )
    if extra:
        labels = [msg.cell_label(f"table2.{c}").removeprefix("表二 ") for c in extra]
        findings.append(
            _format_warning(
                "table2.extra",
                f"表二有{len(extra)}个不属于{report.format.value}年格式的单元格（两种格式混用？）：{msg.listing(labels)}",
                "table2",
            )
        )
    return findings


def _table3_rows(report: Report) -> list[Finding]:
    if not report.table3:
        return [_format_warning("table3.rows", "未读到表三（收到和处理政府信息公开申请情况）的数据", "table3")]
    missing = [row.label for row in report.table3_rows if row.code not in report.table3]
    if not missing:
        return []
    return [_format_warning("table3.rows", f"表三缺少{len(missing)}行：{msg.listing(missing)}（按空白处理）", "table3")]
