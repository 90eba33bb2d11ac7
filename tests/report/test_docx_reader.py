from __future__ import annotations

import contextlib
import functools
import io
import os
import random
import struct
import zipfile
import zlib

import docx
import pytest
from bs4 import BeautifulSoup
from docx.oxml import parse_xml
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report import InputTooLarge, ReadError, UnsupportedInput, from_dict
from ogi.report._generate import random_report
from ogi.report._readers import _docx as docx_reader
from ogi.report._readers import read_bytes, sniff
from ogi.report._readers._docx import docx_text, table_grid
from ogi.report._readers._html import html_text
from ogi.report._readers._libreoffice import convert_to_docx
from ogi.report._writers import write

from ..conftest import CORPUS, load_expected

PINGTAN = CORPUS / "pingtan" / "pingtan_2025_tables.html"
CITY = CORPUS / "anonymized" / "anonymized_city_2025.html"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# --------------------------------------------------------------------------- building test documents


@functools.cache
def corpus_docx(path) -> bytes:
    """The corpus page's tables rebuilt as a Word document (built once: python-docx merges are slow)."""
    return build_docx(html_spans(path))


def html_spans(path) -> list[list[list[tuple[str, int, int]]]]:
    """(text, colspan, rowspan) of every cell of every table of an HTML page."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return [
        [
            [(td.get_text(), int(td.get("colspan", 1)), int(td.get("rowspan", 1))) for td in tr.find_all("td")]
            for tr in table.find_all("tr")
        ]
        for table in soup.find_all("table")
    ]


def _positions(rows: list[list[tuple[str, int, int]]]) -> tuple[list[tuple[int, int, int, int, str]], int]:
    taken: set[tuple[int, int]] = set()
    out = []
    for r, cells in enumerate(rows):
        c = 0
        for text, colspan, rowspan in cells:
            while (r, c) in taken:
                c += 1
            out.append((r, c, colspan, rowspan, text))
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            c += colspan
    return out, max(c for _, c in taken) + 1


def build_docx(tables, paragraphs=("测试市2025年政府信息公开工作年度报告",), between="（表格说明）") -> bytes:
    """A DOCX whose tables are merged with Word's own gridSpan/vMerge (python-docx ``merge``)."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for rows in tables:
        cells, width = _positions(rows)
        table = document.add_table(rows=len(rows), cols=width)
        for r, c, colspan, rowspan, text in cells:
            cell = table.cell(r, c)
            if colspan > 1 or rowspan > 1:
                cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
            cell.text = text
        document.add_paragraph(between)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def save(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def tiny_png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b"")
    )


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return buffer.getvalue()


# --------------------------------------------------------------------------- grids


@pytest.mark.parametrize("path", [PINGTAN, CITY], ids=lambda p: p.name)
def test_word_merges_resolve_to_the_same_grids_as_the_html_spans(path) -> None:
    data = corpus_docx(path)
    from_docx = docx_text(data, "report.docx")
    from_html = html_text(path.read_bytes(), path.name)
    assert [grid for _, grid in from_docx.tables] == [grid for _, grid in from_html.tables]
    assert [number for number, _ in from_docx.tables] == [1, 2, 3]
    assert "（表格说明）" in from_docx.prose


