"""Table 二 cells that print no value of their kind (issue 9 §7), in every input format.

A count cell printing “64%”, “约30”, “-5” or twenty digits is an error naming 表二, its row and column and
quoting the text, the cell blank and the rest read; 本年增/减 (2019) keeps its sign, amounts their unit,
blank markers stay blanks; and no report the writers make out of valid figures has an odd cell.
"""

from __future__ import annotations

import io
import itertools
import random
import re
from decimal import Decimal

import pymupdf
import pytest
from docx import Document

from ogi.report import CellKind, Report, Severity, check, read_bytes, write
from ogi.report._generate import random_report
from ogi.report._readers._splits import field_value
from ogi.report.format import TABLE2, FormatVersion, table2_cell_kind, table2_labels

from .helpers import overprint

ODD = ["64%", "约30", "-5", "12345678901234567890"]


def _report(version: str, seed: int = 1) -> Report:
    return random_report(random.Random(seed), version=version, scale=30)


def _column(version: str, code: str) -> int:
    """The place of a table 二 cell's column among its row's value cells."""
    row, _, col = code.partition(".")
    block = next(b for b in TABLE2[FormatVersion(version)] if any(r.code == row for r in b.rows))
    return [c.code for c in block.columns].index(col)


def _in_markdown(data: bytes, label: str, column: int, printed: str) -> bytes:
    lines = data.decode().split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f"| {label} |"))
    cells = lines[at].split("|")
    cells[2 + column] = f" {printed} "  # an empty field before the separator, then the label
    lines[at] = "|".join(cells)
    return "\n".join(lines).encode()


def _in_html(data: bytes, label: str, column: int, printed: str) -> bytes:
    html = data.decode()
    row = next(m for m in re.finditer(r"<tr[^>]*>.*?</tr>", html, re.S) if f">{label}</th>" in m.group())
    td = list(re.finditer(r"<td[^>]*>(.*?)</td>", row.group()))[column]
    new_row = row.group()[: td.start(1)] + printed + row.group()[td.end(1) :]
    return (html[: row.start()] + new_row + html[row.end() :]).encode()


def _in_docx(data: bytes, label: str, column: int, printed: str) -> bytes:
    doc = Document(io.BytesIO(data))
    for table in doc.tables:
        for row in table.rows:
            cells = list({id(c._tc): c for c in row.cells}.values())
            if cells[0].text.strip() == label:
                cell = cells[1 + column]
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
        for hit in page.search_for(label):
            y = (hit.y0 + hit.y1) / 2
            words = [w for w in page.get_text("words") if w[1] <= y <= w[3] and w[0] > hit.x1]
            words = sorted((w for w in words if re.fullmatch(r"-?[\d.]+", w[4])), key=lambda w: w[0])
            if len(words) < 2:
                continue
            rect = pymupdf.Rect(words[column][:4])
            pitch = min(b[0] - a[0] for a, b in itertools.pairwise(words))
            overprint(page, rect, pitch, printed)
            return doc.tobytes()
    raise AssertionError(f"no row {label}")


MUTATE = {"md": _in_markdown, "html": _in_html, "docx": _in_docx, "pdf": _in_pdf}


def _cells_as_generated(read: Report, report: Report, skip: set[str]) -> None:
    for path, cell in report.iter_cells():
        if path not in skip:
            assert read.value(path) == cell.value, path


def _unreadable(read: Report) -> list:
    return [f for f in check(read) if f.rule == "cells.unreadable"]


@pytest.mark.parametrize("fmt", list(MUTATE))
@pytest.mark.parametrize("printed", ODD)
@pytest.mark.parametrize(
    ("version", "code"),
    [("2021", "regulations.issued"), ("2021", "normative_documents.in_force"), ("2019", "licensing.decisions")],
)
def test_a_table2_cell_printing_no_value_is_an_error_naming_it(fmt: str, printed: str, version: str, code: str) -> None:
    report = _report(version)
    row_label, col_label = table2_labels(FormatVersion(version), code)
    data = MUTATE[fmt](write(report, fmt), row_label, _column(version, code), printed)
    read = read_bytes(data, f"odd.{fmt}")
    (finding,) = _unreadable(read)
    path = f"table2.{code}"
    assert finding.severity is Severity.ERROR and finding.subject == path and finding.cells == (path,)
    assert f"表二 {row_label} / {col_label}" in finding.message and f"“{printed}”" in finding.message
    assert "不是件数" in finding.message
    assert read.value(path) is None
    _cells_as_generated(read, report, {path})


