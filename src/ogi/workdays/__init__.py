"""China's working-day calendar for statutory deadlines: plain Python shared by the CLI and the platform.

No Django here: the platform and the command line both import this package, never the reverse.
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
