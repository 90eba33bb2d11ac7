"""Scoring a reading against expected values, and finding report files in a folder."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report import Cell, FormatVersion, Report, compare, evaluate_file, evaluation_pairs, report_files, to_dict
from ogi.report._evaluate import expected_cells, load_expected
from ogi.report._generate import random_report


def _expected(report: Report, **extra: object) -> dict:
    data = json.loads(json.dumps(to_dict(report)), parse_float=Decimal)
    return {**data, "notes": "ignored", "source": {"file": "x"}, "source_checks": [], **extra}


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), version=st.sampled_from(list(FormatVersion)), split=st.booleans())
def test_a_report_matches_its_own_values(seed: int, version: FormatVersion, split: bool) -> None:
    report = random_report(random.Random(seed), version=version, split_other=split)
    result = compare(report, _expected(report))
    assert result.cells == len(list(report.iter_cells())) and result.correct == result.cells
    assert result.passed and result.accuracy == 1.0


def test_numbers_compare_exactly_as_decimals() -> None:
    report = Report.zero(FormatVersion.V2021).with_cell("table2.fees.amount", Cell.of(Decimal("7730.28")))
    assert compare(report, _expected(report, table2={"fees.amount": Decimal("7730.28")})).passed
    assert compare(report, _expected(report, table2={"fees.amount": 7730.28})).passed  # a float in plain JSON
    wrong = compare(report, _expected(report, table2={"fees.amount": Decimal("7730.3")}))
    assert [(w.path, w.expected, w.got) for w in wrong.wrong] == [
        ("table2.fees.amount", Decimal("7730.3"), Decimal("7730.28"))
    ]
    whole = Report.zero(FormatVersion.V2021).with_cell("table2.fees.amount", Cell.of(Decimal("5.00")))
    assert compare(whole, _expected(whole, table2={"fees.amount": 5})).passed


def test_blank_is_not_zero() -> None:
    report = Report.zero(FormatVersion.V2021).with_cell("table4.review.total", Cell())
    expected = _expected(Report.zero(FormatVersion.V2021))
    result = compare(report, expected)
    assert [(w.path, w.expected, w.got) for w in result.wrong] == [("table4.review.total", 0, None)]
    assert result.correct == result.cells - 1 and not result.passed


def test_ambiguous_cells_count_only_where_expected() -> None:
    report = Report.zero(FormatVersion.V2021).with_cell("table2.regulations.issued", Cell(candidates=(1, 10)))
    expected = _expected(Report.zero(FormatVersion.V2021))
    assert compare(report, {**expected, "ambiguous": ["table2.regulations.issued"]}).passed
    result = compare(report, expected)
    (wrong,) = result.wrong
    assert wrong.path == "table2.regulations.issued" and "1、10" in wrong.note


def test_a_cell_the_reader_did_not_produce_is_wrong() -> None:
    single = Report.zero(FormatVersion.V2021, split_other=False)
    expected = _expected(Report.zero(FormatVersion.V2021, split_other=True))
    result = compare(single, expected)
    missing = {w.path.rpartition(".")[0] for w in result.wrong}
    assert missing == {"table3.other.no_correction", "table3.other.unpaid_fee", "table3.other.other"}
    assert all(w.note == "缺失" for w in result.wrong) and len(result.wrong) == 21


def test_check_errors_are_compared_by_key() -> None:
    report = Report.zero(FormatVersion.V2021).with_cell("table4.review.upheld", Cell.of(2))
    result = compare(report, _expected(report, source_checks=["T4.totals review: 2+0+0+0 ≠ 0"]))
    assert result.checks_match and result.passed
    result = compare(report, _expected(report))
    assert result.unexpected_checks == ("T4.totals review",) and not result.passed
    clean = Report.zero(FormatVersion.V2021)
    result = compare(clean, _expected(clean, source_checks=["T3.balance total: x"]))
    assert result.missing_checks == ("T3.balance total",) and result.correct == result.cells


def test_unreadable_file_scores_zero(tmp_path: Path) -> None:
    (tmp_path / "r.json").write_text("{", encoding="utf-8")
    (tmp_path / "r.expected.json").write_text(json.dumps(to_dict(Report.zero("2021"))), encoding="utf-8")
    result = evaluate_file(tmp_path / "r.json", tmp_path / "r.expected.json")
    assert result.error and "r.json" in result.error
    assert result.correct == 0 and result.cells == len(expected_cells(load_expected(tmp_path / "r.expected.json")))
    assert result.accuracy == 0.0 and not result.passed


def test_folder_walker_finds_reports_and_their_expected_files(tmp_path: Path) -> None:
    for name in (
        "a/x.txt",
        "a/x.expected.json",
        "b/y.pdf",
        "b/deep/z.html",
        "README.md",
        "notes.csv",
        ".git/config.json",
        "s/report.schema.json",
        "LICENSE.txt",
        "r.json",
    ):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in report_files(tmp_path)]
    assert found == ["a/x.txt", "b/deep/z.html", "b/y.pdf", "r.json"]
    assert [(r.name, e.name) for r, e in evaluation_pairs(tmp_path)] == [("x.txt", "x.expected.json")]