def test_merged_header_grid() -> None:
    spans = [
        [("note", 3, 3), ("申请人情况", 7, 1)],
        [("自然人", 1, 2), ("法人或其他组织", 5, 1), ("总计", 1, 2)],
        [(x, 1, 1) for x in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
    ]
    document = docx.Document(io.BytesIO(build_docx([spans], paragraphs=())))
    grid = table_grid(document.tables[0]._tbl)
    assert grid == [
        ["note", "", "", "申请人情况", "", "", "", "", "", ""],
        ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
        ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
    ]


def _tracked_cell_xml(deleted: str, inserted: str) -> str:
    return (
        f"<w:p {W_NS}>"
        f'<w:del w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>{deleted}</w:delText></w:r>'
        f"<w:r><w:t>{deleted}</w:t></w:r></w:del>"
        f'<w:ins w:id="2" w:author="a" w:date="2025-01-01T00:00:00Z"><w:r><w:t>{inserted}</w:t></w:r></w:ins>'
        "</w:p>"
    )


def test_tracked_changes_are_read_as_accepted() -> None:
    document = docx.Document()
    document.add_paragraph("一、总体情况")
    table = document.add_table(rows=3, cols=2)
    for r, (label, value) in enumerate([("行政许可", ""), ("行政处罚", "644"), ("行政强制", "64")]):
        table.cell(r, 0).text = label
        table.cell(r, 1).text = value
    cell = table.cell(0, 1)._tc
    cell.remove(cell.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"))
    cell.append(parse_xml(_tracked_cell_xml("999", "2418")))
    # a whole row deleted with tracked changes is not part of the table
    tr_pr = parse_xml(f'<w:trPr {W_NS}><w:del w:id="3" w:author="a" w:date="2025-01-01T00:00:00Z"/></w:trPr>')
    table.rows[2]._tr.insert(0, tr_pr)
    paragraph = document.add_paragraph("保留的话")
    for change in list(parse_xml(_tracked_cell_xml("删去的话", "新增的话"))):
        paragraph._p.append(change)
    grid = table_grid(table._tbl)
    assert grid == [["行政许可", "2418"], ["行政处罚", "644"]]
    prose = docx_text(save(document), "t.docx").prose
    assert "保留的话新增的话" in prose and not any("删去" in line for line in prose)


def test_grid_before_and_legacy_hmerge() -> None:
    xml = (
        f"<w:tbl {W_NS}><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        "<w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr>"
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr>'
        "<w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc>"
        '<w:tc><w:tcPr><w:hMerge w:val="continue"/></w:tcPr><w:p><w:r><w:t>dd</w:t></w:r></w:p></w:tc></w:tr>'
        '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999"/></w:tcPr><w:p><w:r><w:t>e</w:t></w:r></w:p></w:tc></w:tr>'
        "</w:tbl>"
    )
    grid = table_grid(parse_xml(xml))
    assert grid[0][:3] == ["a", "b", "c"] and grid[1][:3] == ["", "d", ""] and grid[2][0] == "e"
    assert len({len(row) for row in grid}) == 1 and len(grid[0]) <= 101


def test_layout_table_around_the_report_tables_is_not_a_report_table() -> None:
    inner = build_docx(html_spans(CITY), paragraphs=())
    inner_doc = docx.Document(io.BytesIO(inner))
    outer = docx.Document()
    outer.add_paragraph("测试市2025年政府信息公开工作年度报告")
    layout = outer.add_table(rows=1, cols=1)
    cell = layout.cell(0, 0)
    for tbl in inner_doc.tables:
        cell._tc.append(tbl._tbl)
        cell.add_paragraph("")
    doc = docx_text(save(outer), "layout.docx")
    assert [number for number, _ in doc.tables] == [1, 2, 3]
    assert [grid for _, grid in doc.tables] == [grid for _, grid in html_text(CITY.read_bytes(), "c").tables]


def test_lines_carry_table_and_row() -> None:
    doc = docx_text(corpus_docx(PINGTAN), "p.docx")
    line = next(line for line in doc.lines if line.text.startswith("行政许可"))
    assert (line.source.file, line.source.table, line.source.row) == ("p.docx", 1, 7)
    assert line.text.split("\t")[1] == "2418"


# --------------------------------------------------------------------------- refusals


def test_tables_pasted_as_images_are_named_as_such(tmp_path) -> None:
    document = docx.Document()
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"):
        document.add_paragraph(heading)
        document.add_picture(io.BytesIO(tiny_png()))
    with pytest.raises(ReadError, match="图片") as info:
        read_bytes(save(document), "images.docx")
    assert str(info.value).startswith("images.docx")


def test_no_tables_and_no_images() -> None:
    document = docx.Document()
    document.add_paragraph("关于召开会议的通知")
    with pytest.raises(ReadError, match="未找到年度报告的表格"):
        read_bytes(save(document), "notice.docx")


def test_zip_bomb_is_refused_before_decompression() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as member:
            for _ in range(101):
                member.write(b"\0" * (1 << 20))
    with pytest.raises(InputTooLarge, match="压缩炸弹") as info:
        read_bytes(buffer.getvalue(), "bomb.docx")
    assert str(info.value).startswith("bomb.docx")


def test_high_compression_ratio_alone_is_refused() -> None:
    data = zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<a/>" * 2_000_000})
    with pytest.raises(InputTooLarge, match="压缩比"):
        read_bytes(data, "ratio.docx")


def test_declared_size_limit(monkeypatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 1024 * 1024)
    noise = random.Random(1).randbytes(2 * 1024 * 1024)  # incompressible: the ratio check does not fire
    with pytest.raises(InputTooLarge, match="解压后过大"):
        read_bytes(zip_of({"word/document.xml": noise}), "big.docx")


def test_oversized_document_body_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_DOCUMENT_XML", 1024)
    with pytest.raises(InputTooLarge, match="正文过大"):
        read_bytes(corpus_docx(PINGTAN), "long.docx")


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}, "Excel"),
        ({"ppt/presentation.xml": b"<p/>"}, "PowerPoint"),
        ({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<c/>"}, "OpenDocument"),
        ({"photos/a.jpg": b"jpeg", "readme.txt": b"hello"}, "zip 压缩包"),
    ],
)
def test_zips_that_are_not_docx_are_named(members: dict[str, bytes], message: str) -> None:
    data = zip_of(members)
    assert sniff(data, "x.docx") == "docx"
    with pytest.raises(ReadError, match=message) as info:
        read_bytes(data, "x.docx")
    assert "\n" not in str(info.value)


