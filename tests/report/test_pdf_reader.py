"""The PDF reader: corpus PDFs read exactly, rows and cells rebuilt from geometry, bad input refused clearly.

Test PDFs are drawn here with PyMuPDF: ruled tables (``draw_table``) with the built-in CJK font, page
numbers, scanned pages (an image and no text), encryption and broken files.
"""

from __future__ import annotations

import random
import re

import pymupdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report import FormatVersion, InputTooLarge, ReadError, Severity, check, to_dict, write
from ogi.report._format import t3_rows
from ogi.report._generate import random_report
from ogi.report._readers import read_bytes
from ogi.report._readers.pdf._read import MAX_PAGES, pdf_lines

from ..conftest import CORPUS, load_expected

JIANGSU = CORPUS / "jiangsu"
PDFS = sorted(JIANGSU.glob("*.pdf"))
FONT = "china-s"


# --------------------------------------------------------------------------- drawing test PDFs


def draw_table(
    page: pymupdf.Page,
    x: float,
    y: float,
    widths: list[float],
    heights: list[float],
    cells: list[tuple[int, int, int, int, str]],
    *,
    rules: bool = True,
    size: float = 9.0,
) -> None:
    """Draw cells (r0, c0, r1, c1, text) on a grid; text lines split on "\\n", centred vertically."""
    xs = [x]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [y]
    for h in heights:
        ys.append(ys[-1] + h)
    for r0, c0, r1, c1, text in cells:
        box = pymupdf.Rect(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])
        if rules:
            page.draw_rect(box, color=(0, 0, 0), width=0.5)
        lines = text.split("\n") if text else []
        top = (box.y0 + box.y1) / 2 - len(lines) * size * 1.2 / 2
        for i, line in enumerate(lines):
            page.insert_text((box.x0 + 2, top + (i + 1) * size * 1.2 - 2), line, fontname=FONT, fontsize=size)


def page_number(page: pymupdf.Page, text: str) -> None:
    page.insert_text((page.rect.width / 2 - 15, page.rect.height - 40), text, fontname=FONT, fontsize=9)


def pdf_bytes(doc: pymupdf.Document, **save: object) -> bytes:
    data = doc.tobytes(**save)
    doc.close()
    return data


def table_texts(lines: list) -> list[str]:
    return [line.text for line in lines if line.source.table is not None]


def assert_one_line_error(exc: pytest.ExceptionInfo[ReadError], file: str, *fragments: str) -> None:
    message = str(exc.value)
    assert "\n" not in message and message.startswith(file)
    for fragment in fragments:
        assert fragment in message


# --------------------------------------------------------------------------- corpus: lines


