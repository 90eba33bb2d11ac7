"""China's working-day calendar for statutory deadlines: plain Python shared by the CLI and the platform.

No Django here: the platform and the command line both import this package, never the reverse.

    cal = Calendar(loaded_notices)  # chinesecalendar's years, overridden/extended by loaded notices
    cal.add(received, 20).explain()  # 收到 2025-09-26，第20个工作日为 2025-10-30（含调休上班日 09-28、10-11）

A deadline of several segments is composed from `add` (the clock is the case's event log, not this package):
补正 restarts the count, `add(corrected_received, 20, event="补正收到")`; a consultation pauses it, so
`used = cal.workdays_between(received, consultation_sent)` and `add(answer_received, 20 - used, event=...)`;
an extension adds to the current due date, `add(due, 20, event="延期，原期限")`. A count that passes through a
year nobody has loaded is `provisional` (暂定) and must be recomputed when that year's notice is loaded.
"""

from __future__ import annotations

from datetime import date

from ogi.workdays._calendar import Calendar, UnknownYear
from ogi.workdays._deadline import Deadline
from ogi.workdays._notice import NoticeError, YearNotice, format_notice
from ogi.workdays._parse import parse_notice, read_notice

__all__ = [
    "Calendar",
    "Deadline",
    "NoticeError",
    "UnknownYear",
    "YearNotice",
    "format_add",
    "format_notice",
    "parse_notice",
    "read_notice",
]


def format_add(cal: Calendar, start: date, n: int) -> str:
    """What `ogi workdays add DATE N` prints: the due date with its explanation."""
    return cal.add(start, n).explain()