@pytest.mark.parametrize("fmt", list(MUTATE))
@pytest.mark.parametrize("printed", ["-3", "+4", "0"])
def test_the_2019_signed_change_column_keeps_its_sign(fmt: str, printed: str) -> None:
    report = _report("2019")
    read = read_bytes(MUTATE[fmt](write(report, fmt), "行政许可", 1, printed), f"signed.{fmt}")
    assert _unreadable(read) == []
    assert read.value("table2.licensing.change") == int(printed)
    _cells_as_generated(read, report, {"table2.licensing.change"})


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize(("printed", "problem"), [("约3", "不是增减数"), ("3%", "不是增减数")])
def test_an_odd_change_in_2019_is_named_as_a_change(fmt: str, printed: str, problem: str) -> None:
    report = _report("2019")
    read = read_bytes(MUTATE[fmt](write(report, fmt), "行政许可", 1, printed), f"signed.{fmt}")
    (finding,) = _unreadable(read)
    assert finding.subject == "table2.licensing.change" and problem in finding.message
    assert f"“{printed}”" in finding.message and "本年增/减" in finding.message


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize(
    ("version", "label", "code", "printed", "value"),
    [
        ("2021", "行政事业性收费", "fees.amount", "12.5%", None),
        ("2021", "行政事业性收费", "fees.amount", "-1.5", None),
        ("2021", "行政事业性收费", "fees.amount", "1,234.56", "1234.56"),
        ("2019", "政府集中采购", "procurement.amount", "394432.52元", "394432.52"),
        ("2019", "政府集中采购", "procurement.amount", "约39万元", None),
    ],
)
def test_amounts_take_decimals_and_units_but_no_sign_or_percentage(
    fmt: str, version: str, label: str, code: str, printed: str, value: str | None
) -> None:
    report = _report(version)
    data = MUTATE[fmt](write(report, fmt), label, _column(version, code), printed)
    read = read_bytes(data, f"amount.{fmt}")
    found = _unreadable(read)
    if value is None:
        (finding,) = found
        assert finding.subject == f"table2.{code}" and "不是金额" in finding.message and printed in finding.message
        assert read.value(f"table2.{code}") is None
    else:
        assert found == [] and str(read.value(f"table2.{code}")) == value
    _cells_as_generated(read, report, {f"table2.{code}"})


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize("printed", ["无", "/", "—", "-", "／"])
def test_blank_markers_in_table2_stay_blanks(fmt: str, printed: str) -> None:
    report = _report("2021")
    read = read_bytes(MUTATE[fmt](write(report, fmt), "规章", 1, printed), f"blank.{fmt}")
    assert _unreadable(read) == []
    assert read.value("table2.regulations.repealed") is None
    _cells_as_generated(read, report, {"table2.regulations.repealed"})


@pytest.mark.parametrize("printed", ["64%", "约30"])
def test_an_odd_print_in_a_table2_row_run_together_names_the_row(printed: str) -> None:
    report = _report("2021")
    flat = _in_markdown(write(report, "md"), "规章", 1, printed).decode().replace("|", " ")
    read = read_bytes(flat.encode(), "flat.txt")
    (finding,) = _unreadable(read)
    assert finding.severity is Severity.ERROR and finding.subject == "table2.regulations"
    assert "表二“规章”一行" in finding.message and f"“{printed}”" in finding.message


def _flat(data: bytes) -> bytes:
    """A web capture of the Markdown: the grid gone, each row's cells run together with spaces."""
    return re.sub(r"\|?-{3,}\|?", "", data.decode()).replace("|", " ").encode()


def _run_together(data: bytes) -> bytes:
    """A web capture with no space at all between cells (the 平潭 pages): “行政许可13-87”."""
    return re.sub(r"\s*\|\s*", "", re.sub(r"\|(?:---\|)+", "", data.decode())).encode()


RENDER = {
    "md": lambda r: write(r, "md"),
    "txt": lambda r: write(r, "md"),
    "flat.txt": lambda r: _flat(write(r, "md")),
    "run.txt": lambda r: _run_together(write(r, "md")),
    "html": lambda r: write(r, "html"),
    "docx": lambda r: write(r, "docx"),
    "pdf": lambda r: write(r, "pdf"),
}


@pytest.mark.parametrize("fmt", list(RENDER))
@pytest.mark.parametrize("version", ["2019", "2021"])
def test_no_valid_report_has_an_odd_cell(fmt: str, version: str) -> None:
    rng = random.Random(f"odd-{version}-{fmt}")
    for _ in range(6):
        report = random_report(rng, version=version, scale=rng.choice([3, 30, 300, 5000]))
        read = read_bytes(RENDER[fmt](report), f"valid.{fmt}")
        assert read.unreadable == {} and _unreadable(read) == []
        if fmt in ("md", "txt", "html", "docx", "pdf"):  # a grid: every table 二 cell read as written
            for code in report.table2:
                assert read.value(f"table2.{code}") == report.value(f"table2.{code}"), (version, code)


def test_the_flattened_2019_reports_above_print_negative_changes() -> None:
    """The valid flattened 2019 reports print negative 本年增/减 values, so that test pins they are no odd cells."""
    rng = random.Random("odd-2019-flat.txt")
    reports = [random_report(rng, version="2019", scale=rng.choice([3, 30, 300, 5000])) for _ in range(6)]
    changes = [c.value for r in reports for code, c in r.table2.items() if code.endswith(".change")]
    assert any(v is not None and v < 0 for v in changes)
    assert table2_cell_kind(FormatVersion.V2019, "licensing.change") is CellKind.SIGNED


@pytest.mark.parametrize(
    ("printed", "kind", "value"),
    [
        ("1,234", "count", 1234),
        ("１２件", "count", 12),
        ("12.00", "count", 12),
        ("+7", "count", 7),
        ("12.5", "count", None),
        ("-5", "count", None),
        ("12元", "count", None),
        ("-3", "signed", -3),
        ("＋4", "signed", 4),
        ("27.77万元", "money_wan", Decimal("27.77")),
        ("394432.52 元", "amount", Decimal("394432.52")),
        ("-1.5", "amount", None),
        ("3项", "amount", None),
        ("64%", "count", None),
        ("约30", "signed", None),
        ("1234567890123", "count", None),
    ],
)
def test_a_field_is_read_by_its_kind(printed: str, kind: str, value: object) -> None:
    assert field_value(printed, CellKind(kind)) == value


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize(("version", "label"), [("2021", "规章"), ("2019", "规章"), ("2019", "行政许可")])
def test_a_cell_with_words_after_its_number_is_no_odd_cell(fmt: str, version: str, label: str) -> None:
    """“22（其中修订16件）”: a count with a gloss, as 上海 prints it, is no error (whatever the reader makes of it)."""
    report = _report(version)
    read = read_bytes(MUTATE[fmt](write(report, fmt), label, 0, "22（其中修订16件）"), f"gloss.{fmt}")
    assert _unreadable(read) == []