def t3_value_rows(lines: list) -> list[list[int]]:
    """Table rows that end in seven numbers (table 三's data rows), as ints."""
    out = []
    for line in lines:
        cells = line.text.split("\t")
        numbers = len(cells) >= 8 and all(c.isdigit() for c in cells[-7:])
        if line.source.table is not None and numbers and not all(c.isdigit() for c in cells):  # not table 四
            out.append([int(c) for c in cells[-7:]])
    return out


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_corpus_table3_rows_come_out_whole_and_in_order(path) -> None:
    expected = load_expected(path.with_name(path.stem + ".expected.json"))
    lines = pdf_lines(path.read_bytes(), path.name)
    split = any(code.startswith("other.") for code in expected["table3"])
    assert t3_value_rows(lines) == [expected["table3"][row.code] for row in t3_rows(split)]
    (t4,) = [line for line in lines if line.text.count("\t") == 14 and all(c.isdigit() for c in line.text.split())]
    assert [int(c) for c in t4.text.split("\t")] == list(expected["table4"].values())


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_corpus_labels_wrapped_vertical_and_split_by_a_page_are_joined(path) -> None:
    texts = table_texts(pdf_lines(path.read_bytes(), path.name))
    firsts = [t.split("\t") for t in texts]
    assert any(row[0] == "三、本年度办理结果" for row in firsts)
    assert any("（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in row for row in firsts)
    assert any("（四）无法提供" in row for row in firsts)
    assert any("5.要求行政机关确认或重新出具已获取信息" in row for row in firsts)
    # no fragment of a split label survives on its own
    assert not any(cell in ("法提供", "计其他情形）", "三", "、") for row in firsts for cell in row)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_corpus_page_numbers_are_dropped_and_lines_name_their_page(path) -> None:
    lines = pdf_lines(path.read_bytes(), path.name)
    assert not any(re.fullmatch(r"[-—\s]*\d+[-—\s]*", line.text) for line in lines)
    assert all(line.source.file == path.name and line.source.page for line in lines)
    pages = {line.source.page for line in lines if line.text.startswith("一、本年新收")}
    assert pages == {3 if path.stem.startswith("hongze") else 4}
    carried = {line.source.page for line in lines if line.text.startswith("四、结转下年度继续办理")}
    assert carried == {4 if path.stem.startswith("hongze") else 5}


def test_corpus_prose_is_joined_into_paragraphs_across_a_page_break() -> None:
    lines = pdf_lines((JIANGSU / "hongze_qu_2024.pdf").read_bytes(), "hongze_qu_2024.pdf")
    prose = [line for line in lines if line.source.table is None]
    (para,) = [line for line in prose if line.text.startswith("针对存在问题")]
    assert "答复书模板，使各行政机关答复的方式" in para.text  # page 4 → page 5
    assert para.source.page == 4
    assert any(line.text == "六、其他需要报告的事项" for line in prose)
    assert any("全年收取政府信息公开信息处理费0元" in line.text for line in prose)


# --------------------------------------------------------------------------- corpus: reports


def report_values(report) -> dict:
    data = to_dict(report)
    return {key: data[key] for key in ("agency", "year", "format", "table2", "table3", "table4")}


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_corpus_pdf_reads_to_exactly_the_expected_cells(path) -> None:
    expected = load_expected(path.with_name(path.stem + ".expected.json"))
    report = read_bytes(path.read_bytes(), path.name)
    got = report_values(report)
    for key in ("format", "table2", "table3", "table4"):
        assert got[key] == expected[key], key
    assert (got["agency"], got["year"]) == (expected["agency"], expected["year"])
    errors = sorted(f.key for f in check(report) if f.severity is Severity.ERROR)
    assert errors == sorted(entry.split(":")[0].strip() for entry in expected["source_checks"])


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_corpus_cells_carry_their_page(path) -> None:
    report = read_bytes(path.read_bytes(), path.name)
    first, last = (3, 4) if path.stem.startswith("hongze") else (4, 5)
    assert report.cell("table3.new_received.natural_person").source.page == first
    assert report.cell("table3.carried_forward.total").source.page == last
    assert report.cell("table3.new_received.total").source.file == path.name
    assert all(cell.source is not None and cell.source.page for _, cell in report.iter_cells())


def test_pdf_saved_with_an_empty_user_password_reads_like_the_original() -> None:
    path = JIANGSU / "hongze_qu_2024.pdf"
    doc = pymupdf.open(path)
    data = pdf_bytes(doc, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", user_pw="")
    assert report_values(read_bytes(data, "locked.pdf")) == report_values(read_bytes(path.read_bytes(), "x.pdf"))


# --------------------------------------------------------------------------- drawn tables

HEADER = [
    (0, 0, 0, 1, "（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）"),
    (0, 2, 0, 3, "申请人情况"),
]


def split_table_pdf(*, rules: bool = True, repeat_header: bool = False) -> bytes:
    """A table 三 fragment over two pages: vertical header, wrapped label, a group label cut by the break."""
    widths, doc = [30, 200, 40, 40], pymupdf.open()
    page = doc.new_page()
    draw_table(
        page,
        72,
        100,
        widths,
        [30, 24, 24, 36, 24],
        [
            *HEADER,
            (1, 0, 1, 1, "一、本年新收政府信息公开申请数量"),
            (1, 2, 1, 2, "95"),
            (1, 3, 1, 3, "0"),
            (2, 0, 4, 0, "三\n、\n本\n年"),
            (2, 1, 2, 1, "（一）予以公开"),
            (2, 2, 2, 2, "50"),
            (2, 3, 2, 3, ""),
            (3, 1, 3, 1, "（二）部分公开（区分处理的，只计这一情形，不\n计其他情形）"),
            (3, 2, 3, 2, "9"),
            (3, 3, 3, 3, "0"),
            (4, 1, 4, 1, "（四）无"),
            (4, 2, 4, 2, "31"),
            (4, 3, 4, 3, "0"),
        ],
        rules=rules,
    )
    page_number(page, "— 1 —")
    page = doc.new_page()
    cells = [(0, 0, 0, 0, ""), (0, 1, 0, 1, "法提供"), (0, 2, 0, 2, "1"), (0, 3, 0, 3, "0")]
    cells += [(1, 0, 1, 1, "四、结转下年度继续办理"), (1, 2, 1, 2, "2"), (1, 3, 1, 3, "3")]
    if repeat_header:
        cells = [*HEADER, *((r0 + 1, c0, r1 + 1, c1, t) for r0, c0, r1, c1, t in cells)]
    draw_table(page, 72, 72, widths, [30] * repeat_header + [24, 24], cells, rules=rules)
    page_number(page, "— 2 —")
    return pdf_bytes(doc)


def test_ruled_table_rows_are_grid_rows_with_merged_cells_at_their_top_left() -> None:
    lines = pdf_lines(split_table_pdf(), "t.pdf")
    assert table_texts(lines) == [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况\t",
        "一、本年新收政府信息公开申请数量\t\t95\t0",
        "三、本年\t（一）予以公开\t50\t",
        "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t9\t0",
        "\t（四）无法提供\t31\t0",
        "\t\t1\t0",
        "四、结转下年度继续办理\t\t2\t3",
    ]
    assert [line.source.page for line in lines] == [1] * 5 + [2] * 2
    assert not any("—" in line.text for line in lines)


def test_repeated_header_on_the_next_page_is_not_taken_for_a_label_fragment() -> None:
    texts = table_texts(pdf_lines(split_table_pdf(repeat_header=True), "t.pdf"))
    assert "\t（四）无\t31\t0" in texts
    assert "\t法提供\t1\t0" in texts
    assert texts.count("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况\t") == 2


def test_unruled_table_rows_keep_label_and_numbers_together() -> None:
    lines = pdf_lines(split_table_pdf(rules=False), "t.pdf")
    texts = [line.text for line in lines]
    assert "一、本年新收政府信息公开申请数量\t95\t0" in texts
    assert "（一）予以公开\t50" in texts
    assert "三、本年" in texts  # the vertical header, joined
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t9\t0" in texts
    assert "四、结转下年度继续办理\t2\t3" in texts
    assert all(line.source.table is None for line in lines)


def test_a_word_running_over_a_cell_border_is_split_at_the_border() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    draw_table(page, 72, 72, [40, 40, 40], [24], [(0, 0, 0, 0, ""), (0, 1, 0, 1, ""), (0, 2, 0, 2, "其他")])
    page.insert_text((88, 90), "审结总计", fontname=FONT, fontsize=10)  # “审结” left, “总计” right of x=112
    assert table_texts(pdf_lines(pdf_bytes(doc), "t.pdf")) == ["审结\t总计\t其他"]


@settings(max_examples=15, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.integers(0, 99999).map(str), st.just("")), min_size=3, max_size=3),
        min_size=1,
        max_size=12,
    ).filter(lambda rows: any(any(row) for row in rows))
)
def test_any_ruled_number_grid_reads_back_cell_for_cell(rows: list[list[str]]) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    cells = [(r, c, r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row)]
    draw_table(page, 72, 72, [60, 60, 60], [20] * len(rows), cells)
    texts = table_texts(pdf_lines(pdf_bytes(doc), "t.pdf"))
    assert texts == ["\t".join(row) for row in rows if any(row)]


