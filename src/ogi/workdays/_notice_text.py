"""The State Council notice as published (“二、春节：2月15日（…）至23日（…）放假调休，共9天。2月14日（周六）…上班。”).

The text is read as a stream of dates, “至”, “放假”, “上班” and “共N天”: the dates before “放假” are off (a
range takes every day between), the dates before “上班” are make-up working days. A weekday written beside a
date and a “共N天” are checked against the calendar, so a mistyped date is caught rather than loaded.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from ogi.workdays._notice import WEEKDAY_NAMES, Entry, NoticeError, describe

TITLE = re.compile(r"(\d{4})\s*年\s*(?:部分)?节假日安排")
TOKEN = re.compile(
    r"(?P<paren>\([^()]*\))"
    r"|(?P<date>(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日)"
    r"|(?P<range>至)"
    r"|(?P<off>放假)"
    r"|(?P<on>上班)"
    r"|(?P<count>(?P<n>\d+)\s*天)"
    r"|(?P<end>[。;]|\n[ \t]*\n)"
)
WEEKDAY_IN_PAREN = re.compile(r"(?:周|星期)([一二三四五六日天])")


@dataclass
class _Span:
    """A single date or a range “A至B”, as written, with the line it starts on."""

    first: date
    last: date
    line: int
    year_written: bool

    def days(self) -> list[date]:
        return [self.first + timedelta(i) for i in range((self.last - self.first).days + 1)]


def find_title(text: str) -> tuple[int | None, str]:
    """The year and title line of “国务院办公厅关于2027年部分节假日安排的通知”, when the text has one."""
    for raw in unicodedata.normalize("NFKC", text).splitlines():
        match = TITLE.search(raw)
        if match:
            return int(match.group(1)), raw.strip()
    return None, ""


class _Reader:
    """Walks the tokens of one notice, collecting spans until a keyword says what they are."""

    def __init__(self, text: str, year: int) -> None:
        self.text = unicodedata.normalize("NFKC", text)
        self.year = year
        self.entries: list[Entry] = []
        self.spans: list[_Span] = []
        self.open_range = False
        self.last_date: date | None = None
        self.last_kind = ""
        self.counted: list[_Span] | None = None  # the spans just set off, until their “共N天” is checked
        self.newlines = [i for i, char in enumerate(self.text) if char == "\n"]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_left(self.newlines, offset) + 1

    def read(self) -> list[Entry]:
        for match in TOKEN.finditer(self.text):
            kind = match.lastgroup or ""  # the outer group closes last, so this is never an inner one
            getattr(self, f"_on_{kind}")(match, self.line_of(match.start()))
            if kind != "paren":
                self.last_kind = kind
        self._end_clause(len(self.newlines) + 1)
        return self.entries

    def _on_paren(self, match: re.Match[str], line: int) -> None:
        weekday = WEEKDAY_IN_PAREN.search(match.group())
        if self.last_kind != "date" or weekday is None or self.last_date is None:
            return
        written = "日" if weekday.group(1) == "天" else weekday.group(1)
        if WEEKDAY_NAMES[self.last_date.weekday()] != written:
            raise NoticeError(f"{describe(self.last_date)}，通知写的是“周{written}”", line)

    def _on_date(self, match: re.Match[str], line: int) -> None:
        previous = self.last_date if self.spans else None
        year = int(match.group("y")) if match.group("y") else (previous.year if previous else self.year)
        if match.group("m"):
            month = int(match.group("m"))
        elif previous is not None:
            month = previous.month
        else:
            raise NoticeError(f"“{match.group('date')}”没有写月份", line)
        try:
            day = date(year, month, int(match.group("d")))
        except ValueError:
            raise NoticeError(f"没有这一天：{year}年{month}月{match.group('d')}日", line) from None
        self.last_date = day
        if self.open_range:
            span = self.spans[-1]
            if day <= span.first:
                raise NoticeError(f"“至”后的{describe(day)}不晚于{describe(span.first)}", line)
            span.last = day
            self.open_range = False
        else:
            self.spans.append(_Span(day, day, line, match.group("y") is not None))
        self.counted = None

    def _on_range(self, match: re.Match[str], line: int) -> None:
        if self.last_kind == "date" and self.spans:  # elsewhere “至” is prose, not a range
            self.open_range = True

    def _on_off(self, match: re.Match[str], line: int) -> None:
        self._assign(on=False, line=line)

    def _on_on(self, match: re.Match[str], line: int) -> None:
        self._assign(on=True, line=line)

    def _assign(self, *, on: bool, line: int) -> None:
        if self.open_range:
            raise NoticeError("“至”后面缺少日期", line)
        if not self.spans:  # “放假调休日期的具体安排” in the preamble: a keyword with no dates says nothing
            return
        for span in self.spans:
            self.entries += [Entry(day, on, span.line) for day in span.days()]
        self.counted = None if on else self.spans
        self.spans = []

    def _on_count(self, match: re.Match[str], line: int) -> None:
        if self.counted is None:
            return
        spans = self.counted
        total = sum(len(span.days()) for span in spans)
        written = int(match.group("n"))
        if total != written:
            first, last = spans[0].first, spans[-1].last
            raise NoticeError(f"{describe(first)}至{describe(last)}共{total}天，通知写的是“{written}天”", spans[0].line)
        self.counted = None

    def _on_end(self, match: re.Match[str], line: int) -> None:
        self._end_clause(line)

    def _end_clause(self, line: int) -> None:
        if self.open_range:
            raise NoticeError("“至”后面缺少日期", line)
        # A date written with its year and followed by neither keyword is the notice's own date (落款).
        leftover = [span for span in self.spans if not span.year_written]
        if leftover:
            raise NoticeError(f"{describe(leftover[0].first)}后面没有“放假”或“上班”，不知道是哪一种", leftover[0].line)
        self.spans = []
        self.counted = None
        self.last_kind = "end"


def read_notice_text(text: str, year: int) -> list[Entry]:
    """Every date the notice sets off or on, with its line; raises NoticeError on what it cannot read."""
    return _Reader(text, year).read()
