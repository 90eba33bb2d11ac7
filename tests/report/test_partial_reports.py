"""Incomplete reports are read as far as they go (issue 9 §1): every real report cut short at 20 points, and
with random table rows removed, is refused only when nothing of its tables is left; every cell it still has
is read right, and what it lacks is named as missing."""

from __future__ import annotations

import itertools
import json
import random
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from jsonschema import Draft202012Validator

from ogi.cli import main
from ogi.report import ReadError, Report, Severity, check, from_dict, json_schema, read_bytes, to_dict
from ogi.report._format import t3_rows
from ogi.report._lines import text_lines
from ogi.report._readers._anchors import Text, find
from ogi.report._readers._decode import decode_bytes
from ogi.report._readers._table3 import t3_label

from ..conftest import SEED, expected_files, report_file_for

CUTS = 20
EXPECTED = expected_files()
TEXTUAL = [e for e in EXPECTED if report_file_for(e).suffix in (".txt", ".md", ".html")]
PDFS = [e for e in EXPECTED if report_file_for(e).suffix == ".pdf"]


def _id(expected: Path) -> str:
    return expected.name.removesuffix(".expected.json")


def _wrong_cells(report: Report, expected: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """Cells the report has (not reported missing) that differ from the expected file.

    A cell the expected file lists as ambiguous may stay unread; a cell read as ambiguous is right when the
    expected value is among its readings. Table 三's （六） rows count only in the layout the report has: a
    text cut before them does not say whether they are one row or three.
    """
    ambiguous = set(expected.get("ambiguous") or ())
    wrong = []
    for path, cell in from_dict(expected).iter_cells():
        row = path.removeprefix("table3.").rpartition(".")[0]
        if (path.startswith("table3.") and row not in report.table3) or report.is_missing(path):
            continue
        got = report.cell(path)
        if got.ambiguous and (path in ambiguous or cell.value in got.candidates):
            continue
        if path in ambiguous and got.value is None:
            continue
        if got.value is None or cell.value is None:
            if got.value is not cell.value:
                wrong.append((path, got.value, cell.value))
        elif Decimal(str(got.value)) != Decimal(str(cell.value)):
            wrong.append((path, got.value, cell.value))
    return wrong


def _tables_start(text: str, suffix: str) -> int:
    """Where the first report table starts: a cut before it may leave nothing to read."""
    if suffix == ".html":
        return text.index("<table")
    return next(i for i in (text.find("第二十条"), text.find("申请人情况")) if i >= 0)


def _assert_partial(report: Report, expected: dict[str, Any], what: str) -> None:
    wrong = _wrong_cells(report, expected)
    assert not wrong, f"{what}: {wrong[:5]}"
    assert report.complete == (not report.missing)
    errors = {f.subject for f in check(report) if f.rule == "report.missing"}
    assert errors == {part.part for part in report.missing}, what
    assert all(f.severity is Severity.ERROR for f in check(report) if f.rule == "report.missing")


@pytest.mark.parametrize("expected_file", TEXTUAL, ids=_id)
def test_text_reports_cut_at_20_points_keep_every_cell_they_still_have(expected_file: Path) -> None:
    source = report_file_for(expected_file)
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    text = decode_bytes(source.read_bytes(), source.name)
    first = _tables_start(text, source.suffix)
    refused = []
    partial = 0
    for k in range(CUTS):
        cut = first + (len(text) - first) * k // CUTS
        try:
            report = read_bytes(text[:cut].encode(), source.name)
        except ReadError:
            refused.append(k)
            continue
        partial += not report.complete
        _assert_partial(report, expected, f"cut at {cut}")
    assert refused in ([], [0]), f"refused at cuts {refused}"  # only at the very start of the tables
    assert partial >= CUTS // 2  # most cuts fall inside the tables and leave a part missing


@pytest.mark.parametrize("expected_file", PDFS, ids=_id)
def test_pdf_reports_cut_at_20_points_keep_every_cell_they_still_have(expected_file: Path) -> None:
    source = report_file_for(expected_file)
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    with pymupdf.open(source) as doc:
        pages, height = doc.page_count, doc[0].rect.height
    refused = []
    partial = 0
    for k in range(CUTS):
        at = (k + 1) * pages / (CUTS + 1)  # a page and a height on it: delete the rest, blank the page below
        page, y = int(at), (at - int(at)) * height
        with pymupdf.open(source) as doc:
            doc.select(range(page + 1))
            last = doc[page]
            last.add_redact_annot(pymupdf.Rect(0, y, last.rect.width, last.rect.height))
            last.apply_redactions(images=0, graphics=pymupdf.PDF_REDACT_LINE_ART_REMOVE_IF_COVERED)
            data = doc.tobytes()
        try:
            report = read_bytes(data, source.name)
        except ReadError:
            refused.append(k)
            continue
        partial += not report.complete
        _assert_partial(report, expected, f"cut on page {page + 1} at y={y:.0f}")
    tables_page = next(i for i in range(pages) if _page_has_tables(source, i))
    assert all((k + 1) * pages / (CUTS + 1) < tables_page + 1 for k in refused), f"refused at cuts {refused}"
    assert partial > 0


def _page_has_tables(source: Path, page: int) -> bool:
    with pymupdf.open(source) as doc:
        return "第二十条" in doc[page].get_text()


def _row_spans(text: Text) -> dict[str, tuple[int, int]]:
    """Where each table-三 row (label and numbers) stands in ``text``: from its label to the next label."""
    best: list[tuple[str, int]] = []
    for split in (True, False):
        matches, pos = [], 0
        for row in t3_rows(split):
            m = find(text, t3_label(row), pos, len(text))
            if m is not None:
                matches.append((row.code, m.start))
                pos = m.end
        best = max(best, matches, key=len)
    return {code: (start, end) for (code, start), (_, end) in itertools.pairwise(best)}


_TR = re.compile(r"<tr\b.*?</tr>", re.S | re.I)


def _without_rows(source: Path, rng: random.Random) -> tuple[str, list[str]]:
    """The report's text with one to three table-三 rows removed (label and numbers), and their codes."""
    raw = decode_bytes(source.read_bytes(), source.name)
    if source.suffix == ".html":
        rows = {
            code: m.span()
            for m in _TR.finditer(raw)
            for code, label in _ROW_NAMES.items()
            if label in re.sub(r"<[^>]+>|\s", "", m.group())
        }
        text = raw
    else:
        text = Text(text_lines(raw)).text
        rows = _row_spans(Text(text_lines(text)))
    chosen = rng.sample(sorted(rows), rng.randint(1, 3))
    for code in sorted(chosen, key=lambda c: rows[c][0], reverse=True):
        start, end = rows[code]
        text = text[:start] + text[end:]
    return text, chosen


#: Row names unique enough to find a row's <tr> (the full names, without their numbers).
_ROW_NAMES = {row.code: row.name for row in t3_rows(True) if len(row.name) >= 6}


@pytest.mark.parametrize("expected_file", TEXTUAL, ids=_id)
def test_text_reports_with_random_rows_removed_name_them_and_keep_the_rest(expected_file: Path) -> None:
    source = report_file_for(expected_file)
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    rng = random.Random(expected_file.name)
    for attempt in range(5):
        text, removed = _without_rows(source, rng)
        report = read_bytes(text.encode(), source.name)
        _assert_partial(report, expected, f"without {removed}")
        assert all(_lacks(report, code) for code in removed), (attempt, removed)


def _lacks(report: Report, code: str) -> bool:
    """The report names the row missing (a single （六） row: the layout it assumes when none is printed)."""
    rows = (
        [code]
        if code != "other" or "other" in report.table3
        else [r.code for r in t3_rows(True) if r.code.startswith("other.")]
    )
    return all(report.is_missing(f"table3.{row}.total") for row in rows)


def test_partial_report_json_lists_what_is_missing_and_follows_the_schema() -> None:
    source = report_file_for(EXPECTED[0])
    text = decode_bytes(source.read_bytes(), source.name)
    report = read_bytes(text[: text.index("（四）") if "（四）" in text else len(text) // 2].encode(), "cut.txt")
    data = to_dict(report)
    assert data["complete"] is False and data["missing"]
    assert {m["part"] for m in data["missing"]} == {part.part for part in report.missing}
    assert all(m["label"] and m["reason"] for m in data["missing"])
    Draft202012Validator(json_schema()).validate(json.loads(json.dumps(data, default=str)))
    again = from_dict(data)
    assert [part.part for part in again.missing] == [part.part for part in report.missing]
    # where each part was looked for survives the round trip, and the messages still say it
    described = [replace(part.source, file=None).describe() if part.source else "" for part in report.missing]
    assert any(described)
    assert [part.source.describe() if part.source else "" for part in again.missing] == described
    messages = {f.message for f in check(again)}
    assert all(any(f"（位置：{d}）" in m for m in messages) for d in described if d)
    assert "complete" not in to_dict(read_bytes(source.read_bytes(), source.name))


def test_cli_parses_a_cut_report_to_json_and_check_exits_1_naming_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SEED.read_text(encoding="utf-8")
    cut = tmp_path / "截断.txt"
    cut.write_text(text[: text.index("2. 重复申请")], encoding="utf-8")
    assert main(["parse", str(cut), "--to", "json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["complete"] is False and data["missing"][-1]["part"] == "table4"
    assert "报告不完整，缺少表三“（五）不予处理 2.重复申请”一行" in err and "等 10 处" in err
    assert main(["check", str(cut)]) == 1
    out, _ = capsys.readouterr()
    assert "缺少表三“（五）不予处理 2.重复申请”一行" in out and "缺少表四" in out
    assert main(["check", str(tmp_path / "截断.txt"), "--json"]) == 1
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["files"][0]["findings"]}
    assert "report.missing" in rules


def test_render_refuses_a_partial_report_unless_allowed() -> None:
    """§3: nothing unread is published silently — a missing row or table is listed like an ambiguous cell."""
    from ogi.report import UnresolvedCells, write
    from ogi.report._generate import random_report

    report = random_report(random.Random(7))
    text = write(report, "md").decode()
    cut = text[: text.index("（五）")]
    partial = read_bytes(cut.encode(), "cut.md")
    assert not partial.complete
    with pytest.raises(UnresolvedCells) as info:
        write(partial, "html")
    assert any("未读到" in note for note in info.value.notes)
    assert write(partial, "html", allow_unresolved=True)
    assert write(partial, "json")


@pytest.mark.parametrize(
    "where",
    ["第10行", "第3页", "第3页 第9行", "第2个表格 第5行", "第2个表格 第5行 第3列", "第12页 第1个表格 第4行"],
)
def test_a_missing_parts_where_reads_back_to_the_same_location(where: str) -> None:
    data = {"part": "table4", "label": "表四", "reason": "未找到", "where": where}
    report = read_bytes(SEED.read_bytes(), SEED.name)
    payload = to_dict(report) | {"complete": False, "missing": [data]}
    (part,) = from_dict(payload).missing
    assert part.source is not None and part.source.describe() == where