# --------------------------------------------------------------------------- bad input


def test_encrypted_pdf_needs_a_password() -> None:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "三、收到和处理政府信息公开申请情况", fontname=FONT)
    data = pdf_bytes(doc, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="owner", user_pw="secret")
    with pytest.raises(ReadError) as exc:
        read_bytes(data, "secret.pdf")
    assert_one_line_error(exc, "secret.pdf", "加密", "密码")


def test_scanned_pdf_without_a_text_layer_is_named_as_such() -> None:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 80), False)
    pix.clear_with(200)
    png = pix.tobytes("png")
    doc = pymupdf.open()
    for _ in range(2):
        doc.new_page().insert_image(pymupdf.Rect(50, 50, 550, 750), stream=png)
    with pytest.raises(ReadError) as exc:
        read_bytes(pdf_bytes(doc), "scan.pdf")
    assert_one_line_error(exc, "scan.pdf", "没有文字层（扫描版PDF），无法读取")


def test_blank_pdf_has_no_text() -> None:
    doc = pymupdf.open()
    doc.new_page()
    with pytest.raises(ReadError) as exc:
        read_bytes(pdf_bytes(doc), "blank.pdf")
    assert_one_line_error(exc, "blank.pdf", "没有文字")


def test_two_thousand_pages_are_refused_by_page_count() -> None:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "一、总体情况", fontname=FONT)
    for _ in range(1999):
        doc.new_page()
    assert doc.page_count == 2000
    with pytest.raises(InputTooLarge) as exc:
        read_bytes(pdf_bytes(doc), "huge.pdf")
    assert_one_line_error(exc, "huge.pdf", "2000 页", f"上限 {MAX_PAGES} 页")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + bytes(range(256)) * 40,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    ],
    ids=["garbage", "no-pages"],
)
def test_corrupt_pdf_is_a_one_line_error(data: bytes) -> None:
    with pytest.raises(ReadError) as exc:
        read_bytes(data, "broken.pdf")
    assert_one_line_error(exc, "broken.pdf")


