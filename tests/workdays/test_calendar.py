"""The calendar against the statute's worked examples and two independent sources for 2024–2026."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import holidays
import pytest

from ogi.workdays import Calendar, UnknownYear, format_add


def days_of(*years: int) -> list[date]:
    first, last = date(min(years), 1, 1), date(max(years), 12, 31)
    return [first + timedelta(i) for i in range((last - first).days + 1)]


def test_worked_example_national_day_counts_both_makeup_days() -> None:
    deadline = Calendar().add(date(2025, 9, 26), 20)
    assert deadline.due == date(2025, 10, 30)
    assert deadline.makeup_days == (date(2025, 9, 28), date(2025, 10, 11))
    assert not deadline.provisional
    assert deadline.explain() == "收到 2025-09-26，第20个工作日为 2025-10-30（含调休上班日 09-28、10-11）"


def test_worked_example_spring_festival() -> None:
    deadline = Calendar().add(date(2026, 2, 10), 20)
    assert deadline.due == date(2026, 3, 16)
    assert deadline.makeup_days == (date(2026, 2, 14), date(2026, 2, 28))


def test_format_add_is_the_explanation() -> None:
    assert format_add(Calendar(), date(2025, 9, 26), 20) == Calendar().add(date(2025, 9, 26), 20).explain()


def test_explanation_without_makeup_days_has_no_parenthesis() -> None:
    assert Calendar().add(date(2025, 3, 3), 5).explain() == "收到 2025-03-03，第5个工作日为 2025-03-10"


def test_explanation_names_the_start_event() -> None:
    text = Calendar().add(date(2025, 3, 3), 5, event="补正收到").explain()
    assert text.startswith("补正收到 2025-03-03，")


def test_makeup_day_in_the_next_year_is_written_in_full() -> None:
    deadline = Calendar().add(date(2025, 12, 26), 5)  # 2026-01-04 (Sunday) is a make-up working day
    assert deadline.due == date(2026, 1, 5)
    assert deadline.explain().endswith("（含调休上班日 2026-01-04）")


def test_day_of_receipt_is_day_zero() -> None:
    calendar = Calendar()
    assert calendar.add(date(2025, 3, 3), 1).due == date(2025, 3, 4)
    assert calendar.add(date(2025, 3, 8), 1).due == date(2025, 3, 10)  # received on a Saturday
    assert calendar.add(date(2025, 3, 3), 0).due == date(2025, 3, 3)


def test_negative_count_is_refused_in_chinese() -> None:
    with pytest.raises(ValueError, match="不能为负数"):
        Calendar().add(date(2025, 3, 3), -1)


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_workday_agrees_with_python_holidays_every_day(year: int) -> None:
    china = holidays.China(years=year)
    calendar = Calendar()
    differ = [
        day
        for day in days_of(year)
        if calendar.is_workday(day) != ((day.weekday() < 5 and day not in china) or day in china.weekend_workdays)
    ]
    assert differ == []
    assert len(days_of(year)) in (365, 366)


def test_every_day_of_every_package_year_is_chinesecalendars_answer() -> None:
    calendar = Calendar()
    days = days_of(2004, 2026)
    assert [day for day in days if calendar.is_workday(day) != chinese_calendar.is_workday(day)] == []
    assert len(days) > 8000


def test_makeup_days_are_chinesecalendars_weekend_workdays() -> None:
    calendar = Calendar()
    ours = {day for day in days_of(2024, 2025, 2026) if calendar.is_makeup_workday(day)}
    theirs = {day for day in chinese_calendar.get_workdays(date(2024, 1, 1), date(2026, 12, 31)) if day.weekday() >= 5}
    assert ours == theirs
    assert date(2025, 9, 28) in ours
    assert len(ours) == 19


def test_unknown_year_raises_rather_than_guess() -> None:
    calendar = Calendar()
    assert not calendar.knows(2027)
    assert calendar.knows(2004) and calendar.knows(2026)
    with pytest.raises(UnknownYear) as raised:
        calendar.is_workday(date(2027, 3, 1))
    assert raised.value.year == 2027
    assert "2027年" in str(raised.value)
    with pytest.raises(UnknownYear):
        calendar.workdays_between(date(2026, 12, 1), date(2027, 1, 5))
    with pytest.raises(UnknownYear):
        calendar.next_workday(date(2026, 12, 31))


def test_workdays_between_and_next_workday() -> None:
    calendar = Calendar()
    assert calendar.workdays_between(date(2025, 9, 26), date(2025, 10, 30)) == 20
    assert calendar.workdays_between(date(2025, 9, 26), date(2025, 9, 26)) == 0
    assert calendar.workdays_between(date(2025, 10, 30), date(2025, 9, 26)) == 0
    assert calendar.next_workday(date(2025, 9, 30)) == date(2025, 10, 9)
    assert calendar.next_workday(date(2025, 9, 27)) == date(2025, 9, 28)  # the make-up Sunday
