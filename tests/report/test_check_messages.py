"""The wording of findings as a 政务公开 officer reads them: Chinese labels, never codes; short; located."""

from __future__ import annotations

import io
import random
import re
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi import cli
from ogi.report import Cell, Finding, FormatVersion, Report, Severity, Source, check, dumps, read
from ogi.report._format import T3_ALL_ROWS, T3_COLUMNS, T4_COLUMNS, T4_GROUPS
from ogi.report._generate import random_report
from tests.conftest import CORPUS, expected_files, report_file_for

#: what a code looks like: a cell path, a snake_case identifier, a rule id inside the sentence
_CODE = re.compile(r"table[234]\.|[a-z]+_[a-z_]+|\b(?:T3|T4|X)\.[a-z]")
_T3_LABEL = {c.code: c.label for c in T3_COLUMNS}
_T4_COLUMN = {c.code: c.label for c in T4_COLUMNS}
_T4_GROUP = {g.code: g.label for g in T4_GROUPS}
MAX_MESSAGE = 230  # characters: two lines of a terminal at most, the longest label lists included


def _words(f: Finding) -> str:
    """The message without its location (a file name may well be snake_case)."""
    where = f"（位置：{f.source.describe()}）" if f.source else ""
    return f.message.removesuffix(where) if where else f.message


def _corpus_findings() -> list[Finding]:
    findings = []
    for expected in expected_files():
        findings += check(read(report_file_for(expected)))
    return findings


CORPUS_FINDINGS = _corpus_findings()


def _broken(rng: random.Random, data: st.DataObject) -> Report:
    report = random_report(rng)
    paths = [p for p, _ in report.iter_cells() if p.startswith(("table3.", "table4."))]
    for path in data.draw(st.lists(st.sampled_from(paths), min_size=1, max_size=3, unique=True)):
        new = data.draw(st.one_of(st.none(), st.integers(min_value=0, max_value=5_000)))
        report = report.with_cell(path, Cell.of(new) if new is not None else Cell())
    return report


def test_corpus_messages_contain_no_codes_and_fit_a_screen() -> None:
    assert CORPUS_FINDINGS  # the corpus has findings to read
    for f in CORPUS_FINDINGS:
        assert not _CODE.search(_words(f)), f.message
        assert len(_words(f)) <= MAX_MESSAGE, f.message


@settings(max_examples=60, deadline=None)
@given(st.randoms(use_true_random=False), st.data())
def test_broken_report_messages_contain_no_codes(rng: random.Random, data: st.DataObject) -> None:
    findings = check(_broken(rng, data))
    for f in findings:
        assert not _CODE.search(_words(f)), f.message
        assert len(_words(f)) <= MAX_MESSAGE, f.message


@settings(max_examples=60, deadline=None)
@given(st.randoms(use_true_random=False), st.data())
def test_every_arithmetic_message_names_its_rows_and_columns(rng: random.Random, data: st.DataObject) -> None:
    for f in check(_broken(rng, data)):
        if f.rule in ("T3.balance", "T3.outcomes"):
            assert f.message.startswith(f"表三 {_T3_LABEL[f.subject]} 列：")
            assert "（七）总计" in f.message
        if f.rule == "T3.balance":
            assert "一、本年新收" in f.message and "二、上年结转" in f.message
            assert "四、结转下年度继续办理" in f.message
        if f.rule == "T3.outcomes":
            assert "（一）至（六）之和" in f.message
        if f.rule == "T3.applicants":
            assert f.message.startswith(f"表三 {T3_ALL_ROWS[f.subject].full_label} 行：")
            assert "各类申请人之和" in f.message or "空白" in f.message
        if f.rule == "T4.totals":
            assert f.message.startswith(f"表四 {_T4_GROUP[f.subject]}：")
            assert all(label in f.message for code, label in _T4_COLUMN.items() if code != "total")


def test_located_cell_is_quoted_with_its_labels_and_value() -> None:
    report = Report.zero(FormatVersion.V2021, agency="测试局", year=2023)
    for path, value in (("new_received", 3), ("granted", 3), ("total_handled", 3)):
        for col in ("natural_person", "total"):
            report = report.with_cell(f"table3.{path}.{col}", Cell.of(value))
    report = report.with_cell("table3.granted.natural_person", Cell.of(5))
    found = [f for f in check(report) if f.severity is Severity.ERROR]
    assert found and all("可能是“（一）予以公开 / 自然人”填错，应为3" in f.message for f in found)


