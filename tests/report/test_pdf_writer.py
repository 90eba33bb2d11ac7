"""PDF writer: A4, embedded CJK font, every label and value drawn in its cell, page numbers, page breaks."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pymupdf
import pytest
from hypothesis import given, settings

from ogi.report._format import (
    SECTIONS,
    T3_APPLICANTS,
    T3_COLUMNS,
    T3_GROUPS,
    T3_HEADER_NOTE,
    T3_LEGAL_PERSONS,
    T3_OUTCOMES_LABEL,
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
from ogi.report._writers import _pdf_fonts, write
from ogi.report._writers._grid import Role
from ogi.report._writers._pdf import BODY, PlacedCell, render

from .helpers import reports_with_prose, seed_with_sections, tables_of

SEED_SECTIONS = {
    "1": "本年度报告是根据《条例》要求编制而成。" * 12 + "\n（一）加强领导，提高认识。成立了专项工作小组。",
    "2": "本年度主动公开政府信息。" * 20,
    "5": "存在的问题是宣传不够。",
    "6": "本年度未收取信息处理费。",
}
A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def seed() -> Report:
    return seed_with_sections(SEED_SECTIONS)


@pytest.fixture(scope="module")
def seed_pdf(seed: Report) -> tuple[pymupdf.Document, list[PlacedCell]]:
    data, placed = render(seed)
    return pymupdf.open(stream=data, filetype="pdf"), placed


def _flat(text: str) -> str:
    return "".join(text.split())


def _labels(report: Report) -> set[str]:
    labels = {T3_HEADER_NOTE, T3_APPLICANTS, T3_LEGAL_PERSONS, T3_OUTCOMES_LABEL, T4_REVIEW, T4_LITIGATION}
    labels |= {c.label for c in T3_COLUMNS} | {c.label for c in T4_COLUMNS} | {g.label for g in T4_GROUPS}
    labels |= {r.label for r in report.table3_rows}
    labels |= {g.label for g in T3_GROUPS if any(r.group == g for r in report.table3_rows)}
    for block in TABLE2[report.format]:
        labels |= {block.caption, block.header, *(c.label for c in block.columns), *(r.label for r in block.rows)}
    return labels


def _value(report: Report, path: str) -> str:
    value = report.value(path)
    return "" if value is None else str(value) if isinstance(value, int) else format(value, "f")


class _Pages:
    """The characters of each page with their boxes, extracted once (get_textbox per cell is slow)."""

    def __init__(self, doc: pymupdf.Document) -> None:
        self.chars: list[list[tuple[str, float, float]]] = []
        for page in doc:
            chars = []
            for block in page.get_text("rawdict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        for ch in span["chars"]:
                            x0, y0, x1, y1 = ch["bbox"]
                            chars.append((ch["c"], (x0 + x1) / 2, (y0 + y1) / 2))
            self.chars.append(chars)

    def textbox(self, page: int, rect: pymupdf.Rect) -> str:
        """The non-space characters whose centre lies in ``rect``, in drawing order."""
        return "".join(
            c for c, x, y in self.chars[page] if rect.x0 <= x <= rect.x1 and rect.y0 <= y <= rect.y1 and not c.isspace()
        )


def _check(report: Report, doc: pymupdf.Document, placed: list[PlacedCell]) -> None:
    """What a reader of the printed page needs: labels, values in the right rows, fonts, pages."""
    pages = _Pages(doc)
    # every label of the format, wherever it wraps
    text = _flat("".join(page.get_text() for page in doc))
    missing = {label for label in _labels(report) if _flat(label) not in text}
    assert missing == set()

    # every value cell drawn once (plus continuation parts of nothing: values never span pages)
    values = [p for p in placed if p.cell.role is Role.VALUE]
    paths = [p.cell.path for p in values]
    expected_paths = [path for path, _ in report.iter_cells()]
    assert sorted(paths) == sorted(expected_paths)
    labels3 = [q for q in placed if q.table == "3" and q.cell.role is Role.LABEL]
    for p in values:
        assert pages.textbox(p.page, p.rect) == _value(report, p.cell.path or ""), p.cell.path
        if p.table == "3":  # the row label drawn beside it is the label of that very row
            (label,) = [
                q for q in labels3 if q.page == p.page and q.rect.y0 <= (p.rect.y0 + p.rect.y1) / 2 <= q.rect.y1
            ]
            assert label.cell.row == p.cell.row
            assert pages.textbox(label.page, label.rect) == _flat(label.cell.text)

    # no label clipped: the text inside each cell's rectangle is the whole label
    for p in placed:
        if p.with_text and p.cell.role is not Role.VALUE:
            assert pages.textbox(p.page, p.rect) == _flat(p.cell.text), p.cell.text
        assert BODY.x0 - 0.1 <= p.rect.x0 and p.rect.x1 <= BODY.x1 + 0.1
        assert BODY.y0 - 0.1 <= p.rect.y0 and p.rect.y1 <= BODY.y1 + 0.1

    for page in doc:
        assert (round(page.rect.width, 2), round(page.rect.height, 2)) == A4
        # page number “— N —”, and nothing else outside the text block
        outside = [w for w in page.get_text("words") if not pymupdf.Rect(w[:4]).intersects(BODY)]
        assert _flat("".join(w[4] for w in outside)) == f"—{page.number + 1}—"
        # every font embedded (a CID font with a font file), none a base-14 reference
        fonts = page.get_fonts(full=True)
        assert fonts
        for xref, ext, kind, *_ in fonts:
            assert kind == "Type0" and ext in ("ttf", "otf", "cff"), fonts
            assert len(doc.extract_font(xref)[3]) > 1000


def test_seed_report(seed: Report, seed_pdf: tuple[pymupdf.Document, list[PlacedCell]]) -> None:
    doc, placed = seed_pdf
    _check(seed, doc, placed)
    text = _flat("".join(page.get_text() for page in doc))
    assert "东沟乡人民政府2023年度政府信息公开工作年度报告" in text
    for section in SECTIONS:
        assert _flat(section.heading) in text
    assert _flat(SEED_SECTIONS["6"]) in text


def test_blank_cells_are_empty(seed: Report, seed_pdf: tuple[pymupdf.Document, list[PlacedCell]]) -> None:
    doc, placed = seed_pdf
    (cell,) = [p for p in placed if p.cell.path == "table3.new_received.natural_person"]
    assert seed.value("table3.new_received.natural_person") is None
    assert doc[cell.page].get_textbox(cell.rect).strip() == ""


def test_table3_header_repeated_after_page_break(seed_pdf: tuple[pymupdf.Document, list[PlacedCell]]) -> None:
    doc, placed = seed_pdf
    pages = sorted({p.page for p in placed if p.table == "3"})
    assert len(pages) >= 2, "the seed's table 三 is expected to run over a page break"
    for n in pages:
        assert _flat(T3_HEADER_NOTE) in _flat(doc[n].get_text())
        assert _flat(T3_APPLICANTS) in _flat(doc[n].get_text())
        # the outcome label is shown again in its continuation, as real reports do
        outcome = [p for p in placed if p.page == n and p.cell.text == T3_OUTCOMES_LABEL]
        assert outcome and all(p.rect.height > 0 for p in outcome)


def test_title_centred_and_large(seed_pdf: tuple[pymupdf.Document, list[PlacedCell]]) -> None:
    doc, _ = seed_pdf
    spans = [s for b in doc[0].get_text("dict")["blocks"] for line in b.get("lines", []) for s in line["spans"]]
    title = [s for s in spans if s["size"] > 20]
    assert _flat("".join(s["text"] for s in title)) == "东沟乡人民政府2023年度政府信息公开工作年度报告"
    for s in title:
        centre = (s["bbox"][0] + s["bbox"][2]) / 2
        assert abs(centre - (BODY.x0 + BODY.x1) / 2) < 2
    body = [s for s in spans if 15.5 < s["size"] < 16.5]
    assert body, "body text in 三号"


def test_output_is_deterministic(seed: Report) -> None:
    first = write(seed, "pdf")
    _pdf_fonts._subset.cache_clear()  # the font subsets built again, not reused
    assert write(seed, "pdf") == first


def test_pdf_metadata_names_the_report(seed_pdf: tuple[pymupdf.Document, list[PlacedCell]]) -> None:
    doc, _ = seed_pdf
    assert doc.metadata["title"] == "东沟乡人民政府2023年度政府信息公开工作年度报告"
    assert doc.metadata["author"] == "东沟乡人民政府"


@pytest.mark.parametrize(
    ("version", "split"),
    [
        (FormatVersion.V2021, True),
        (FormatVersion.V2021, False),
        (FormatVersion.V2019, False),
        (FormatVersion.V2019, True),
    ],
)
def test_both_formats_and_both_other_layouts(version: FormatVersion, split: bool) -> None:
    report = random_report(random.Random(3), version=version, split_other=split, scale=5000)
    data, placed = render(report)
    _check(report, pymupdf.open(stream=data, filetype="pdf"), placed)


@settings(max_examples=6, deadline=None)
@given(report=reports_with_prose())
def test_random_reports(report: Report) -> None:
    """Random values and prose lengths move the page breaks through every table."""
    data, placed = render(report)
    _check(report, pymupdf.open(stream=data, filetype="pdf"), placed)


def test_wide_numbers_shrink_to_fit_their_cell() -> None:
    report = random_report(random.Random(1), version=FormatVersion.V2021, split_other=True, scale=5000)
    report = report.with_cell(
        "table3.granted.natural_person", replace(report.cell("table3.granted.total"), value=123456789)
    )
    data, placed = render(report)
    doc = pymupdf.open(stream=data, filetype="pdf")
    (cell,) = [p for p in placed if p.cell.path == "table3.granted.natural_person"]
    assert doc[cell.page].get_textbox(cell.rect).strip() == "123456789"


def test_page_numbers_alternate_sides(seed_pdf: tuple[pymupdf.Document, list[PlacedCell]]) -> None:
    doc, _ = seed_pdf
    assert doc.page_count >= 2
    for page in doc:
        words = [w for w in page.get_text("words") if w[1] > BODY.y1]
        assert re.fullmatch(r"—\d+—", _flat("".join(w[4] for w in words)))
        left, right = min(w[0] for w in words), max(w[2] for w in words)
        if (page.number + 1) % 2:
            assert right < BODY.x1 and right > BODY.x1 - 30  # odd: right, one character in
        else:
            assert left > BODY.x0 and left < BODY.x0 + 30  # even: left, one character in


# --------------------------------------------------------------------------- round trip through the PDF reader


def test_seed_reads_back_the_same(seed: Report) -> None:
    back = read_bytes(write(seed, "pdf"), "x.pdf")
    assert tables_of(back) == tables_of(seed)


@settings(max_examples=6, deadline=None)
@given(report=reports_with_prose())
def test_random_reports_read_back_the_same(report: Report) -> None:
    """Page breaks inside the tables (moved by the prose length) must not lose or shift a cell."""
    back = read_bytes(write(report, "pdf"), "x.pdf")
    assert tables_of(back) == tables_of(report)


def test_header_repeated_after_a_full_width_label_row_reads_back() -> None:
    """A page break right after “二、上年结转…” puts the repeated header note under a label of the same
    width: the reader must not take the note for the rest of that label."""
    base = random_report(random.Random(0), version=FormatVersion.V2019, split_other=False)
    for n in range(1, 60):
        report = replace(base, sections={k: v * n for k, v in base.sections.items()})
        data, placed = render(report)
        first_page = min(p.page for p in placed if p.table == "3")
        rows = {p.cell.row for p in placed if p.table == "3" and p.page == first_page and p.cell.path}
        last = max(rows, default=None)
        if last is not None and any(p.cell.path == "table3.carried_over.total" and p.cell.row == last for p in placed):
            break
    else:
        pytest.fail("no prose length breaks table 三 after its 二、 row")
    back = read_bytes(data, "x.pdf")
    assert tables_of(back) == tables_of(report)
