"""Nothing unread is published silently: a cell whose number is not known shows as “？①” with a note in
every format, and rendering refuses it unless told; blank and “/” print distinctly and alike everywhere."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pymupdf
import pytest
from docx import Document

from ogi.cli import main
from ogi.report import Cell, FormatVersion, Report, UnresolvedCells, dumps, read_bytes, write

RUN = "77132470"
AMBIGUOUS = "table3.granted.natural_person"
SLASHED = "table3.granted.commercial"
BLANK = "table3.granted.research"


def _report() -> Report:
    return (
        Report.zero(FormatVersion.V2021, agency="测试局", year=2023)
        .with_cell(AMBIGUOUS, Cell(raw=RUN, candidates=(7, 77, 771)))
        .with_cell(SLASHED, Cell(raw="/"))
        .with_cell(BLANK, Cell())
    )


def _text(report: Report, fmt: str) -> str:
    data = write(report, fmt, allow_unresolved=True)
    if fmt == "docx":
        doc = Document(io.BytesIO(data))
        cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
        return "\n".join([*cells, *(p.text for p in doc.paragraphs)])
    if fmt == "pdf":
        with pymupdf.open(stream=data, filetype="pdf") as pdf:
            return "\n".join(page.get_text() for page in pdf)
    return data.decode("utf-8")


def _granted_row(report: Report, fmt: str) -> list[str]:
    """The seven printed values of row （一）予以公开, read back from the document."""
    data = write(report, fmt, allow_unresolved=True)
    if fmt == "docx":
        doc = Document(io.BytesIO(data))
        for row in (row for table in doc.tables for row in table.rows):  # table 三 is one table a page
            texts = [c.text for c in row.cells]
            if "（一）予以公开" in texts:
                return texts[-7:]
    if fmt == "md":
        line = next(ln for ln in data.decode().splitlines() if ln.startswith("| （一）予以公开"))
        return [c.strip() for c in line.strip("|").split("|")][1:]
    if fmt == "html":
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(data, "html.parser")
        th = next(t for t in soup.find_all("th") if t.get_text() == "（一）予以公开")
        return [td.get_text() for td in th.find_parent("tr").find_all("td")]
    raise AssertionError(fmt)


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_an_unresolved_cell_shows_the_same_marker_and_note_in_every_format(fmt: str) -> None:
    text = _text(_report(), fmt)
    assert "？①" in text
    flat = "".join(text.split())
    assert "注①：表三（一）予以公开/自然人：无法确定，原文印作“77132470”，可能为7、77或771" in flat


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_blank_and_slash_print_distinctly_and_alike_in_every_format(fmt: str) -> None:
    assert _granted_row(_report(), fmt) == ["？①", "/", "", "0", "0", "0", "0"]


def test_pdf_prints_the_slash_and_leaves_the_blank_empty() -> None:
    from ogi.report._writers._pdf import render

    _, placed = render(_report())
    shown = {p.cell.path: p.cell.text for p in placed if p.cell.path in (AMBIGUOUS, SLASHED, BLANK)}
    assert shown == {AMBIGUOUS: "？①", SLASHED: "/", BLANK: ""}


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_writing_for_print_or_screen_refuses_unresolved_cells(fmt: str) -> None:
    with pytest.raises(UnresolvedCells) as refused:
        write(_report(), fmt)
    assert len(refused.value.notes) == 1 and RUN in refused.value.notes[0]


def test_json_keeps_the_unresolved_cell_with_its_printed_digits() -> None:
    data = json.loads(write(_report(), "json"))
    assert data["candidates"][AMBIGUOUS] == [7, 77, 771] and data["printed"][AMBIGUOUS] == RUN
    assert data["slashed"] == [SLASHED]
    back = read_bytes(write(_report(), "json"), "r.json")
    assert back.cell(AMBIGUOUS).raw == RUN and back.cell(SLASHED).slashed and not back.cell(BLANK).slashed


def test_render_refuses_listing_the_cells_unless_allowed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "r.json"
    source.write_text(dumps(_report()), encoding="utf-8")
    out = tmp_path / "r.pdf"
    assert main(["render", str(source), "--to", "pdf", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "表三 （一）予以公开 / 自然人" in err and RUN in err and "--allow-unresolved" in err
    assert not out.exists()
    assert main(["render", str(source), "--to", "pdf", "-o", str(out), "--allow-unresolved"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
