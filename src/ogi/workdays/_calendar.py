"""The working-day calendar: chinesecalendar's years, overridden or extended by notices an administrator loads."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, timedelta

import chinese_calendar

from ogi.workdays._deadline import Deadline
from ogi.workdays._notice import YearNotice


class UnknownYear(LookupError):
    """A year whose holiday notice neither chinesecalendar nor a loaded notice knows: nothing is guessed."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(f"不知道{year}年的节假日安排：该年的国务院办公厅通知尚未载入")


@functools.cache
def _package_notice(year: int) -> YearNotice | None:
    """chinesecalendar's year as a notice, read once: its per-day lookups are slow, set lookups are not."""
    first = date(year, 1, 1)
    try:
        chinese_calendar.is_workday(first)
    except NotImplementedError:
        return None
    days = [first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days)]
    working = {day: bool(chinese_calendar.is_workday(day)) for day in days}
    return YearNotice(
        year=year,
        days_off=frozenset(day for day in days if day.weekday() < 5 and not working[day]),
        days_on=frozenset(day for day in days if day.weekday() >= 5 and working[day]),
        title=f"chinesecalendar {year}",
    )


def _works(notice: YearNotice, day: date) -> bool:
    return day in notice.days_on or (day.weekday() < 5 and day not in notice.days_off)


class Calendar:
    """Answers “is this a working day?” on China's official calendar, 调休 make-up days included."""

    def __init__(self, notices: Iterable[YearNotice] = ()) -> None:
        self._notices = {notice.year: notice for notice in notices}

    def _year(self, year: int) -> YearNotice | None:
        notice = self._notices.get(year)
        return notice if notice is not None else _package_notice(year)

    def knows(self, year: int) -> bool:
        """Whether the year's notice is known, so that its days are facts rather than Mon–Fri guesses."""
        return self._year(year) is not None

    def is_workday(self, d: date) -> bool:
        """Whether `d` is a working day; raises UnknownYear for a year nobody knows."""
        notice = self._year(d.year)
        if notice is None:
            raise UnknownYear(d.year)
        return _works(notice, d)

    def is_makeup_workday(self, d: date) -> bool:
        """A Saturday or Sunday that is a working day (调休上班)."""
        return d.weekday() >= 5 and self.is_workday(d)

    def add(self, start: date, n: int, *, event: str = "收到") -> Deadline:
        """The n-th working day after `start` (day 0, 民法典 Art. 201); days of unknown years count Mon–Fri, 暂定."""
        if n < 0:
            raise ValueError(f"工作日数不能为负数：{n}")
        day, counted = start, 0
        makeup: list[date] = []
        unknown: list[int] = []
        while counted < n:
            day += timedelta(days=1)
            notice = self._year(day.year)
            if notice is not None:
                if not _works(notice, day):
                    continue
                if day.weekday() >= 5:
                    makeup.append(day)
            else:
                if day.year not in unknown:
                    unknown.append(day.year)
                if day.weekday() >= 5:
                    continue
            counted += 1
        return Deadline(
            start=start,
            days=n,
            due=day,
            provisional=bool(unknown),
            makeup_days=tuple(makeup),
            unknown_years=tuple(unknown),
            event=event,
        )

    def workdays_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: 0 when end is not after start; raises UnknownYear rather than guess."""
        count, day = 0, start
        while day < end:
            day += timedelta(days=1)
            count += self.is_workday(day)
        return count

    def next_workday(self, d: date) -> date:
        """The first working day after `d`; raises UnknownYear rather than guess."""
        day = d + timedelta(days=1)
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day
