"""A count into a year nobody has announced is 暂定; loading the year's notice makes it exact."""

from __future__ import annotations

from datetime import date

from ogi.workdays import Calendar, parse_notice

# Made up for the test (the real 2027 notice was not in chinesecalendar 1.11): 元旦 Fri 1 Jan to Sun 3 Jan, and
# a long weekend with Saturday 9 Jan worked.
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、测试：1月4日（周一）至8日（周五）放假调休，共5天。1月9日（周六）上班。
"""


def test_count_into_2027_is_provisional_and_says_so() -> None:
    deadline = Calendar().add(date(2026, 12, 21), 10)
    assert deadline.provisional
    assert deadline.unknown_years == (2027,)
    assert deadline.due == date(2027, 1, 4)  # Mon–Fri only: 12-22..12-25, 12-28..12-31, 01-01, 01-04
    assert deadline.explain() == "收到 2026-12-21，第10个工作日为 2027-01-04（暂定：2027年节假日安排尚未公布）"


def test_loading_2027_makes_the_same_count_exact() -> None:
    calendar = Calendar([parse_notice(NOTICE_2027)])
    assert calendar.knows(2027)
    deadline = calendar.add(date(2026, 12, 21), 10)
    assert not deadline.provisional
    assert deadline.unknown_years == ()
    # 12-22..12-25, 12-28..12-31 are eight days; 01-01..01-08 off; 01-09 (Saturday) and 01-11 complete ten.
    assert deadline.due == date(2027, 1, 11)
    assert deadline.makeup_days == (date(2027, 1, 9),)
    assert deadline.explain() == "收到 2026-12-21，第10个工作日为 2027-01-11（含调休上班日 2027-01-09）"


def test_count_that_stays_in_known_years_is_not_provisional() -> None:
    assert not Calendar().add(date(2026, 11, 2), 20).provisional


def test_provisional_explanation_with_makeup_days_keeps_both_notes() -> None:
    deadline = Calendar().add(date(2026, 9, 30), 70)  # passes 10-10 (make-up Saturday) and reaches 2027
    assert deadline.provisional
    assert deadline.explain().endswith("（含调休上班日 10-10；暂定：2027年节假日安排尚未公布）")


def test_loaded_notice_overrides_the_package_for_its_year() -> None:
    corrected = parse_notice("# 更正\n2025-09-29 休\n", year=2025)
    calendar = Calendar([corrected])
    assert not calendar.is_workday(date(2025, 9, 29))
    assert not calendar.is_workday(date(2025, 9, 28))  # the package's make-up Sunday is not in the corrected year
    assert Calendar().is_workday(date(2025, 9, 28))
