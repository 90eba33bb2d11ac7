"""DOCX writer: GB/T 9704 page and fonts, the official merged cells, labels and values in their cells."""

from __future__ import annotations

import io
import itertools
import random
import zipfile
from dataclasses import replace

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from ogi.report._format import (
    SECTIONS,
    T3_APPLICANTS,
    T3_COLUMN_CODES,
    T3_COLUMNS,
    T3_GROUPS,
    T3_HEADER_NOTE,
    T3_LEGAL_PERSONS,
    T3_OUTCOMES_LABEL,
    T4_CELL_CODES,
    T4_COLUMNS,
    T4_GROUPS,
    T4_LITIGATION,
    T4_REVIEW,
    TABLE2,
    FormatVersion,
)
from ogi.report._generate import random_report
from ogi.report._model import Report
from ogi.report._readers import read_bytes
from ogi.report._writers import write
from ogi.report._writers._gongwen import LINE_PITCH

from .helpers import seed_with_sections, tables_of

SEED_SECTIONS = {
    "1": "本年度报告是根据《条例》要求编制而成。\n（一）加强领导，提高认识。成立了专项工作小组。",
    "5": "存在的问题是宣传不够。",
    "6": "本年度未收取信息处理费。",
}


@pytest.fixture(scope="module")
def seed() -> Report:
    return seed_with_sections(SEED_SECTIONS)


def _open(report: Report) -> docx.document.Document:
    return docx.Document(io.BytesIO(write(report, "docx")))


def _text(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def _rows(table: etree._Element) -> list[list[dict]]:
    """Each w:tr as its w:tc cells: text, gridSpan, vMerge ("restart", "continue" or None)."""
    out = []
    for tr in table.iter(qn("w:tr")):
        cells = []
        for tc in tr.findall(qn("w:tc")):
            tcpr = tc.find(qn("w:tcPr"))
            span = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
            vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
            cells.append(
                {
                    "text": _text(tc),
                    "span": int(span.get(qn("w:val"))) if span is not None else 1,
                    "vmerge": None if vmerge is None else (vmerge.get(qn("w:val")) or "continue"),
                }
            )
        out.append(cells)
    return out


def _tables(document: docx.document.Document) -> dict[str, etree._Element]:
    """Tables 二, 三, 四 recognised by their first cell (table 三: its first part)."""
    out = {}
    for tbl in document.element.body.iter(qn("w:tbl")):
        first = _text(next(tbl.iter(qn("w:tc"))))
        if first.startswith("第二十条"):
            out["2"] = tbl
        elif first == T3_HEADER_NOTE:
            out.setdefault("3", tbl)
        elif first == T4_REVIEW:
            out["4"] = tbl
    return out


def _table3_parts(document: docx.document.Document) -> list[etree._Element]:
    """Table 三 as the writer breaks it over pages: one table per page, each with the header rows."""
    return [
        tbl for tbl in document.element.body.iter(qn("w:tbl")) if _text(next(tbl.iter(qn("w:tc")))) == T3_HEADER_NOTE
    ]


def _value(report: Report, path: str) -> str:
    value = report.value(path)
    return "" if value is None else format(value, "f") if not isinstance(value, int) else str(value)


# --------------------------------------------------------------------------- page and fonts


def test_page_is_a4_with_gbt9704_margins(seed: Report) -> None:
    section = _open(seed).sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin)] == [37, 35]
    assert [round(m.mm) for m in (section.left_margin, section.right_margin)] == [28, 26]


def test_title_in_xiaobiaosong_22pt_centred_with_fallback(seed: Report) -> None:
    document = _open(seed)
    title = document.paragraphs[0]
    # too long for one line of 二号: broken where the sense allows, as GB/T 9704 asks
    assert title.text == "东沟乡人民政府\n2023年度政府信息公开工作年度报告"
    style = title.style
    assert style.font.size == Pt(22)
    assert style.paragraph_format.alignment == 1  # centre
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    assert rfonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    table = zipfile.ZipFile(io.BytesIO(write(seed, "docx"))).read("word/fontTable.xml")
    fonts = {
        f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
        for f in etree.fromstring(table).findall(qn("w:font"))
        if f.find(qn("w:altName")) is not None
    }
    assert fonts["方正小标宋简体"] == "宋体"
    assert fonts["仿宋_GB2312"] == "仿宋"


