"""Real-world variation the corpus does not cover: each variant built from a known report, read back exactly.

A variant is a report we know (a random valid report, or a corpus file with its hand-checked expected
values) printed the way real publishers print it: other heading wordings, a part listing in the
preamble, an added subtotal column, blank cells written “/”, “—”, “无” or left empty, counts printed
“0.00”, thousands separators, full-width digits, glosses and extra rows in table 二, one cell per line,
wrapped and vertical labels, traditional characters, whole reports on one line, and HTML pages whose
tables are merged, split or nested. Each must read to the same cells, and ``check()`` must report the
same errors as for the report itself (a reader mistake that makes a spurious error is as bad as a wrong
cell).
"""

from __future__ import annotations

import copy
import random
import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report import Cell, FormatVersion, Report, Severity, check, parse_text, read_bytes
from ogi.report._evaluate import compare as compare_expected
from ogi.report._format import (
    SECTIONS,
    T3_APPLICANTS,
    T3_COLUMNS,
    T3_HEADER_NOTE,
    T3_LEGAL_PERSONS,
    T3_OUTCOMES_LABEL,
    T4_COLUMNS,
    T4_GROUPS,
    T4_LITIGATION,
    T4_REVIEW,
    TABLE2,
)
from ogi.report._generate import random_report
from ogi.report._writers import write

from ..conftest import CORPUS, load_expected

PROSE = {
    "1": "本年度，本机关认真贯彻落实《条例》，健全工作机制，加强平台建设，推进政务公开工作。",
    "2": "本机关通过门户网站主动公开政府信息，及时发布政策文件和解读材料。",
    "3": "本年度依法办理政府信息公开申请，按期答复。",
    "4": "本年度未发生因政府信息公开被纠错的情况。",
    "5": "存在的问题是公开内容不够全面，解读形式较为单一。下一步将加强培训，改进工作方法。",
    "6": "本年度未收取信息处理费，无其他需要报告的事项。",
}

Item = tuple[str, list[str]]  # ("h", [heading]) | ("p", [prose]) | ("r", [cell, ...])


# --------------------------------------------------------------------------- printing a report


def _num(value: object) -> str:
    if value is None:
        return "/"
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _report(seed: int, version: str, **kwargs: object) -> Report:
    report = random_report(random.Random(seed), version=version, **kwargs)
    return replace(report, sections=dict(PROSE))


def _heading(report: Report, number: str) -> str:
    section = SECTIONS[int(number) - 1]
    return section.heading_2019 if report.format is FormatVersion.V2019 and section.heading_2019 else section.heading


def _t3_label_cells(report: Report, grid: bool) -> list[list[str]]:
    """The label cells of each table 三 row: one column (flattened) or the three grid columns of the form."""
    out = []
    outcomes = False
    group = None
    for row in report.table3_rows:
        cells = [row.label]
        if row.group is not None and row.group is not group:
            cells = [row.group.label, row.label]
        if row.is_outcome and not outcomes:
            cells = [T3_OUTCOMES_LABEL, *cells]
            outcomes = True
        group = row.group
        if grid:
            if not row.is_outcome:
                cells = [cells[0], "", ""]
            elif row.group is None:
                cells = [*([""] if len(cells) == 1 else cells[:1]), cells[-1], ""]
            else:
                cells = [""] * (3 - len(cells)) + cells
        out.append(cells)
    return out


