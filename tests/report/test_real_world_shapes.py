"""Shapes met in real published reports (平潭 web captures) that the corpus does not hold.

Each test rebuilds the shape from a known report (a random valid report printed the way the real page
prints it; short excerpts of real rows where the exact characters matter) and asserts the cells read
back and the checker reports only the errors the report itself has.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from ogi.report import check

from .test_reader_variants import _report, in_table2, items, layout, read_text


def _count_unit(unit: str) -> Callable[[list[str]], list[list[str]]]:
    """The procurement project count printed with a count word (“政府集中采购 2笔 984361元”)."""

    def fn(cells: list[str]) -> list[list[str]]:
        if cells[0] != "政府集中采购":
            return [cells]
        return [[cells[0], cells[1] + unit, cells[2] + "元"]]

    return fn


@pytest.mark.parametrize("unit", ["笔", "个", "项"])
@pytest.mark.parametrize("sep", [" ", "\t"])
def test_procurement_count_with_a_count_word_is_read(unit: str, sep: str) -> None:
    report = _report(5, "2019", scale=300)
    back = read_text(report, layout(in_table2(items(report), _count_unit(unit)), sep=sep, rowsep=" "))
    projects = report.cell("table2.procurement.projects").value
    assert back.cell("table2.procurement.projects").raw == f"{projects}"


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("sep", [" ", ""])
def test_row_label_in_the_prose_before_table2_is_not_the_row(version: str, sep: str) -> None:
    """Section 二 prose names a row (“主要涉及政策规范性文件信息2条、行政许可类信息3条”) before the table."""
    report = _report(6, version, scale=300)
    prose = "本年度主动公开政府信息141条，主要涉及政策规范性文件信息2条、行政许可类信息3条、行政处罚类信息5条。"
    report = dataclasses.replace(report, sections={**report.sections, "2": prose})
    back = read_text(report, layout(items(report), sep=sep, rowsep=sep), ambiguous_ok=bool(not sep))
    assert not any("不属于国家格式" in n for n in back.notes)


def test_html_comments_of_a_web_capture_are_not_prose() -> None:
    """Word's conditional comments survive in page.txt (“<!--[if !supportMisalignedColumns]-->”)."""
    report = _report(7, "2021")
    report = dataclasses.replace(report, sections={**report.sections, "2": ""})
    its = items(report)
    marked = []
    for kind, cells in its:
        if kind == "h" and cells[0].startswith("二"):
            cells = [cells[0] + "<!--[if !supportMisalignedColumns]--><!--[endif]-->"]
        if kind == "p" and cells[0] == report.sections["1"]:
            cells = ["<!--[if !supportLists]-->（一）<!--[endif]-->" + cells[0]]
        marked.append((kind, cells))
    back = read_text(
        dataclasses.replace(report, sections={**report.sections, "1": "（一）" + report.sections["1"]}),
        layout(marked, sep=" ", rowsep=" "),
    )
    assert back.sections["2"] == ""
    assert not any("<!--" in s or "-->" in s for s in back.sections.values())


def _prose_after_tables(its: list, prose: str) -> list:
    """``prose`` printed right after the last row of tables 二, 三 and 四, before the next heading."""
    out: list = []
    for i, item in enumerate(its):
        out.append(item)
        nxt = its[i + 1] if i + 1 < len(its) else None
        if item[0] == "r" and nxt is not None and nxt[0] == "h" and nxt[1][0][0] in "三四五":
            out.append(("p", [prose]))
    return out


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("sep", [" ", ""])
def test_a_year_starting_the_prose_after_a_table_is_not_a_cell(version: str, sep: str) -> None:
    """平潭 市场监督管理局 2025: “行政事业性收费02025年，我局…”, “结转下年度继续办理20000022025年，我局共收到…”."""
    report = _report(8, version, scale=30)
    its = _prose_after_tables(items(report), "2025年，我局严格按照《条例》规定办理。")
    back = read_text(report, layout(its, sep=sep, rowsep=""), ambiguous_ok=not sep)  # every cell, same errors
    assert not any("2025" in (cell.raw or "") for _, cell in back.iter_cells())


@pytest.mark.parametrize("sep", [" ", ""])
def test_a_misspelt_table3_label_claims_its_printed_number(sep: str) -> None:
    """平潭 市场监督管理局 2025: “…6.属于四类过程性信息00000007.属于行政执法案件3000003…” (案件 for 案卷)."""
    report = _report(9, "2021", scale=30)
    its = [(kind, [c.replace("属于行政执法案卷", "属于行政执法案件") for c in cells]) for kind, cells in items(report)]
    assert any("案件" in c for _, cells in its for c in cells)
    back = read_text(report, layout(its, sep=sep, rowsep=""), ambiguous_ok=not sep)
    assert (
        back.cell("table3.withheld.process_info.total").value == report.cell("table3.withheld.process_info.total").value
    )


@pytest.mark.parametrize("said", ["共受理公开申请{n}件", "收到信息公开申请{n}件", "收到政府信息公开申请{n}件"])
def test_prose_count_of_applications_without_zhengfu_xinxi_is_compared(said: str) -> None:
    """平潭 管委会办公室 2025: “共受理公开申请34件” while table 三 says 32 new applications."""
    report = _report(10, "2021", scale=30)
    new = report.cell("table3.new_received.total").value or 0
    carried = report.cell("table3.carried_over.total").value or 0
    stated = new + carried + 2
    report = dataclasses.replace(report, sections={**report.sections, "1": "2025年，" + said.format(n=stated) + "。"})
    found = [f for f in check(report) if f.rule == "text.numbers" and f.subject == "new_received"]
    assert len(found) == 1 and str(stated) in found[0].message
