"""The simple notice file: one date a line, `2027-02-07 班`, so an administrator can type a year by hand."""

from __future__ import annotations

import re
from datetime import date

from ogi.workdays._notice import Entry, NoticeError

KINDS = {"休": False, "放假": False, "off": False, "班": True, "上班": True, "on": True}
DATE_LINE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})\s*([^\d\s]\S*)")
STARTS_WITH_DATE = re.compile(r"\s*\d{4}-\d{1,2}-\d{1,2}")


def looks_like_date_lines(text: str) -> bool:
    """True when the first line that says anything is a dated line rather than notice prose."""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            return STARTS_WITH_DATE.match(line) is not None
    return False


def read_date_lines(text: str) -> tuple[list[Entry], list[str]]:
    """The dated lines as entries, and the comments (where a title may be)."""
    entries: list[Entry] = []
    comments: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        content, _, comment = raw.partition("#")
        if comment.strip():
            comments.append(comment.strip())
        content = content.strip()
        if not content:
            continue
        match = DATE_LINE.fullmatch(content)
        if match is None:
            raise NoticeError(f"看不懂“{content}”：每行应为“日期 休”或“日期 班”，例如“2027-02-07 班”", number)
        kind = match.group(4)
        if kind.lower() not in KINDS:
            raise NoticeError(f"“{kind}”不是休、班、放假、上班、off 或 on", number)
        year, month, day = (int(match.group(i)) for i in (1, 2, 3))
        try:
            day_ = date(year, month, day)
        except ValueError:
            raise NoticeError(f"没有这一天：{year}-{month:02d}-{day:02d}", number) from None
        entries.append(Entry(day_, KINDS[kind.lower()], number))
    return entries, comments
