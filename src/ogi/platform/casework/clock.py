"""Working-day deadlines of a case: counted on the official calendar, paused and restarted as the statute says.

The day an act happens is day 0; the first counted day is the next working day (民法典 Art. 201). Days inside a
pause (consultation of a third party or another agency, waiting for a fee) are not counted: a pause covers the
days after it started up to and including the day it ended. A day in a year nobody has published (or loaded)
counts as a working day when it is Monday to Friday, and the result is marked provisional (暂定), never passed off
as exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ogi.workdays import Calendar, UnknownYear


@dataclass(frozen=True)
class Pause:
    start: date
    end: date | None  # None: still running
    reason: str

    def covers(self, day: date) -> bool:
        return self.start < day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Due:
    """A deadline with everything needed to explain it."""

    start: date
    start_label: str  # "收到", "补正后收到", "发出"
    days: int
    due: date
    provisional: bool = False
    unknown_years: tuple[int, ...] = ()
    makeup_days: tuple[date, ...] = ()
    paused_days: int = 0
    extension: int = 0

    def _short(self, day: date) -> str:
        """MM-DD within the start's year; the whole date once the count has crossed into another year."""
        return day.strftime("%m-%d") if day.year == self.start.year else day.isoformat()

    def explain(self) -> str:
        text = f"{self.start_label} {self.start.isoformat()}"
        if self.extension:
            text += f"，延期{self.extension}个工作日"
        text += f"，第{self.days}个工作日为 {self.due.isoformat()}"
        notes = []
        if self.makeup_days:
            notes.append("含调休上班日 " + "、".join(self._short(d) for d in self.makeup_days))
        if self.paused_days:
            notes.append(f"征求意见、缴费期间暂停计时{self.paused_days}个工作日")
        if notes:
            text += "（" + "；".join(notes) + "）"
        if self.provisional:
            years = "、".join(f"{y}年" for y in self.unknown_years)
            text += f"（暂定：{years}节假日安排尚未公布，暂按周一至周五计）"
        return text


@dataclass
class _Walk:
    calendar: Calendar
    unknown: set[int] = field(default_factory=set)

    def is_workday(self, day: date) -> bool:
        try:
            return self.calendar.is_workday(day)
        except UnknownYear:
            self.unknown.add(day.year)
            return day.weekday() < 5

    def is_makeup(self, day: date) -> bool:
        try:
            return self.calendar.is_makeup_workday(day)
        except UnknownYear:
            return False


def count_forward(
    calendar: Calendar,
    start: date,
    days: int,
    *,
    start_label: str = "收到",
    pauses: Sequence[Pause] = (),
    extension: int = 0,
) -> Due:
    """The ``days``-th working day after ``start``, skipping paused days (every pause must be closed)."""
    if any(p.end is None for p in pauses):
        raise ValueError("an open pause has no end: the deadline is not known yet")
    walk = _Walk(calendar)
    day, counted, paused = start, 0, 0
    makeup: list[date] = []
    while counted < days:
        day += timedelta(days=1)
        if not walk.is_workday(day):
            continue
        if any(p.covers(day) for p in pauses):
            paused += 1
            continue
        counted += 1
        if walk.is_makeup(day):
            makeup.append(day)
    return Due(
        start=start,
        start_label=start_label,
        days=days,
        due=day,
        provisional=bool(walk.unknown),
        unknown_years=tuple(sorted(walk.unknown)),
        makeup_days=tuple(makeup),
        paused_days=paused,
        extension=extension,
    )


def count_between(calendar: Calendar, start: date, end: date, *, pauses: Sequence[Pause] = ()) -> int:
    """Working days in (start, end] outside the pauses: how much of a period has been used."""
    walk = _Walk(calendar)
    used, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if walk.is_workday(day) and not any(p.covers(day) for p in pauses):
            used += 1
    return used