def test_ambiguous_cells_are_listed_once_with_their_readings() -> None:
    report = Report.zero(FormatVersion.V2021, agency="测试局", year=2023)
    report = report.with_cell("table2.regulations.issued", Cell(candidates=(2, 25, 250, 2501, 25013)))
    (blank,) = [f for f in check(report) if f.rule == "cells.blank"]
    assert blank.message.count("表二") == 1  # the table is named once, not before every cell
    assert "规章 / 本年制发件数（可能为2、25、250、2501 等5种）" in blank.message


def test_blank_table3_names_short_rows_and_counts_open_sums() -> None:
    report = Report.zero(FormatVersion.V2021, agency="测试局", year=2023)
    for col in ("natural_person", "commercial", "research", "nonprofit", "legal_service", "other", "total"):
        report = report.with_cell(f"table3.new_received.{col}", Cell())
    (blank,) = [f for f in check(report) if f.rule == "cells.blank"]
    assert "表三有7个单元格空白" in blank.message and "位于一、本年新收 行的各列" in blank.message
    assert "政府信息公开申请数量" not in blank.message
    # every column's other cells are 0: the blanks can only be 0, and the message says so
    assert "合计均为0，空白处应填0" in blank.message and "无法核对" not in blank.message


def test_blanks_that_could_hold_any_split_leave_sums_open() -> None:
    report = Report.zero(FormatVersion.V2021, agency="测试局", year=2023)
    report = report.with_cell("table4.review.total", Cell.of(3))
    for col in ("upheld", "corrected"):  # 3 = upheld + corrected: which is which is unknown
        report = report.with_cell(f"table4.review.{col}", Cell())
    (blank,) = [f for f in check(report) if f.rule == "cells.blank"]
    assert "因此有1处合计无法核对（行政复议）" in blank.message, blank.message
    assert "空白处应填0" not in blank.message


def test_a_prose_mismatch_quotes_the_sentence_it_read() -> None:
    report = Report.zero(FormatVersion.V2021, agency="测试局", year=2023)
    texts = {n: "有关情况。" for n in "123456"}
    said = "本年度共受理政府信息公开申请17件，均已按时答复。"
    report = replace(report, sections={**texts, "3": f"第一句。{said}第三句。"})
    (finding,) = [f for f in check(report) if f.rule == "text.numbers"]
    assert finding.message.startswith(f"正文“{said}”所述本年新收政府信息公开申请为 17 件")


def test_an_ambiguous_digit_run_is_quoted_with_the_question() -> None:
    report = Report.zero(FormatVersion.V2021, agency="测试局", year=2023)
    for path, candidates in (("issued", (7, 77)), ("repealed", (1, 13)), ("in_force", (0, 70))):
        report = report.with_cell(f"table2.normative_documents.{path}", Cell(raw="77132470", candidates=candidates))
    (finding,) = [f for f in check(report) if f.rule == "cells.blank"]
    assert "行政规范性文件的本年制发件数、本年废止件数、现行有效件数 印作“77132470”，是哪三个数？" in finding.message
    assert "可能为" not in finding.message


# --------------------------------------------------------------------------- logic


def test_prose_agreeing_with_table4_columns_is_not_flagged_when_only_the_total_is_wrong() -> None:
    """平潭 行政审批局 2024: 行政复议 1 件 in the prose and in 结果维持, 总计 0 — one problem, reported once."""
    report = Report.zero(FormatVersion.V2021, agency="测试局", year=2023)
    report = report.with_cell("table4.review.upheld", Cell.of(1))
    texts = {n: "" for n in "123456"}
    said = replace(report, sections={**texts, "4": "本年度发生政府信息公开行政复议1件。"})
    rules = [f.rule for f in check(said)]
    assert "T4.totals" in rules and "text.numbers" not in rules
    wrong = replace(report, sections={**texts, "4": "本年度发生政府信息公开行政复议2件。"})
    assert "text.numbers" in [f.rule for f in check(wrong)]


# --------------------------------------------------------------------------- the command line


BROKEN = CORPUS / "pingtan" / "pingtan_gaj_2021_page.txt"


