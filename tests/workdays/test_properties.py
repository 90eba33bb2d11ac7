"""Properties of counting that must hold on any date: the count and its inverse agree, the due day works."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.workdays import Calendar, YearNotice, format_notice, parse_notice

from .test_unknown_years import NOTICE_2027

KNOWN = Calendar()
WITH_2027 = Calendar([parse_notice(NOTICE_2027)])

# Starts whose counts of up to 60 working days stay inside years the calendar knows.
starts = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 9, 30))
starts_into_2027 = st.dates(min_value=date(2026, 10, 1), max_value=date(2027, 6, 30))
counts = st.integers(min_value=1, max_value=60)


@settings(deadline=None)  # no timed assertions: a first call reads a chinesecalendar year
@given(starts, counts)
def test_count_and_its_inverse_agree(start: date, n: int) -> None:
    deadline = KNOWN.add(start, n)
    assert KNOWN.workdays_between(start, deadline.due) == n
    assert KNOWN.is_workday(deadline.due)
    assert not deadline.provisional


@settings(deadline=None)  # no timed assertions: a first call reads a chinesecalendar year
@given(starts_into_2027, counts)
def test_count_and_its_inverse_agree_with_a_loaded_year(start: date, n: int) -> None:
    deadline = WITH_2027.add(start, n)
    assert WITH_2027.workdays_between(start, deadline.due) == n
    assert WITH_2027.is_workday(deadline.due)
    assert not deadline.provisional


@settings(deadline=None)  # no timed assertions: a first call reads a chinesecalendar year
@given(starts, counts)
def test_more_days_never_come_sooner(start: date, n: int) -> None:
    assert KNOWN.add(start, n).due < KNOWN.add(start, n + 1).due
    assert KNOWN.add(start, n + 1).due == KNOWN.next_workday(KNOWN.add(start, n).due)


@settings(deadline=None)  # no timed assertions: a first call reads a chinesecalendar year
@given(starts, counts)
def test_makeup_days_are_the_weekend_days_counted(start: date, n: int) -> None:
    deadline = KNOWN.add(start, n)
    assert all(start < day <= deadline.due and KNOWN.is_makeup_workday(day) for day in deadline.makeup_days)
    assert list(deadline.makeup_days) == sorted(set(deadline.makeup_days))


@settings(deadline=None)  # no timed assertions: a first call reads a chinesecalendar year
@given(starts_into_2027, counts)
def test_unknown_year_counts_only_weekdays_and_says_so(start: date, n: int) -> None:
    deadline = KNOWN.add(start, n)
    assert deadline.provisional == (deadline.due.year == 2027)
    if deadline.provisional:
        assert deadline.unknown_years == (2027,)
        assert deadline.due.weekday() < 5
        assert "暂定：2027年节假日安排尚未公布" in deadline.explain()


@st.composite
def notices(draw: st.DrawFn) -> YearNotice:
    year = draw(st.integers(min_value=2027, max_value=2040))
    days = st.dates(min_value=date(year, 1, 1), max_value=date(year, 12, 31))
    off = draw(st.frozensets(days.filter(lambda day: day.weekday() < 5), min_size=1, max_size=30))
    on = draw(st.frozensets(days.filter(lambda day: day.weekday() >= 5), max_size=8))
    return YearNotice(year, off, on, draw(st.sampled_from(["", f"国务院办公厅关于{year}年部分节假日安排的通知"])))


@settings(deadline=None)  # no timed assertions: a first call reads a chinesecalendar year
@given(notices())
def test_a_stored_notice_reads_back_equal(notice: YearNotice) -> None:
    assert parse_notice(format_notice(notice)) == notice
    calendar = Calendar([notice])
    assert all(not calendar.is_workday(day) for day in notice.days_off)
    assert all(calendar.is_makeup_workday(day) for day in notice.days_on)