def test_truncated_pdf_is_a_one_line_error_or_what_could_be_repaired() -> None:
    data = (JIANGSU / "huaian_szf_2024.pdf").read_bytes()
    outcomes = set()
    for cut in (200, len(data) // 3, len(data) // 2, len(data) - 100):
        try:
            lines = pdf_lines(data[:cut], "cut.pdf")
        except ReadError as exc:
            assert "\n" not in str(exc) and str(exc).startswith("cut.pdf")
            outcomes.add("error")
        else:
            assert all(line.source.page for line in lines)
            outcomes.add("lines")
    assert "error" in outcomes


def test_pdf_with_text_but_no_report_tables_says_table3_was_not_found() -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "关于做好2024年度春季防汛工作的通知", fontname=FONT, fontsize=14)
    page.insert_text((72, 100), "各乡镇人民政府、区各部门：现将有关事项通知如下。", fontname=FONT)
    with pytest.raises(ReadError) as exc:
        read_bytes(pdf_bytes(doc), "notice.pdf")
    assert_one_line_error(exc, "notice.pdf", "未找到表三")


def test_text_of_unmapped_glyphs_is_named_as_unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    from ogi.report._lines import Line
    from ogi.report._model import Source
    from ogi.report._readers.pdf import _read as _pdf

    monkeypatch.setattr(_pdf, "pdf_lines", lambda data, file: [Line("\ufffd\ue001\ufffd\ue002 \ufffd", Source(file))])
    with pytest.raises(ReadError) as exc:
        _pdf.read_pdf(b"%PDF-", "glyphs.pdf")
    assert_one_line_error(exc, "glyphs.pdf", "文字无法识别")


# --------------------------------------------------------------------------- round trip through the PDF writer


def tables(report) -> dict:
    data = to_dict(report)
    return {key: data[key] for key in ("format", "table2", "table3", "table4")}


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(list(FormatVersion)), st.booleans())
def test_random_report_written_as_pdf_reads_back_identical_tables(seed: int, version, split: bool) -> None:
    report = random_report(random.Random(seed), version=version, split_other=split)
    back = read_bytes(write(report, "pdf"), "round.pdf")
    assert tables(back) == tables(report)
    assert all(cell.source is not None and cell.source.page for _, cell in back.iter_cells())
