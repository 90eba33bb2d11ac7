"""Shapes that PDF-to-text, PDF-to-Markdown and HTML converters give real reports (issue 9 §1): a row label
broken mid-word across lines, table 四's header spread over three rows (2019 trial format), and header
fragments between the data rows. Each is read whole and right, with nothing named missing."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest

from ogi.report import Report, read_bytes, write
from ogi.report._generate import random_report

SEEDS = range(5)
_T4_ROW = re.compile(r"\|(\s*\d+\s*\|){15}")
_COLUMNS = "结果维持 结果纠正 其他结果 尚未审结 总计"


def _flat(lines: list[str]) -> str:
    """Markdown as PDF-to-text gives it: no pipes, no rule lines."""
    return "\n".join(re.sub(r"\s*\|\s*", " ", line).strip() for line in lines if not line.startswith("|---"))


def _at(lines: list[str], words: str) -> int:
    return next(i for i, line in enumerate(lines) if words in line)


def _label_on_next_row(lines: list[str]) -> str:
    """“| 1.本机关不掌握相关政 | 3 | 0 … |” and “| 府信息 | | … |”."""
    at = _at(lines, "本机关不掌握相关政府信息")
    row = lines[at]
    lines[at] = row.replace("相关政府信息", "相关政") + "\n| 府信息 |" + " |" * (row.count("|") - 2)
    return "\n".join(lines)


def _label_on_previous_row(lines: list[str]) -> str:
    """“| 1.本机关不掌握相关政 | | … |” and “| 府信息 | 3 | 0 … |”."""
    at = _at(lines, "本机关不掌握相关政府信息")
    row = lines[at]
    lines[at] = (
        "| 1.本机关不掌握相关政 |"
        + " |" * (row.count("|") - 2)
        + "\n"
        + row.replace("1.本机关不掌握相关政府信息", "府信息")
    )
    return "\n".join(lines)


def _label_on_next_line(lines: list[str]) -> str:
    """PDF text: “1.本机关不掌握相关政 3 0 0 0 0 0 3” and “府信息” on the next line."""
    at = _at(lines, "本机关不掌握相关政府信息")
    lines[at] = lines[at].replace("相关政府信息", "相关政") + "\n府信息"
    return _flat(lines)


def _header_between_rows_md(lines: list[str]) -> str:
    at = _at(lines, "（二）部分公开")
    return "\n".join(
        [*lines[:at], "| | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |", *lines[at:]]
    )


def _page_header_between_rows(lines: list[str]) -> str:
    """A page break in table 三: page number and the repeated column header between two rows."""
    at = _at(lines, "（二）部分公开")
    header = [
        "— 3 —",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况",
        "自然人 法人或其他组织 总计",
    ]
    return _flat([*lines[:at], *header, *lines[at:]])


SHAPES: dict[str, tuple[Callable[[list[str]], str], str]] = {
    "label broken, rest on the next markdown row": (_label_on_next_row, "md"),
    "label broken, numbers on the next markdown row": (_label_on_previous_row, "md"),
    "label broken across text lines": (_label_on_next_line, "txt"),
    "column header between markdown rows": (_header_between_rows_md, "md"),
    "page header between text rows": (_page_header_between_rows, "txt"),
}


def _read_whole(report: Report, data: bytes, name: str) -> None:
    read = read_bytes(data, name)
    assert read.complete, read.missing
    wrong = [
        (path, read.value(path), cell.value) for path, cell in report.iter_cells() if read.value(path) != cell.value
    ]
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("seed", SEEDS)
def test_converter_shapes_of_table3_are_read_whole(shape: str, seed: int) -> None:
    report = random_report(random.Random(seed), version="2021", scale=30)
    change, suffix = SHAPES[shape]
    _read_whole(report, change(write(report, "md").decode().split("\n")).encode(), f"shape.{suffix}")


@pytest.mark.parametrize("seed", SEEDS)
def test_table4_numbers_under_each_part_of_its_header_are_read(seed: int) -> None:
    """PDF text of table 四 printed group by group: header words, then that group's five numbers."""
    report = random_report(random.Random(seed), version="2021", scale=30)
    lines = write(report, "md").decode().split("\n")
    start = _at(lines, "| 行政复议")
    end = max(i for i, line in enumerate(lines) if _T4_ROW.fullmatch(line.strip()))
    values = [str(report.value(f"table4.{code}")) for code in report.table4]
    groups = [" ".join(values[i : i + 5]) for i in (0, 5, 10)]
    table4 = ["行政复议", _COLUMNS, groups[0], "行政诉讼", "未经复议直接起诉", _COLUMNS, groups[1]]
    table4 += ["复议后起诉", _COLUMNS, groups[2]]
    text = "\n".join([_flat(lines[:start]), *table4, _flat(lines[end + 1 :])])
    _read_whole(report, text.encode(), "t4.txt")


@pytest.mark.parametrize("seed", SEEDS)
def test_table4_header_of_the_2019_trial_format_over_three_rows(seed: int) -> None:
    """行政复议 spans two header rows (rowspan), 行政诉讼 splits into its two groups, then fifteen columns."""
    report = random_report(random.Random(seed), version="2019", scale=30)
    html = write(report, "html").decode()
    columns = "".join(f"<td>{word}</td>" for word in _COLUMNS.split()) * 3
    head = (
        '<tr><td colspan="5" rowspan="2">行政复议</td><td colspan="10">行政诉讼</td></tr>'
        '<tr><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>'
        f"<tr>{columns}</tr>"
    )
    changed = re.sub(r'(<table class="table4">.*?)<thead>.*?</thead>', lambda m: m.group(1) + head, html, flags=re.S)
    assert changed != html
    _read_whole(report, changed.encode(), "t4.html")