def items(report: Report, *, headings: dict[str, str] | None = None, grid: bool = False) -> list[Item]:
    """The report as headings, prose and table rows of cells, in printed order (values “/” when blank)."""
    headings = headings or {}
    out: list[Item] = [("p", [f"{report.agency}{report.year}年度政府信息公开工作年度报告"])]
    for section in SECTIONS:
        out.append(("h", [headings.get(section.number, _heading(report, section.number))]))
        if report.sections.get(section.number):
            out.append(("p", [report.sections[section.number]]))
        if section.number == "2":
            for block in TABLE2[report.format]:
                out.append(("r", [block.caption]))
                out.append(("r", [block.header, *(c.label for c in block.columns)]))
                for row in block.rows:
                    values = [_num(report.value(f"table2.{row.code}.{c.code}")) for c in block.columns]
                    out.append(("r", [row.label, *values]))
        elif section.number == "3":
            if grid:
                out.append(("r", [T3_HEADER_NOTE, "", "", T3_APPLICANTS, *[""] * 6]))
                out.append(("r", ["", "", "", T3_COLUMNS[0].label, T3_LEGAL_PERSONS, "", "", "", "", "总计"]))
                out.append(("r", ["", "", "", "", *(c.label for c in T3_COLUMNS[1:6]), ""]))
            else:
                out.append(("r", [T3_HEADER_NOTE, T3_APPLICANTS]))
                out.append(("r", [T3_COLUMNS[0].label, T3_LEGAL_PERSONS, "总计"]))
                out.append(("r", [c.label for c in T3_COLUMNS[1:6]]))
            for row, labels in zip(report.table3_rows, _t3_label_cells(report, grid), strict=True):
                out.append(("r", [*labels, *(_num(c.value) for c in report.table3[row.code])]))
        elif section.number == "4":
            out.append(("r", [T4_REVIEW, T4_LITIGATION]))
            out.append(("r", [*(c.label for c in T4_COLUMNS), *(g.label for g in T4_GROUPS[1:])]))
            out.append(("r", [c.label for _ in T4_GROUPS[1:] for c in T4_COLUMNS]))
            out.append(("r", [_num(report.value(f"table4.{g.code}.{c.code}")) for g in T4_GROUPS for c in T4_COLUMNS]))
    return out


def layout(its: list[Item], sep: str = "\t", rowsep: str = "\n") -> str:
    return rowsep.join(sep.join(cells) for _, cells in its)


def in_tables(its: list[Item], fn: Callable[[str], str], tables: str = "234") -> list[Item]:
    """Apply ``fn`` to every number cell of the given tables."""
    out: list[Item] = []
    table = ""
    for kind, cells in its:
        if kind == "h":
            table = str("一二三四五六".index(cells[0][0]) + 1)
        if kind == "r" and table in tables:
            cells = [fn(c) if re.fullmatch(r"[+-]?\d+(\.\d+)?", c) else c for c in cells]
        out.append((kind, cells))
    return out


def in_table2(its: list[Item], fn: Callable[[list[str]], list[list[str]]]) -> list[Item]:
    """Replace each table 二 row by the rows ``fn`` makes of it."""
    out: list[Item] = []
    table = ""
    for kind, cells in its:
        if kind == "h":
            table = cells[0][0]
        if kind == "r" and table == "二":
            out.extend(("r", new) for new in fn(cells))
        else:
            out.append((kind, cells))
    return out


def blanked(report: Report, paths: list[str]) -> Report:
    for path in paths:
        report = report.with_cell(path, Cell(None))
    return report


def shanghai_blanks(report: Report) -> Report:
    """Shanghai 2019: the 总计 cells of the outcome rows left empty; a few other cells blank too."""
    paths = [f"table3.{r.code}.total" for r in report.table3_rows if r.is_outcome]
    first2 = next(iter(report.table2))
    return blanked(report, [*paths, f"table2.{first2}", "table4.review.other", "table3.new_received.research"])


def with_marker(its: list[Item], marker: str) -> list[Item]:
    return [(kind, [marker if c == "/" else c for c in cells]) for kind, cells in its]


# --------------------------------------------------------------------------- comparing


def _errors(report: Report) -> list[str]:
    return sorted(f.key for f in check(report) if f.severity is Severity.ERROR)


def assert_reads(report: Report, back: Report, *, ambiguous_ok: bool = False) -> None:
    """Every cell exact (ambiguous allowed only where the layout hides boundaries), the same errors, all parts."""
    got = dict(back.iter_cells())
    wrong = []
    for path, cell in report.iter_cells():
        read = got.get(path)
        if read is not None and read.ambiguous and ambiguous_ok and cell.value in read.candidates:
            continue
        if read is None or read.ambiguous or read.value != cell.value:
            wrong.append((path, cell.value, read and (read.value, read.candidates, read.raw)))
    assert not wrong, wrong[:5]
    assert _errors(back) == _errors(report)
    assert sorted(back.sections) == sorted(report.sections)


def read_text(report: Report, text: str, **kwargs: bool) -> Report:
    back = parse_text(text, file="variant.txt")
    assert_reads(report, back, **kwargs)
    return back


VERSIONS = ("2019", "2021")


# --------------------------------------------------------------------------- 1. section headings