def test_body_fangsong_16pt_fixed_pitch_two_character_indent(seed: Report) -> None:
    document = _open(seed)
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    fmt = normal.paragraph_format
    assert 28 <= fmt.line_spacing.pt <= 29
    assert fmt.line_spacing_rule == 4  # EXACTLY
    ind = normal.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert fmt.first_line_indent == Pt(32)


def test_headings_in_heiti_and_subheadings_in_kaiti(seed: Report) -> None:
    document = _open(seed)
    headings = [p for p in document.paragraphs if p.style.name == "公文一级标题"]
    assert [p.text for p in headings] == [s.heading for s in SECTIONS]
    assert headings[0].style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "黑体"
    (sub,) = [p for p in document.paragraphs if p.text.startswith("（一）加强领导")]
    first, rest = sub.runs
    assert first.text == "（一）加强领导，提高认识。"
    assert first._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "楷体_GB2312"
    assert rest.text == "成立了专项工作小组。"
    assert any(p.text == "本年度未收取信息处理费。" for p in document.paragraphs)


def test_footer_has_page_field_between_dashes_on_odd_and_even_pages(seed: Report) -> None:
    document = _open(seed)
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        (paragraph,) = footer.paragraphs
        xml = paragraph._p
        assert [i.text.strip() for i in xml.iter(qn("w:instrText"))] == ["PAGE"]
        assert [f.get(qn("w:fldCharType")) for f in xml.iter(qn("w:fldChar"))] == ["begin", "separate", "end"]
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert xml.pPr.find(qn("w:jc")).get(qn("w:val")) == side
        assert paragraph.style.font.size == Pt(14)
        assert paragraph.style.element.rPr.find(qn("w:rFonts")).get(qn("w:ascii")) == "宋体"


# --------------------------------------------------------------------------- tables


def test_table3_header_merged_cells(seed: Report) -> None:
    table = _tables(_open(seed))["3"]
    rows = _rows(table)
    assert [c["span"] for c in rows[0]] == [3, 7]
    assert rows[0][0] == {"text": T3_HEADER_NOTE, "span": 3, "vmerge": "restart"}
    assert rows[0][1]["text"] == T3_APPLICANTS
    assert [(c["text"], c["span"], c["vmerge"]) for c in rows[1]] == [
        ("", 3, "continue"),
        (T3_COLUMNS[0].label, 1, "restart"),
        (T3_LEGAL_PERSONS, 5, None),
        (T3_COLUMNS[6].label, 1, "restart"),
    ]
    assert [(c["text"], c["vmerge"]) for c in rows[2]] == [
        ("", "continue"),
        ("", "continue"),
        *((c.label, None) for c in T3_COLUMNS[1:6]),
        ("", "continue"),
    ]
    header_flags = [tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for tr in table.iter(qn("w:tr"))]
    assert header_flags[:3] == [True, True, True]
    assert not any(header_flags[3:])


def _check_table3(report: Report, parts: list[etree._Element]) -> None:
    """The parts' body rows are table 三's rows in order; each part repeats the three header rows and
    starts every merged label it continues afresh, with its text (三、本年度办理结果, （三）不予公开 …)."""
    headers = [_rows(part)[:3] for part in parts]
    assert all(h == headers[0] for h in headers)
    rows, firsts = [], set()
    for part in parts:
        firsts.add(len(rows))
        rows += _rows(part)[3:]
    layout = report.table3_rows
    assert len(rows) == len(layout)
    outcome_rows = [r for r in layout if r.is_outcome or r.code == "total_handled"]
    for i, (tr, row) in enumerate(zip(rows, layout, strict=True)):
        assert sum(c["span"] for c in tr) == 10
        assert [c["text"] for c in tr[-7:]] == [_value(report, f"table3.{row.code}.{c}") for c in T3_COLUMN_CODES]
        assert tr[-8]["text"] == row.label
        if row in outcome_rows:
            first = row is outcome_rows[0] or i in firsts
            assert tr[0]["vmerge"] == ("restart" if first else "continue")
            assert tr[0]["text"] == (T3_OUTCOMES_LABEL if first else "")
        else:
            assert tr[0]["span"] == 3
        if row.group is not None:
            group = tr[1]
            first_of_group = next(r for r in layout if r.group == row.group) is row or i in firsts
            assert group["vmerge"] == ("restart" if first_of_group else "continue")
            assert group["text"] == (row.group.label if first_of_group else "")
        elif row in outcome_rows:
            assert tr[1]["span"] == 2