def test_corrupt_docx() -> None:
    good = corpus_docx(PINGTAN)
    with pytest.raises(ReadError, match="损坏"):
        read_bytes(good[: len(good) // 2], "truncated.docx")
    broken_xml = zip_of(
        {name: (b"<w:document><unclosed" if name == "word/document.xml" else body) for name, body in _members(good)}
    )
    with pytest.raises(ReadError, match="损坏"):
        read_bytes(broken_xml, "broken.docx")
    rng = random.Random(7)
    for _ in range(20):  # random byte damage: always a ReadError, never another exception
        damaged = bytearray(good)
        for _ in range(30):
            damaged[rng.randrange(100, len(damaged))] = rng.randrange(256)
        with contextlib.suppress(ReadError):
            read_bytes(bytes(damaged), "damaged.docx")


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(name, zf.read(name)) for name in zf.namelist()]


# --------------------------------------------------------------------------- legacy .doc / .wps


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def test_doc_without_libreoffice_says_so(monkeypatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    assert sniff(OLE, "report.doc") == "doc"
    with pytest.raises(UnsupportedInput, match="LibreOffice") as info:
        read_bytes(OLE, "report.doc")
    assert str(info.value).startswith("report.doc")


def _fake_soffice(tmp_path, body: str):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(0o755)
    return bin_dir


def test_doc_is_converted_by_soffice_when_installed(tmp_path, monkeypatch) -> None:
    converted = tmp_path / "converted.docx"
    converted.write_bytes(corpus_docx(PINGTAN))
    # a stand-in for LibreOffice: writes <outdir>/input.docx, as `soffice --convert-to docx` does
    body = f'while [ "$1" != "--outdir" ]; do shift; done; mkdir -p "$2"; cp "{converted}" "$2/input.docx"\n'
    bin_dir = _fake_soffice(tmp_path, body)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    assert convert_to_docx(OLE, "report.wps") == converted.read_bytes()
    doc = docx_text(convert_to_docx(OLE, "report.doc"), "report.doc")
    assert len(doc.tables) == 3


def test_doc_conversion_timeout_and_failure(tmp_path, monkeypatch) -> None:
    bin_dir = _fake_soffice(tmp_path, "sleep 30\n")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(ReadError, match="超时"):  # the fake soffice sleeps 30 s: only the timeout ends it
        convert_to_docx(OLE, "slow.doc", timeout=0.5)
    (bin_dir / "soffice").write_text("#!/bin/sh\nexit 1\n")
    with pytest.raises(ReadError, match="无法转换"):
        convert_to_docx(OLE, "bad.doc")


# --------------------------------------------------------------------------- whole reports (with the text reader)


@pytest.mark.parametrize("path", [PINGTAN, CITY], ids=lambda p: p.name)
def test_corpus_tables_in_word_read_to_the_expected_cells(path) -> None:
    expected = load_expected(path.with_name(path.name.replace(".html", ".expected.json")))
    report = read_bytes(corpus_docx(path), "report.docx")
    want = from_dict({k: v for k, v in expected.items() if k in ("format", "table2", "table3", "table4")})
    assert {p: c.value for p, c in report.iter_cells()} == {p: c.value for p, c in want.iter_cells()}
    cell = report.cell("table2.licensing.decisions")
    assert (cell.source.file, cell.source.table, cell.source.row, cell.source.column) == ("report.docx", 1, 7, 2)


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 10_000))
def test_round_trip_through_the_docx_writer(seed: int) -> None:
    original = random_report(random.Random(seed))
    back = read_bytes(write(original, "docx"), "round.docx")
    assert back.format is original.format
    assert {p: c.value for p, c in back.iter_cells()} == {p: c.value for p, c in original.iter_cells()}