HEADINGS = {
    "行政机关主动公开": {"2": "二、行政机关主动公开政府信息情况"},
    "存在问题及改进": {"5": "五、存在问题及改进情况"},
    "2019 wording of 五": {"5": "五、政府信息公开工作存在的主要问题及改进情况"},
    "2019 wording of 四": {"4": "四、因政府信息公开申请行政复议、提起行政诉讼的情况"},
    "一.总体情况": {"1": "一.总体情况"},
    "一 总体情况": {"1": "一 总体情况"},
    "all with dots": {s.number: s.heading.replace("、", ".", 1) for s in SECTIONS},
    "all with spaces": {s.number: s.heading.replace("、", " ", 1) for s in SECTIONS},
    "all with ideographic spaces": {s.number: s.heading.replace("、", "\u3000", 1) for s in SECTIONS},
    "all with full stops": {s.number: s.heading.replace("、", "．", 1) for s in SECTIONS},
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", sorted(HEADINGS))
def test_heading_wordings_are_found(name: str, version: str) -> None:
    report = _report(3, version)
    back = read_text(report, layout(items(report, headings=HEADINGS[name])))
    assert back.sections == report.sections


@pytest.mark.parametrize("version", VERSIONS)
def test_heading_followed_by_prose_on_the_same_line(version: str) -> None:
    report = _report(4, version)
    its: list[Item] = []
    for kind, cells in items(report):
        if kind == "p" and its and its[-1][0] == "h":
            its[-1] = ("p", [its[-1][1][0] + cells[0]])
        else:
            its.append((kind, cells))
    back = read_text(report, layout(its))
    assert back.sections == report.sections


SUB_HEADINGS = ["（一）聚焦群众关注的热点问题，加强政策解读。", "(二)存在问题的整改。", "五是及时整改问题。"]


@pytest.mark.parametrize("sub", SUB_HEADINGS)
def test_sub_heading_about_problems_inside_section_1_is_not_section_5(sub: str) -> None:
    report = _report(5, "2021")
    one = f"{PROSE['1']}\n{sub}\n（二）规范依申请公开办理。"
    report = replace(report, sections={**report.sections, "1": one})
    back = read_text(report, layout(items(report)))
    assert back.sections["1"].endswith("（二）规范依申请公开办理。")


LISTINGS = [
    "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、因政府信息公开申请行政复议、"
    "提起行政诉讼的情况、政府信息公开工作存在的主要问题及改进情况和其他需要报告的事项等六个部分。",
    "本报告由一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、"
    "行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项六部分组成。",
    "全文包括：一、总体情况，二、主动公开政府信息情况，三、收到和处理政府信息公开申请情况，"
    "四、政府信息公开行政复议、行政诉讼情况，五、存在的主要问题及改进情况，六、其他需要报告的事项。",
]


@pytest.mark.parametrize("one_line", [False, True])
@pytest.mark.parametrize("listing", range(len(LISTINGS)))
def test_preamble_listing_the_six_parts_is_not_taken_for_the_headings(listing: int, one_line: bool) -> None:
    report = _report(6, "2019")
    its = items(report)
    its.insert(1, ("p", [LISTINGS[listing]]))
    text = layout(its, sep="", rowsep="") if one_line else layout(its)
    back = read_text(report, text, ambiguous_ok=one_line)
    assert back.sections == report.sections


def test_pingtan_2019_with_a_numbered_listing_reads_as_published() -> None:
    path = CORPUS / "pingtan" / "pingtan_2019_page.txt"
    text = path.read_text(encoding="utf-8").replace("本报告包括总体情况", LISTINGS[1] + "本报告包括总体情况", 1)
    result = compare_expected(parse_text(text, file=path.name), load_expected(path.with_suffix(".expected.json")))
    assert result.passed, (result.wrong[:3], result.missing_checks, result.unexpected_checks)


# --------------------------------------------------------------------------- 2. table 三 cells


def with_subtotal(its: list[Item], report: Report, where: int, label: str) -> list[Item]:
    """Table 三 printed with a 法人或其他组织 subtotal column after 自然人 (1) or after 其他 (6)."""
    out: list[Item] = []
    rows = iter(report.table3_rows)
    names = [c.label for c in T3_COLUMNS[1:6]]
    table = ""
    for kind, cells in its:
        if kind == "h":
            table = cells[0][0]
        if kind == "r" and cells[:5] == names:
            cells = [*cells, label] if where == 6 else [label, *cells]
        elif kind == "r" and table == "三" and len(cells) >= 8:
            values = report.table3[next(rows).code]
            known = [c.value for c in values[1:6] if c.value is not None]
            sub = _num(sum(known)) if known else "/"
            head, vals = cells[:-7], cells[-7:]
            cells = [*head, *vals[:6], sub, vals[6]] if where == 6 else [*head, vals[0], sub, *vals[1:]]
        out.append((kind, cells))
    assert next(rows, None) is None
    return out


@pytest.mark.parametrize("sep", ["\t", "  ", "\n"])
@pytest.mark.parametrize("where", [1, 6])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_added_legal_person_subtotal_column_is_left_out(seed: int, where: int, sep: str) -> None:
    report = _report(seed, "2021")
    back = read_text(report, layout(with_subtotal(items(report), report, where, "小计"), sep=sep))
    assert any("法人或其他组织" in n and "小计" in n for n in back.notes)


@pytest.mark.parametrize("sep", ["\t", "  "])
@pytest.mark.parametrize("marker", ["/", "／", "-", "—", "——", "－", "―", "无"])
@pytest.mark.parametrize("version", VERSIONS)
def test_blank_markers_are_blank_cells(version: str, marker: str, sep: str) -> None:
    report = shanghai_blanks(_report(5, version))
    read_text(report, layout(with_marker(items(report), marker), sep=sep))


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_empty_cells_of_a_copied_table_keep_their_columns(seed: int, version: str) -> None:
    """A Word/HTML table copied as text: blank 总计 (Shanghai 2019) and applicant cells print as nothing."""
    report = shanghai_blanks(_report(seed, version))
    report = blanked(report, ["table3.carried_forward.natural_person", "table3.carried_over.commercial"])
    read_text(report, layout(with_marker(items(report, grid=True), "")))


def test_seed_like_rows_with_only_a_total_still_read_as_totals() -> None:
    """The header-column reading never overrides a lone number when no full row proves the columns."""
    report = _report(7, "2021")
    only_totals = {code: (*(Cell(None) for _ in range(6)), cells[6]) for code, cells in report.table3.items()}
    report = replace(report, table3=only_totals)
    read_text(report, layout(with_marker(items(report, grid=True), "")))


@pytest.mark.parametrize("seed", [0, 1])
def test_counts_printed_as_amounts_are_whole_numbers_with_a_note(seed: int) -> None:
    report = _report(seed, "2021", scale=300)
    its = in_tables(items(report), lambda c: c if "." in c else c + ".00", "34")
    back = read_text(report, layout(its))
    assert any("带小数" in n and ".00”" in n for n in back.notes)
    assert not any(f.rule == "cells.type" for f in check(back))


def _grouped(sep: str) -> Callable[[str], str]:
    def fn(cell: str) -> str:
        if "." in cell:
            whole, frac = cell.split(".")
            return f"{int(whole):,}".replace(",", sep) + "." + frac
        return f"{int(cell):,}".replace(",", sep)

    return fn


_FULL_WIDTH = str.maketrans("0123456789,.-", "０１２３４５６７８９，．－")


NUMBER_FORMS: dict[str, tuple[Callable[[str], str], str]] = {
    "thousands, tabs": (_grouped(","), "\t"),
    "thousands, spaces": (_grouped(","), "  "),
    "full-width thousands": (_grouped("，"), "  "),
    "full-width digits": (lambda c: c.translate(_FULL_WIDTH), "\t"),
    "full-width digits and thousands": (lambda c: _grouped(",")(c).translate(_FULL_WIDTH), " "),
    "space-grouped thousands, wide gaps": (_grouped(" "), "   "),
    "space-grouped thousands, tabs": (_grouped(" "), "\t"),
    "thin-space thousands": (_grouped("\u2009"), "  "),
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("form", sorted(NUMBER_FORMS))
def test_number_forms(form: str, version: str) -> None:
    fn, sep = NUMBER_FORMS[form]
    report = _report(11, version, scale=5000)
    read_text(report, layout(in_tables(items(report), fn), sep=sep))


def test_space_grouped_thousands_between_single_spaced_cells_are_not_guessed() -> None:
    """“1 234 5” with every gap one space: several readings; the reader must not pick one silently."""
    report = _report(12, "2021", scale=5000)
    its = in_tables(items(report), _grouped(" "), "2")
    back = parse_text(layout(its, sep=" "), file="v.txt")
    for path, cell in back.iter_cells():
        if path.startswith("table2.regulations") and cell.value is not None:
            assert cell.value == report.value(path), path


# --------------------------------------------------------------------------- 3. table 二


def _gloss(cells: list[str]) -> list[list[str]]:
    glossed = [c.replace("上一年项目数量", "上一年项目数量(指2018年事项数)") for c in cells]
    return [[c.replace("处理决定数量", "处理决定数量（件）") for c in glossed]]


def _extra_rows(cells: list[str]) -> list[list[str]]:
    if cells[0] in ("规范性文件", "行政规范性文件"):
        return [cells, ["其他主动公开文件", "12", "15", "300"]]
    return [cells]


_ITEM_ROWS = ("行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费")


def _plus_signs(cells: list[str]) -> list[list[str]]:
    if cells[0] not in _ITEM_ROWS:
        return [cells]
    return [[("+" + c if i == 2 and c.isdigit() and c != "0" else c) for i, c in enumerate(cells)]]


def _full_width_minus(cells: list[str]) -> list[list[str]]:
    return [[c.replace("-", "－") if re.fullmatch(r"-\d+", c) else c for c in cells]]


def _unit(unit: str) -> Callable[[list[str]], list[list[str]]]:
    def fn(cells: list[str]) -> list[list[str]]:
        return [[c + unit if cells[0] == "政府集中采购" and i == 2 else c for i, c in enumerate(cells)]]

    return fn


TABLE2_FORMS = {
    "glosses": _gloss,
    "extra row": _extra_rows,
    "plus signs": _plus_signs,
    "full-width minus": _full_width_minus,
    "amount in 元": _unit("元"),
    "amount in 万元": _unit("万元"),
}


@pytest.mark.parametrize("sep", ["\t", "  "])
@pytest.mark.parametrize("form", sorted(TABLE2_FORMS))
def test_table2_forms_2019(form: str, sep: str) -> None:
    report = _report(2, "2019", scale=300)
    back = read_text(report, layout(in_table2(items(report), TABLE2_FORMS[form]), sep=sep))
    if form == "extra row":
        assert any("其他主动公开文件" in n for n in back.notes)


def test_extra_row_on_one_line_does_not_leak_into_its_neighbours() -> None:
    report = _report(2, "2019", scale=300)
    read_text(report, layout(in_table2(items(report), _extra_rows), sep="", rowsep=""), ambiguous_ok=True)


def test_amount_keeps_its_number_as_printed() -> None:
    report = _report(2, "2019", scale=300)
    report = report.with_cell("table2.procurement.amount", Cell(Decimal("251000")))
    back = read_text(report, layout(in_table2(items(report), _unit("元"))))
    assert back.cell("table2.procurement.amount").raw == "251000元"


def test_2021_fee_with_decimals() -> None:
    report = _report(3, "2021").with_cell("table2.fees.amount", Cell(Decimal("7730.28")))
    for sep, rowsep in (("\t", "\n"), ("", "")):
        read_text(report, layout(items(report), sep=sep, rowsep=rowsep), ambiguous_ok=not rowsep)


def test_prose_sub_heading_after_table2_is_not_an_extra_row() -> None:
    report = _report(2, "2021")
    report = replace(report, sections={**report.sections, "2": "(二)主动公开政府信息的主要类别2023年共发布12条。"})
    its = items(report)
    at = next(i for i, (k, c) in enumerate(its) if k == "h" and c[0].startswith("三"))
    its.insert(at, ("p", ["(二)主动公开政府信息的主要类别2023年共发布12条。"]))
    back = parse_text(layout(its), file="v.txt")
    assert not any("不属于国家格式" in n for n in back.notes)


# --------------------------------------------------------------------------- 4. table layouts in text

_TRADITIONAL = str.maketrans(
    "开资处请数结总计议讼机关费规范许强制发废现转办属国务为护权门当条况报告项决办理",
    "開資處請數結總計議訟機關費規範許強製發廢現轉辦屬國務為護權門當條況報告項決辦理",
)


def _wrapped(its: list[Item]) -> list[Item]:
    return [(k, [c.replace("只计这一情形，", "只计这一情\n形，") for c in cells]) for k, cells in its]


def _vertical(its: list[Item]) -> list[Item]:
    out: list[Item] = []
    for kind, cells in its:
        if kind == "r" and cells and cells[0] == T3_OUTCOMES_LABEL:
            out.append(("p", ["\n".join(T3_OUTCOMES_LABEL)]))
            cells = cells[1:]
        out.append((kind, cells))
    return out


LAYOUTS: dict[str, Callable[[list[Item]], str]] = {
    "one cell per line": lambda its: layout(its, sep="\n"),
    "runs of spaces": lambda its: layout(its, sep="   "),
    "wrapped label, tabs": lambda its: layout(_wrapped(its)),
    "wrapped label, one cell per line": lambda its: layout(_wrapped(its), sep="\n"),
    "vertical header": lambda its: layout(_vertical(its)),
    "vertical header, one cell per line": lambda its: layout(_vertical(its), sep="\n"),
    "traditional characters": lambda its: layout(its).translate(_TRADITIONAL),
    "traditional, one cell per line": lambda its: layout(its, sep="\n").translate(_TRADITIONAL),
}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_text_layouts(name: str, version: str) -> None:
    report = _report(8, version)
    read_text(report, LAYOUTS[name](items(report)))


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    version=st.sampled_from(VERSIONS),
    sep=st.sampled_from(["", " "]),
)
def test_whole_report_on_one_line_reads_or_says_what_is_unsure(seed: int, version: str, sep: str) -> None:
    """Like the 平潭 captures: every boundary between cells may be gone; what cannot be split is ambiguous."""
    report = _report(seed, version)
    read_text(report, layout(items(report), sep=sep, rowsep=sep), ambiguous_ok=True)


@settings(max_examples=20, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    version=st.sampled_from(VERSIONS),
    marker=st.sampled_from(["/", "-", "—", "无"]),
    sep=st.sampled_from(["\t", "  ", "\n"]),
    traditional=st.booleans(),
)
def test_random_reports_with_blanks_in_any_layout(
    seed: int, version: str, marker: str, sep: str, traditional: bool
) -> None:
    report = shanghai_blanks(_report(seed, version))
    text = layout(with_marker(items(report), marker), sep=sep)
    read_text(report, text.translate(_TRADITIONAL) if traditional else text)


# --------------------------------------------------------------------------- corpus files, transformed

_CORPUS_TEXTS = sorted(p for p in CORPUS.glob("*/*.txt")) + sorted(CORPUS.glob("*/*.md"))


def _corpus_case(path: Path, text: str) -> None:
    result = compare_expected(parse_text(text, file=path.name), load_expected(path.with_suffix(".expected.json")))
    assert result.passed, (result.wrong[:3], result.missing_checks, result.unexpected_checks)


@pytest.mark.parametrize("path", _CORPUS_TEXTS, ids=lambda p: p.name)
def test_corpus_in_traditional_characters(path: Path) -> None:
    _corpus_case(path, path.read_text(encoding="utf-8").translate(_TRADITIONAL))


@pytest.mark.parametrize("path", _CORPUS_TEXTS, ids=lambda p: p.name)
def test_corpus_with_space_separated_heading_numbers(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for section in SECTIONS:
        for heading in filter(None, (section.heading, section.heading_2019)):
            text = text.replace(heading, heading.replace("、", " ", 1))
    _corpus_case(path, text)


# --------------------------------------------------------------------------- 5. HTML pages


def _page(report: Report) -> str:
    return write(report, "html").decode()


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def one_big_table(html: str) -> str:
    """Tables 二, 三 and 四 as one table, the headings of 三 and 四 as rows of it."""
    page = _soup(html)
    body = page.find("table", class_="table2").find("tbody")
    for name, section_id in (("table3", "section-3"), ("table4", "section-4")):
        section = page.find("section", id=section_id)
        row = page.new_tag("tr")
        cell = page.new_tag("td", colspan="15")
        cell.string = section.find("h2").get_text()
        row.append(cell)
        body.append(row)
        table = page.find("table", class_=name)
        for tr in table.find_all("tr"):
            body.append(tr.extract())
        table.decompose()
        section.find("h2").decompose()
        section.find("p").decompose()
    for tag in page.find_all("colgroup"):
        tag.decompose()
    return str(page)


def split_table3_rows(html: str, numbers_first: bool) -> str:
    """Each table 三 row as two ``<tr>``: the label cut in the middle, the numbers in one of the two."""
    page = _soup(html)
    tbody = page.find("table", class_="table3").find("tbody")
    for tr in list(tbody.find_all("tr")):
        label = tr.find_all("th")[-1]
        text = label.get_text()
        cut = len(text) // 2
        label.string = text[:cut]
        second = page.new_tag("tr")
        rest = page.new_tag("th")
        rest.string = text[cut:]
        if label.get("colspan"):
            rest["colspan"] = label["colspan"]
        second.append(rest)
        for td in tr.find_all("td"):
            if numbers_first:
                second.append(page.new_tag("td"))
            else:
                second.append(copy.copy(td))
                td.string = ""
        tr.insert_after(second)
    for th in tbody.find_all("th", rowspan=True):
        th["rowspan"] = str(int(th["rowspan"]) * 2)
    return str(page)


def nested_cells(html: str) -> str:
    """Every cell's text inside ``<p><span>``, the long 部分公开 label broken by ``<br>``."""
    page = _soup(html)
    for td in page.find_all(["td", "th"]):
        text = td.get_text()
        td.clear()
        p = page.new_tag("p")
        span = page.new_tag("span", style="font-family:仿宋_GB2312")
        if "（区分处理的" in text:
            head, tail = text.split("（区分处理的", 1)
            span.append(head)
            span.append(page.new_tag("br"))
            span.append("（区分处理的" + tail)
        else:
            span.string = text
        p.append(span)
        td.append(p)
    return str(page)


def table4_numbers_apart(html: str) -> str:
    """Table 四's header in ``<th>`` cells, its numbers in a second table right after it."""
    page = _soup(html)
    table = page.find("table", class_="table4")
    numbers = page.new_tag("table")
    numbers.append(table.find("tbody").extract())
    table.insert_after(numbers)
    return str(page)


def bold_headings(html: str, *, with_prose: bool = False) -> str:
    """Headings as ``<p><strong>`` (Word pasted into a CMS), optionally with the prose in the same paragraph."""
    page = _soup(html)
    for h2 in page.find_all("h2"):
        p = page.new_tag("p")
        strong = page.new_tag("strong")
        strong.string = h2.get_text()
        p.append(strong)
        following = h2.find_next_sibling("p")
        if with_prose and following is not None:
            p.append(following.get_text())
            following.decompose()
        h2.replace_with(p)
    return str(page)


HTML_FORMS: dict[str, Callable[[str], str]] = {
    "one big table": one_big_table,
    "table 三 rows split, numbers in the first": lambda h: split_table3_rows(h, True),
    "table 三 rows split, numbers in the second": lambda h: split_table3_rows(h, False),
    "nested p/span/br": nested_cells,
    "table 四 numbers in a second table": table4_numbers_apart,
    "bold headings": bold_headings,
    "bold headings with prose": lambda h: bold_headings(h, with_prose=True),
}


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("form", sorted(HTML_FORMS))
def test_html_forms(form: str, version: str, seed: int) -> None:
    report = _report(seed, version)
    back = read_bytes(HTML_FORMS[form](_page(report)).encode("utf-8"), "variant.html")
    if form == "one big table":  # 三 and 四 have no prose left: present, empty
        report = replace(report, sections={**report.sections, "3": "", "4": ""})
    assert_reads(report, back)


@pytest.mark.parametrize("version", VERSIONS)
def test_html_empty_td_blank_cells(version: str) -> None:
    report = shanghai_blanks(_report(9, version))
    html = _page(report).replace("<td>/</td>", "<td></td>")
    assert "<td></td>" in html
    assert_reads(report, read_bytes(html.encode("utf-8"), "variant.html"))


@pytest.mark.parametrize("where", [1, 6])
def test_html_with_subtotal_column(where: int) -> None:
    report = _report(10, "2021")
    page = _soup(_page(report))
    table = page.find("table", class_="table3")
    head_rows = table.find("thead").find_all("tr")
    head_rows[0].find_all("th")[-1]["colspan"] = "8"
    head_rows[1].find_all("th")[1]["colspan"] = "6"
    extra = page.new_tag("th")
    extra.string = "小计"
    if where == 6:
        head_rows[2].append(extra)
    else:
        head_rows[2].insert(0, extra)
    for tr, row in zip(table.find("tbody").find_all("tr"), report.table3_rows, strict=True):
        tds = tr.find_all("td")
        cell = page.new_tag("td")
        cell.string = _num(sum(c.value for c in report.table3[row.code][1:6]))
        tds[where - 1 if where == 1 else 5].insert_after(cell)
    back = read_bytes(str(page).encode("utf-8"), "variant.html")
    assert_reads(report, back)
    assert any("小计" in n for n in back.notes)
