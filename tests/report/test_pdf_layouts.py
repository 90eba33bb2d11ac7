"""The PDF reader on real-world layouts: tables broken between rows, page frames, column lines only, rows
written as one line of text, and random page breaks anywhere in a report.

The PDFs are drawn here (``pdf_draw``) from the writers' table grids, with the page breaks, rules and
frames that Word, WPS and others produce and the PDF writer avoids.
"""

from __future__ import annotations

import random

import pymupdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report import FormatVersion, to_dict
from ogi.report._generate import random_report
from ogi.report._readers import read_bytes
from ogi.report._readers.pdf._layout import may_hold_table
from ogi.report._readers.pdf._page_breaks import rejoins
from ogi.report._readers.pdf._read import pdf_lines
from ogi.report._writers._grid import report_grids

from ..conftest import CORPUS
from .pdf_draw import FONT, Layout, draw_report, text_width

JIANGSU_PDFS = ["hongze_qu_2024.pdf", "huaian_szf_2024.pdf"]


def tables(report) -> dict:
    data = to_dict(report)
    return {key: data[key] for key in ("format", "table2", "table3", "table4")}


def table_texts(data: bytes) -> list[str]:
    return [line.text for line in pdf_lines(data, "t.pdf") if line.source.table is not None]


def report(seed: int, version: FormatVersion = FormatVersion.V2021, split: bool = True):
    return random_report(random.Random(seed), version=version, split_other=split)


def table2_data_rows(rep) -> list[int]:
    grid = report_grids(rep)["2"]
    return [c.row for c in grid.cells if c.col == 0 and c.role == "label"]


# --------------------------------------------------------------------------- 1. table 二 broken between rows


def test_a_label_fragment_rejoins_only_into_a_known_label() -> None:
    assert rejoins("（四）无", "法提供")
    assert rejoins("（二）部分公开（区分处理的，只计这一情形，不", "计其他情形）")
    assert rejoins("三、本年", "度办理结果")
    assert not rejoins("行政处罚", "行政强制")
    assert not rejoins("规章", "行政规范性文件")
    assert not rejoins("行政许可", "其他对外管理服务事项")


@pytest.mark.parametrize("version", list(FormatVersion))
def test_table2_broken_before_every_second_row_keeps_each_row(version: FormatVersion) -> None:
    rep = report(7, version, version is FormatVersion.V2021)
    second_rows = [r for r in table2_data_rows(rep) if r - 1 in table2_data_rows(rep)]  # 行政强制, 行政规范性文件 …
    assert second_rows
    for repeat in (True, False):
        data = draw_report(rep, Layout(breaks={("2", r) for r in second_rows}, repeat_header=repeat))
        assert tables(read_bytes(data, "t.pdf")) == tables(rep)
        firsts = [text.split("\t")[0] for text in table_texts(data)]
        assert "行政强制" in firsts and "行政处罚" in firsts
        assert not any("处罚行政强制" in f or "规章行政" in f or "规章规范" in f for f in firsts)


# --------------------------------------------------------------------------- 2. frames


def test_a_frame_round_every_page_leaves_prose_as_prose() -> None:
    rep = report(11)
    data = draw_report(rep, Layout(frame=True))
    lines = pdf_lines(data, "t.pdf")
    prose = [line.text for line in lines if line.source.table is None]
    assert "一、总体情况" in prose and "六、其他需要报告的事项" in prose
    assert all(len(line.text) < 400 for line in lines)  # no giant cell
    back = read_bytes(data, "t.pdf")
    assert tables(back) == tables(rep)
    assert back.sections["1"].strip()


def test_a_frame_round_a_heading_and_a_table_leaves_the_heading_prose_and_the_table_whole() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(pymupdf.Rect(60, 60, 420, 200), color=(0, 0, 0), width=1)  # the frame
    page.insert_text((72, 84), "表二 主动公开政府信息情况", fontname=FONT, fontsize=11)
    page.insert_text((72, 104), "本机关全年主动公开政府信息，详见下表。", fontname=FONT, fontsize=11)
    for i, x in enumerate((72, 192, 272, 352)):
        page.draw_line((x, 120), (x, 160), color=(0, 0, 0), width=0.5)
        page.insert_text((x + 2, 134), ["信息内容", "本年制发件数", "本年废止件数"][i] if i < 3 else "", fontname=FONT)
        page.insert_text((x + 2, 154), ["规章", "3", "0"][i] if i < 3 else "", fontname=FONT)
    for y in (120, 140, 160):
        page.draw_line((72, y), (352, y), color=(0, 0, 0), width=0.5)
    lines = pdf_lines(doc.tobytes(), "t.pdf")
    assert [line.text for line in lines if line.source.table is None] == [
        "表二 主动公开政府信息情况",
        "本机关全年主动公开政府信息，详见下表。",
    ]
    assert [line.text for line in lines if line.source.table is not None] == [
        "信息内容\t本年制发件数\t本年废止件数",
        "规章\t3\t0",
    ]


