"""One year's State Council holiday notice as data, and the checks every way of reading one shares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

WEEKDAY_NAMES = "一二三四五六日"


class NoticeError(ValueError):
    """A holiday notice that cannot be read; the message is Chinese and names the line when there is one."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        self.reason = message
        super().__init__(f"第{line}行：{message}" if line is not None else message)


@dataclass(frozen=True)
class YearNotice:
    """The working-day changes of one year: weekdays off (放假) and weekend days on (调休上班).

    Weekends that are simply off are not listed: only departures from Monday–Friday are data.
    """

    year: int
    days_off: frozenset[date]
    days_on: frozenset[date]
    title: str = ""


@dataclass(frozen=True)
class Entry:
    """One date a reader found, with where it found it, before the year-wide checks."""

    day: date
    on: bool
    line: int


def describe(day: date) -> str:
    """“2月14日（星期六）”: how messages name a day, with the weekday the reader can check."""
    return f"{day.month}月{day.day}日（星期{WEEKDAY_NAMES[day.weekday()]}）"


def build_notice(year: int, entries: Iterable[Entry], title: str = "") -> YearNotice:
    """Check the dates a reader found against the year and each other, and keep the departures from Mon–Fri."""
    off: dict[date, int] = {}
    on: dict[date, int] = {}
    for entry in entries:
        outside = entry.day.year != year
        if outside and not entry.on and entry.day.weekday() >= 5:
            continue  # “2022年12月31日（周六）至2023年1月2日”: a weekend before the year changes nothing in it
        if outside:
            raise NoticeError(f"{entry.day.isoformat()} 不在{year}年内", entry.line)
        if entry.on:
            if entry.day.weekday() < 5:
                raise NoticeError(f"{describe(entry.day)}本来就是工作日，不能列为调休上班日", entry.line)
            if entry.day in off:
                raise NoticeError(f"{describe(entry.day)}既放假又上班（另见第{off[entry.day]}行）", entry.line)
            on.setdefault(entry.day, entry.line)
        else:
            if entry.day in on:
                raise NoticeError(f"{describe(entry.day)}既放假又上班（另见第{on[entry.day]}行）", entry.line)
            off.setdefault(entry.day, entry.line)
    if not off and not on:
        raise NoticeError(f"没有读到{year}年的任何放假或上班日期")
    weekdays_off = frozenset(day for day in off if day.weekday() < 5)
    return YearNotice(year=year, days_off=weekdays_off, days_on=frozenset(on), title=title)


def format_notice(notice: YearNotice) -> str:
    """The notice in the one-date-a-line form that `parse_notice` reads back to an equal notice (for storage)."""
    lines = [f"# {notice.title}" if notice.title else f"# {notice.year}年"]
    changes = [(day, "休") for day in notice.days_off] + [(day, "班") for day in notice.days_on]
    lines += [f"{day.isoformat()} {kind}" for day, kind in sorted(changes)]
    return "\n".join(lines) + "\n"