def _check_table2(report: Report, table: etree._Element) -> None:
    version = report.format
    width = len(table.find(qn("w:tblGrid")).findall(qn("w:gridCol")))
    assert width == (5 if version is FormatVersion.V2019 else 4)
    rows = iter(_rows(table))
    for block in TABLE2[version]:
        caption = next(rows)
        assert caption == [{"text": block.caption, "span": width, "vmerge": None}]
        header = next(rows)
        assert [c["text"] for c in header] == [block.header, *(c.label for c in block.columns)]
        assert sum(c["span"] for c in header) == width
        if version is FormatVersion.V2021 and len(block.columns) == 1:
            assert header[1]["span"] == 3  # （五）（六）（八）: the value cell spans 3 columns
        for row in block.rows:
            cells = next(rows)
            assert cells[0]["text"] == row.label
            assert [c["text"] for c in cells[1:]] == [
                _value(report, f"table2.{row.code}.{col.code}") for col in block.columns
            ]
            assert [c["span"] for c in cells[1:]] == [c["span"] for c in header[1:]]
    assert next(rows, None) is None


def _check_table4(report: Report, table: etree._Element) -> None:
    rows = _rows(table)
    assert [(c["text"], c["span"]) for c in rows[0]] == [(T4_REVIEW, 5), (T4_LITIGATION, 10)]
    assert [c["text"] for c in rows[1]] == [*(c.label for c in T4_COLUMNS), *(g.label for g in T4_GROUPS[1:])]
    assert [c["vmerge"] for c in rows[1][:5]] == ["restart"] * 5
    assert [c["text"] for c in rows[2]] == [""] * 5 + [c.label for c in T4_COLUMNS] * 2
    assert [c["text"] for c in rows[3]] == [_value(report, f"table4.{code}") for code in T4_CELL_CODES]


def _check_all(report: Report) -> None:
    document = _open(report)
    tables = _tables(document)
    assert set(tables) == {"2", "3", "4"}
    _check_table2(report, tables["2"])
    _check_table3(report, _table3_parts(document))
    _check_table4(report, tables["4"])
    for tbl in document.element.body.iter(qn("w:tbl")):  # every row fills the grid exactly: Word rejects ragged rows
        grid = len(tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol")))
        assert all(sum(c["span"] for c in tr) == grid for tr in _rows(tbl))


def test_seed_tables_cell_for_cell(seed: Report) -> None:
    _check_all(seed)


def test_blank_cells_are_empty_not_zero(seed: Report) -> None:
    rows = _rows(_tables(_open(seed))["3"])
    first = rows[3]
    assert seed.value("table3.new_received.natural_person") is None
    assert [c["text"] for c in first[-7:]] == ["", "", "", "", "", "", "0"]


@pytest.mark.parametrize(
    ("version", "split"),
    [
        (FormatVersion.V2021, True),
        (FormatVersion.V2021, False),
        (FormatVersion.V2019, False),
        (FormatVersion.V2019, True),
    ],
)
def test_every_label_of_the_format_is_present(version: FormatVersion, split: bool) -> None:
    report = random_report(random.Random(7), version=version, split_other=split)
    document = _open(report)
    texts = {_text(tc) for tbl in document.element.body.iter(qn("w:tbl")) for tc in tbl.iter(qn("w:tc"))}
    labels = {T3_HEADER_NOTE, T3_APPLICANTS, T3_LEGAL_PERSONS, T3_OUTCOMES_LABEL, T4_REVIEW, T4_LITIGATION}
    labels |= {c.label for c in T3_COLUMNS} | {c.label for c in T4_COLUMNS} | {g.label for g in T4_GROUPS}
    labels |= {r.label for r in report.table3_rows}
    labels |= {g.label for g in T3_GROUPS if any(r.group == g for r in report.table3_rows)}
    for block in TABLE2[version]:
        labels |= {block.caption, block.header, *(c.label for c in block.columns), *(r.label for r in block.rows)}
    assert labels - texts == set()


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 2**32), version=st.sampled_from(list(FormatVersion)), split=st.booleans())
def test_random_reports_cell_for_cell(seed: int, version: FormatVersion, split: bool) -> None:
    _check_all(random_report(random.Random(seed), version=version, split_other=split))


