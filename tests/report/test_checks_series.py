"""The across-year checks of consistency-checks.md §2."""

from __future__ import annotations

import random
from dataclasses import replace

from ogi.report import Cell, FormatVersion, Report, Severity, check_series
from ogi.report._checks._series import similarity
from ogi.report._format import T3_COLUMN_CODES
from ogi.report._generate import random_report

V2021, V2019 = FormatVersion.V2021, FormatVersion.V2019
AGENCY = "测试县人民政府办公室"


def _carrying(year: int, carried: int, forward: int, fmt: FormatVersion = V2021, agency: str = AGENCY) -> Report:
    """A consistent report whose natural persons carry ``carried`` in and ``forward`` out."""
    report = Report.zero(fmt, agency=agency, year=year)
    values = {
        "carried_over": carried,
        "new_received": forward,
        "granted": carried,
        "total_handled": carried,
        "carried_forward": forward,
    }
    for row, v in values.items():
        for col in ("natural_person", "total"):
            report = report.with_cell(f"table3.{row}.{col}", Cell.of(v))
    return report


def test_carry_over_mismatch_is_an_error_per_column() -> None:
    found = check_series([_carrying(2022, 0, 3), _carrying(2023, 2, 0)])
    assert [f.key for f in found] == ["X.carry natural_person", "X.carry total"]
    first = found[0]
    assert first.severity is Severity.ERROR
    assert first.year == 2023
    assert first.suggestion == {"table3.carried_over.natural_person": 3}
    assert "2022年度报告" in first.message and "2023年度报告" in first.message
    assert "自然人" in first.message and "3" in first.message and "2" in first.message


def test_carry_over_consistent_across_format_break() -> None:
    assert check_series([_carrying(2020, 0, 3, V2019), _carrying(2021, 3, 0)]) == []


def test_only_consecutive_years_of_one_agency_are_compared() -> None:
    assert check_series([_carrying(2021, 0, 3), _carrying(2023, 2, 0)]) == []
    assert check_series([_carrying(2022, 0, 3), _carrying(2023, 2, 0, agency="另一个局")]) == []


def test_input_order_does_not_matter() -> None:
    reports = [_carrying(2024, 1, 0), _carrying(2022, 0, 3), _carrying(2023, 2, 1)]
    found = check_series(reports)
    assert found == check_series(list(reversed(reports)))
    assert [f.year for f in found] == sorted(f.year for f in found)
    assert {f.year for f in found} == {2023}  # 2023 → 2024 carries 1 = 1


def _table2(report: Report, **values: int) -> Report:
    for code, v in values.items():
        report = report.with_cell(f"table2.{code.replace('__', '.')}", Cell.of(v))
    return report


def test_in_force_documents_2021() -> None:
    before = _table2(Report.zero(V2021, agency=AGENCY, year=2022), normative_documents__in_force=100)
    after = _table2(
        Report.zero(V2021, agency=AGENCY, year=2023),
        normative_documents__issued=10,
        normative_documents__repealed=4,
        normative_documents__in_force=106,
    )
    assert check_series([before, after]) == []
    after = _table2(after, normative_documents__in_force=120)
    (f,) = check_series([before, after])
    assert f.key == "X.in_force normative_documents" and f.severity is Severity.WARNING
    assert "行政规范性文件" in f.message and "106" in f.message and "120" in f.message


def test_table2_is_not_compared_across_the_format_break() -> None:
    before = _table2(Report.zero(V2019, agency=AGENCY, year=2020), licensing__last_year_items=50)
    after = _table2(Report.zero(V2021, agency=AGENCY, year=2021), normative_documents__in_force=9)
    assert check_series([before, after]) == []


def test_items_2019() -> None:
    before = _table2(Report.zero(V2019, agency=AGENCY, year=2019), licensing__last_year_items=50, licensing__change=-3)
    after = _table2(Report.zero(V2019, agency=AGENCY, year=2020), licensing__last_year_items=47)
    assert check_series([before, after]) == []
    (f,) = check_series([before, _table2(after, licensing__last_year_items=52)])
    assert f.key == "X.items_2019 licensing" and f.severity is Severity.WARNING and f.year == 2020


_OVERVIEW = (
    "{y}年，本机关坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
    "围绕中心工作，不断加大主动公开力度，全年主动公开政府信息{n}条，依法做好依申请公开工作，"
    "加强政府信息管理和平台建设，完善监督保障机制，政府信息公开工作取得新成效。"
)


def _with_overview(year: int, text: str) -> Report:
    return replace(Report.zero(V2021, agency=AGENCY, year=year), sections={"1": text, "5": "五、存在的主要问题\n无"})


def test_copied_overview_is_flagged() -> None:
    before = _with_overview(2022, _OVERVIEW.format(y=2022, n=1234))
    after = _with_overview(2023, _OVERVIEW.format(y=2023, n=987))
    (f,) = check_series([before, after])
    assert f.key == "X.copied 1" and f.severity is Severity.WARNING and f.year == 2023
    assert "%" in f.message and "总体情况" in f.message


def test_rewritten_overview_is_not_flagged() -> None:
    before = _with_overview(2022, _OVERVIEW.format(y=2022, n=1234))
    fresh = (
        "2023年，我局聚焦优化营商环境，围绕重点领域信息公开、政策解读回应、依申请公开答复质量提升、"
        "政务新媒体规范管理等方面开展工作，编制并更新政府信息公开指南和目录，组织业务培训三次。"
    )
    assert check_series([before, _with_overview(2023, fresh)]) == []


def test_similarity_is_bounded_and_linear_on_long_texts() -> None:
    rng = random.Random(7)
    old = "".join(rng.choice("政府信息公开工作年度报告依申请主动") for _ in range(200_000))
    assert 0.0 <= similarity(old, old[:100_000]) <= 1.0
    assert similarity(old, old) == 1.0
    assert similarity("", "") == 0.0


def test_random_series_of_valid_reports_with_matching_carry_over_has_no_error() -> None:
    rng = random.Random(3)
    reports = []
    for year in (2021, 2022, 2023):
        report = replace(random_report(rng, version=V2021), agency=AGENCY, year=year)
        if reports:
            for col, cell in zip(T3_COLUMN_CODES, reports[-1].table3["carried_forward"], strict=True):
                report = report.with_cell(f"table3.carried_over.{col}", cell)
        reports.append(report)
    assert not [f for f in check_series(reports) if f.severity is Severity.ERROR]