def test_boxes_of_prose_stacked_in_a_frame_are_read_as_prose() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_rect(pymupdf.Rect(60, 60, 500, 300), color=(0, 0, 0), width=1)
    page.draw_line((60, 120), (500, 120), color=(0, 0, 0), width=1)  # a rule across the frame: a header box
    page.draw_line((60, 200), (500, 200), color=(0, 0, 0), width=1)
    page.insert_text((72, 90), "某某县人民政府办公室", fontname=FONT, fontsize=14)
    page.insert_text((72, 150), "一、总体情况", fontname=FONT, fontsize=12)
    page.insert_text((72, 170), "本年度依法做好政府信息公开工作。", fontname=FONT, fontsize=12)
    page.insert_text((72, 230), "二、主动公开政府信息情况", fontname=FONT, fontsize=12)
    lines = pdf_lines(doc.tobytes(), "t.pdf")
    assert all(line.source.table is None for line in lines)
    assert [line.text for line in lines] == [
        "某某县人民政府办公室",
        "一、总体情况",
        "本年度依法做好政府信息公开工作。",
        "二、主动公开政府信息情况",
    ]


# --------------------------------------------------------------------------- 3. column lines only


@pytest.mark.parametrize("version", list(FormatVersion))
def test_column_lines_without_row_lines_give_one_line_per_row(version: FormatVersion) -> None:
    rep = report(3, version, version is FormatVersion.V2021)
    data = draw_report(rep, Layout(rules="columns"))
    texts = table_texts(data)
    rows = [t.split("\t") for t in texts]
    assert any(r[0] == "行政处罚" for r in rows) and any(r[0] == "行政强制" for r in rows)
    (new,) = [r for r in rows if r[0] == "一、本年新收政府信息公开申请数量"]
    assert [int(v) for v in new[-7:]] == to_dict(rep)["table3"]["new_received"]
    assert tables(read_bytes(data, "t.pdf")) == tables(rep)


def test_column_lines_only_keep_row_labels_apart_from_a_merged_label_beside_them() -> None:
    rep = report(5)
    rows = [text.split("\t") for text in table_texts(draw_report(rep, Layout(rules="columns")))]
    values = to_dict(rep)["table3"]
    for label, code in (("1.本机关不掌握相关政府信息", "not_held"), ("2.没有现成信息需要另行制作", "needs_creation")):
        (row,) = [r for r in rows if r[2:3] == [label]]
        assert [int(v) for v in row[3:]] == values[f"unavailable.{code}"]
    # the group label, centred over its rows, stays in its column (whole, or a line in each row)
    assert "（四）无法提供" in "".join(r[1] for r in rows if len(r) == 10)


# --------------------------------------------------------------------------- 4. rows written as one line


def _row_as_one_line(cells: list[str], xs: list[float], size: float = 9.0) -> str:
    """One string whose spaces put each cell's text into its column (as some PDF producers write rows)."""
    text = ""
    for cell, x in zip(cells, xs, strict=False):
        while text_width(text, size) < x - xs[0] + 2:
            text += " "
        text += cell
    return text


#: A small table 二 block and its column lines, drawn by hand in the tests below.
_SMALL_TABLE_XS = [72, 192, 272, 352, 432]
_SMALL_TABLE = [
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "3", "", "5"],
    ["行政规范性文件", "12", "1", "40"],
]


def test_a_ruled_table_whose_rows_are_single_lines_uses_its_rules() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    xs, rows = _SMALL_TABLE_XS, _SMALL_TABLE
    y = 100
    for row in rows:
        for x in xs:
            page.draw_line((x, y), (x, y + 20), color=(0, 0, 0), width=0.5)
        page.draw_line((72, y), (432, y), color=(0, 0, 0), width=0.5)
        page.insert_text((74, y + 14), _row_as_one_line(row, xs), fontname=FONT, fontsize=9)
        y += 20
    page.draw_line((72, y), (432, y), color=(0, 0, 0), width=0.5)
    words = page.get_text("words")
    assert len({(w[5], w[6]) for w in words}) == 3  # one PyMuPDF line per row: no cells side by side
    assert may_hold_table(words)
    assert table_texts(doc.tobytes()) == ["\t".join(row) for row in rows]