# --------------------------------------------------------------------------- round trip through the DOCX reader


def test_seed_reads_back_the_same(seed: Report) -> None:
    back = read_bytes(write(seed, "docx"), "x.docx")
    assert tables_of(back) == tables_of(seed)


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**32), version=st.sampled_from(list(FormatVersion)), split=st.booleans())
def test_random_reports_read_back_the_same(seed: int, version: FormatVersion, split: bool) -> None:
    report = random_report(random.Random(seed), version=version, split_other=split)
    back = read_bytes(write(report, "docx"), "x.docx")
    assert tables_of(back) == tables_of(report)
    assert dict(back.sections) == dict(report.sections)


def test_line_grid_and_28_characters_a_line(seed: Report) -> None:
    document = _open(seed)
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and int(grid.get(qn("w:linePitch"))) == round(LINE_PITCH * 20)
    spacing = document.styles["Normal"].element.rPr.find(qn("w:spacing"))
    condensed = 16 + int(spacing.get(qn("w:val"))) / 20  # points a character takes
    assert 28 * condensed <= 156 / 25.4 * 72 < 29 * condensed
    for name in ("公文标题", "表格文字"):  # larger or smaller text is not snapped to the body's grid
        style = document.styles[name].element
        assert style.pPr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"
        assert style.rPr.find(qn("w:spacing")).get(qn("w:val")) == "0"


# --------------------------------------------------------------------------- table 三 over pages, padding


def test_cells_are_padded_at_least_1_mm(seed: Report) -> None:
    document = _open(seed)
    tables = _tables(document)
    for key in ("2", "3", "4"):
        margins = tables[key].find(qn("w:tblPr")).find(qn("w:tblCellMar"))
        widths = {side.tag.split("}")[1]: int(side.get(qn("w:w"))) for side in margins}
        assert set(widths) == {"top", "left", "bottom", "right"}
        assert all(w / 20 / 72 * 25.4 >= 1.0 for w in widths.values()), widths
    # table 四's 15 columns still hold two characters of 小四 inside the padding: the table reaches by its
    # padding into the margins (its cell text lines up with the body), no further
    columns = [int(c.get(qn("w:w"))) / 20 for c in tables["4"].find(qn("w:tblGrid"))]
    assert len(columns) == 15 and min(columns) - 2 * 57 / 20 >= 24
    text_width = (210 - 28 - 26) / 25.4 * 72
    assert sum(columns) <= text_width + 2 * 57 / 20 + 0.5
    style = document.styles["表格文字"].paragraph_format
    assert style.line_spacing_rule == 4 and style.line_spacing == Pt(12.6)  # the same row height everywhere


def test_table3_parts_are_parted_by_a_page_break_and_nothing_else(seed: Report) -> None:
    report = replace(seed, sections={k: v * 4 for k, v in SEED_SECTIONS.items()})
    body = list(_open(report).element.body)
    parts = [i for i, el in enumerate(body) if el.tag == qn("w:tbl") and _text(el).startswith(T3_HEADER_NOTE)]
    assert len(parts) >= 2
    for before, after in itertools.pairwise(parts):
        assert after - before == 2  # one paragraph between two parts, or Word would join the tables
        gap = body[before + 1]
        assert _text(gap) == "" and gap.find(qn("w:pPr")).find(qn("w:pageBreakBefore")) is not None
        spacing = gap.find(qn("w:pPr")).find(qn("w:spacing"))
        assert spacing.get(qn("w:lineRule")) == "exact" and int(spacing.get(qn("w:line"))) == 20  # 1 pt high