def test_cli_lines_show_the_rule_id_not_the_subject_code(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["check", "--verbose", str(BROKEN)])
    out = capsys.readouterr().out
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith(("  错误 ", "  提示 "))]
    assert lines
    for line in lines:
        label, _, rest = line.strip().partition("：")
        assert re.fullmatch(r"(错误|提示) [A-Za-z0-9_.]+", label), line
        assert not _CODE.search(rest), line


def test_cli_location_leaves_out_the_file_its_block_names() -> None:
    source = Source(file="/x/a.txt", page=3, line=9)
    finding = Finding("T3.balance", Severity.ERROR, "表三 自然人 列：……（位置：/x/a.txt 第3页 第9行）", source=source)
    line = cli.format_findings([finding], "/x/a.txt")[1]
    assert line == "  错误：表三 自然人 列：……（位置：第3页 第9行）"
    other = cli.format_findings([finding], None)[1]  # a series finding: the file is named
    assert other.endswith("（位置：/x/a.txt 第3页 第9行）") and other.count("位置") == 1


def test_cli_unreadable_file_is_named_once_in_its_block(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    assert cli.main(["check", str(empty)]) == 2
    out, err = capsys.readouterr()
    assert out.count(str(empty)) == 1 and "无法读取：" in out
    assert str(empty) in err


def test_cli_usage_errors_are_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    for args, words in (
        (["check"], "缺少参数"),
        (["parse", "x", "--to", "docx"], "不能取"),
        (["check", "--bogus", "x"], "无法识别的参数"),
    ):
        with pytest.raises(SystemExit) as exit_:
            cli.main(args)
        assert exit_.value.code == 2
        err = capsys.readouterr().err.splitlines()[-1]
        assert err.startswith("ogi：参数错误：") and words in err
        assert not re.search(r"required|invalid|unrecognized|choose from", err)


def test_cli_series_findings_are_headed_by_their_agency(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Two agencies' 2022→2023 carry errors read “[2023年度] …” alike: the agency must head them."""
    paths = []
    for agency in ("甲局", "乙局"):
        first = replace(
            random_report(random.Random(7), version=FormatVersion.V2021, scale=300), agency=agency, year=2022
        )
        second = replace(
            random_report(random.Random(8), version=FormatVersion.V2021, scale=300), agency=agency, year=2023
        )
        for report in (first, second):
            path = tmp_path / f"{agency}{report.year}.json"
            path.write_text(dumps(report), encoding="utf-8")
            paths.append(str(path))
    assert cli.main(["check", "-q", "--series", "--verbose", *paths]) == 1
    series = capsys.readouterr().out.split("== 跨年度校验", 1)[1].split("校验汇总")[0]
    heads = [line for line in series.splitlines() if line.endswith("局：")]
    assert heads == ["乙局：", "甲局："] or heads == ["甲局：", "乙局："]
    first_carry = series.index("X.carry")
    assert series.index(heads[0]) < first_carry < series.index(heads[1])


@pytest.mark.parametrize(
    ("fmt", "where"),
    [
        ("pdf", r"（位置：第1页 第2个表格 第6行 第3列）$"),
        ("html", r"（位置：第2个表格 第6行 第4列）$"),
        ("docx", None),  # where the writer broke table 三 over pages: see below
        ("md", r"（位置：第\d+行）$"),
    ],
)
def test_locations_name_what_the_user_holds(fmt: str, where: str | None) -> None:
    """The page of a PDF, the table and row of HTML/DOCX; a line number only for a text file."""
    from ogi.report import read_bytes, write

    report = Report.zero(FormatVersion.V2021, agency="测试局", year=2023)
    report = report.with_cell("table3.granted.natural_person", Cell.of(5))
    data = write(report, fmt)
    if where is None:  # the DOCX sets table 三 as one table a page: the row's table and row in the file
        tables = docx.Document(io.BytesIO(data)).tables
        table, row = next(
            (t, r)
            for t, table in enumerate(tables, 1)
            for r, tr in enumerate(table.rows, 1)
            if "（一）予以公开" in [c.text for c in tr.cells]
        )
        where = rf"（位置：第{table}个表格 第{row}行 第4列）$"
    back = read_bytes(data, f"r.{fmt}")
    error = next(f for f in check(back) if f.severity is Severity.ERROR)
    line = cli.format_findings([error], f"r.{fmt}")[1]
    assert re.search(where, line), line
