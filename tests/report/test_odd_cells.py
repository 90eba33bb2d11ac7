"""Generated reports, in every format, with a damaged row label or a count cell that prints no count
(issue 9 §7): the rest is read, the damaged label's row is read or named missing, and each odd cell is an
error that names the cell and quotes what it prints."""

from __future__ import annotations

import io
import random
import re

import pymupdf
import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report import Report, Severity, check, read_bytes, write
from ogi.report._format import CellKind
from ogi.report._generate import random_report
from ogi.report._readers._odd_cells import _PLAIN, _odd
from ogi.report._readers._splits import COUNT_DIGITS, MAX_DIGITS

from .helpers import overprint

ODD = ["-5", "12345678901234567890", "64%", "约30"]
LABEL = "（一）予以公开"


def _report(seed: int = 1) -> Report:
    return random_report(random.Random(seed), version="2021", scale=30)


def _in_markdown(data: bytes, label: str, column: int, printed: str) -> bytes:
    lines = data.decode().split("\n")
    at = next(i for i, line in enumerate(lines) if label in line)
    cells = lines[at].split("|")
    cells[-8 + column] = f" {printed} "  # the row ends with seven value cells and an empty field
    lines[at] = "|".join(cells)
    return "\n".join(lines).encode()


def _in_html(data: bytes, label: str, column: int, printed: str) -> bytes:
    html = data.decode()
    row = next(m for m in re.finditer(r"<tr>.*?</tr>", html, re.S) if label in m.group())
    tds = list(re.finditer(r"<td>(.*?)</td>", row.group()))
    td = tds[-7 + column]
    new_row = row.group()[: td.start(1)] + printed + row.group()[td.end(1) :]
    return (html[: row.start()] + new_row + html[row.end() :]).encode()


def _in_docx(data: bytes, label: str, column: int, printed: str) -> bytes:
    doc = Document(io.BytesIO(data))
    for table in doc.tables:
        for row in table.rows:
            cells = list({id(c._tc): c for c in row.cells}.values())
            if any(label in c.text for c in cells):
                cell = cells[-7 + column]
                cell.paragraphs[0].runs[0].text = printed
                for run in cell.paragraphs[0].runs[1:]:
                    run.text = ""
                out = io.BytesIO()
                doc.save(out)
                return out.getvalue()
    raise AssertionError(f"no row {label}")


def _in_pdf(data: bytes, label: str, column: int, printed: str) -> bytes:
    """The PDF with the value in ``column`` of the row labelled ``label`` replaced (redacted, then printed)."""
    doc = pymupdf.open(stream=data, filetype="pdf")
    for page in doc:
        hits = page.search_for(label)
        if not hits:
            continue
        y = (hits[0].y0 + hits[0].y1) / 2
        words = [w for w in page.get_text("words") if w[1] <= y <= w[3] and w[0] > hits[0].x1 and w[4].isdigit()]
        words = sorted(words, key=lambda w: w[0])
        rect = pymupdf.Rect(words[column][:4])
        pitch = words[1][0] - words[0][0]  # centred numbers: the distance between two columns
        overprint(page, rect, pitch, printed)
        return doc.tobytes()
    raise AssertionError(f"no row {label}")


MUTATE = {"md": _in_markdown, "html": _in_html, "docx": _in_docx, "pdf": _in_pdf}


def _cells_as_generated(read: Report, report: Report, skip: set[str]) -> None:
    for path, cell in report.iter_cells():
        if path not in skip and not read.is_missing(path):
            assert read.value(path) == cell.value, path


@pytest.mark.parametrize("fmt", list(MUTATE))
@pytest.mark.parametrize("column", [0, 6])
@pytest.mark.parametrize("printed", ODD)
def test_a_count_cell_printing_no_count_is_an_error_quoting_it(fmt: str, column: int, printed: str) -> None:
    report = _report()
    data = MUTATE[fmt](write(report, fmt), LABEL, column, printed)
    read = read_bytes(data, f"odd.{fmt}")
    path = f"table3.granted.{['natural_person', 'total'][column // 6]}"
    (finding,) = [f for f in check(read) if f.rule == "cells.unreadable"]
    assert finding.severity is Severity.ERROR and finding.subject == path
    assert f"“{printed}”" in finding.message and "予以公开" in finding.message
    assert read.value(path) is None
    _cells_as_generated(read, report, {path})


@pytest.mark.parametrize("printed", ODD[2:])
def test_an_odd_print_in_a_row_run_together_names_the_row(printed: str) -> None:
    report = _report()
    flat = _in_markdown(write(report, "md"), LABEL, 3, printed).decode().replace("|", " ")
    read = read_bytes(flat.encode(), "flat.txt")
    (finding,) = [f for f in check(read) if f.rule == "cells.unreadable"]
    assert finding.severity is Severity.ERROR and f"“{printed}”" in finding.message
    assert "予以公开" in finding.message


def test_an_odd_table4_cell_is_named() -> None:
    report = _report()
    lines = write(report, "md").decode().split("\n")
    at = max(i for i, line in enumerate(lines) if re.fullmatch(r"\|(\s*\d+\s*\|){15}", line.strip()))
    cells = lines[at].split("|")
    cells[4] = " 64% "
    lines[at] = "|".join(cells)
    read = read_bytes("\n".join(lines).encode(), "t4.md")
    (finding,) = [f for f in check(read) if f.rule == "cells.unreadable"]
    assert finding.subject == "table4.review.pending" and "“64%”" in finding.message
    _cells_as_generated(read, report, {"table4.review.pending"})


def _damaged_label(fmt: str, data: bytes) -> bytes:
    if fmt == "pdf":
        doc = pymupdf.open(stream=data, filetype="pdf")
        for page in doc:
            for rect in page.search_for("予以公开"):
                page.add_redact_annot(rect)
            page.apply_redactions(images=0, graphics=0)
        return doc.tobytes()
    if fmt == "docx":
        doc = Document(io.BytesIO(data))
        for table in doc.tables:
            for cell in {id(c._tc): c for row in table.rows for c in row.cells}.values():
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.text = run.text.replace("予以公开", "")
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
    return data.decode().replace(LABEL, "（一）", 1).encode()


@pytest.mark.parametrize("fmt", list(MUTATE))
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_damaged_granted_label_is_read_or_named_missing(fmt: str, seed: int) -> None:
    report = _report(seed)
    read = read_bytes(_damaged_label(fmt, write(report, fmt)), f"damaged.{fmt}")
    _cells_as_generated(read, report, set())
    if read.is_missing("table3.granted.total"):
        assert any(f.rule == "report.missing" and f.subject == "table3.granted" for f in check(read))
    else:
        assert read.table3["granted"] == report.table3["granted"] or all(
            read.value(f"table3.granted.{c}") == report.value(f"table3.granted.{c}")
            for c in ("natural_person", "total")
        )


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="0123456789 \t|/-—无%约.,+a\u3000", max_size=20))
def test_a_plain_row_has_no_odd_cell(raw) -> None:
    """The shortcut for rows of plain counts and blanks never hides an odd cell."""
    if _PLAIN.fullmatch(raw):
        for kind in CellKind:
            for max_len in (COUNT_DIGITS, MAX_DIGITS):
                assert not any(_odd(piece.strip(), (kind,), max_len) for piece in re.split(r"[\t|]", raw))