_PENS = ["lines", "one_path", "thick_frame", "filled_rules"]


def _draw_grid(page: pymupdf.Page, xs: list[int], ys: list[int], pen: str) -> None:
    """The rules of a grid drawn as producers draw them: a line per rule, one path of many lines (the
    reader sees MuPDF split it), a heavy 3-pt outer frame, or thin filled rectangles (WPS)."""
    black = (0, 0, 0)
    if pen == "filled_rules":
        for y in ys:
            page.draw_rect(pymupdf.Rect(xs[0], y - 0.4, xs[-1], y + 0.4), color=None, fill=black)
        for x in xs:
            page.draw_rect(pymupdf.Rect(x - 0.4, ys[0], x + 0.4, ys[-1]), color=None, fill=black)
        return
    shape = page.new_shape()
    for y in ys:
        shape.draw_line((xs[0], y), (xs[-1], y))
        if pen != "one_path":
            shape.finish(color=black, width=0.5)
    for x in xs:
        shape.draw_line((x, ys[0]), (x, ys[-1]))
        if pen != "one_path":
            shape.finish(color=black, width=0.5)
    if pen == "one_path":
        shape.finish(color=black, width=0.5)
    if pen == "thick_frame":
        shape.draw_rect(pymupdf.Rect(xs[0], ys[0], xs[-1], ys[-1]))
        shape.finish(color=black, width=3)
    shape.commit()


@pytest.mark.parametrize("pen", _PENS)
def test_ruled_tables_are_read_whatever_pen_drew_the_rules(pen: str) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    xs, rows = _SMALL_TABLE_XS, _SMALL_TABLE
    ys = [100 + 20 * r for r in range(len(rows) + 1)]
    # decoys that are no rules: a white line down the label column and a pale shaded header
    page.draw_rect(pymupdf.Rect(xs[0], ys[0], xs[-1], ys[1]), color=None, fill=(0.9, 0.95, 1))
    page.draw_line((160, ys[0]), (160, ys[-1]), color=(1, 1, 1), width=0.5)
    _draw_grid(page, xs, ys, pen)
    for row, y in zip(rows, ys, strict=False):
        for cell, x in zip(row, xs, strict=False):
            page.insert_text((x + 3, y + 14), cell, fontname=FONT, fontsize=9)
    assert table_texts(doc.tobytes()) == ["\t".join(row) for row in rows]


@pytest.mark.parametrize("name", JIANGSU_PDFS)
def test_prose_pages_still_skip_the_drawings(name: str) -> None:
    with pymupdf.open(CORPUS / "jiangsu" / name) as doc:
        flags = [may_hold_table(page.get_text("words")) for page in doc]
    assert not flags[0] and not flags[-1]  # title page and closing prose: no drawing extraction
    assert sum(flags) >= 2  # the pages of tables 三 and 四


# --------------------------------------------------------------------------- random page breaks


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    version=st.sampled_from(list(FormatVersion)),
    split=st.booleans(),
    rate=st.sampled_from([0.05, 0.15, 0.35]),
    repeat_header=st.booleans(),
    text_in_first_part=st.booleans(),
    rules=st.sampled_from(["full", "full", "columns"]),
    frame=st.booleans(),
)
def test_random_reports_with_page_breaks_at_random_rows_read_back_identical_tables(
    seed: int,
    version: FormatVersion,
    split: bool,
    rate: float,
    repeat_header: bool,
    text_in_first_part: bool,
    rules: str,
    frame: bool,
) -> None:
    rng = random.Random(seed)
    rep = random_report(rng, version=version, split_other=split)
    grids = report_grids(rep)
    breaks = {(t, r) for t, g in grids.items() for r in range(g.header_rows + 1, g.rows) if rng.random() < rate}
    layout = Layout(breaks, repeat_header, text_in_first_part, rules, frame)
    back = read_bytes(draw_report(rep, layout), "broken.pdf")
    assert tables(back) == tables(rep)
    assert all(cell.source is not None and cell.source.page for _, cell in back.iter_cells())
