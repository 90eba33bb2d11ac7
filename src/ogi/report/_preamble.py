"""The facts of a report's opening paragraph and closing sign-off, read from their printed words.

The opening paragraph (“本报告由…编制…统计期限自2023年1月1日起至2023年12月31日止…通讯地址：…；邮编：…；
电话：…”) tells a platform the statistical period and how the public reaches the office; the sign-off
dates the report. Both are kept as printed; the facts are found in that text so that the reader and
the JSON form (where a user may give the text alone) derive them the same way.
"""

from __future__ import annotations

import re
from datetime import date

from ._model import Preamble

_DATE = r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
#: “统计期限自2023年1月1日起至2023年12月31日止”, “统计时间为2023年1月1日至12月31日”
_PERIOD = re.compile(
    r"统计.{0,20}?"
    + _DATE
    + r".{0,6}?(?:至|到|—|－|-|～|~)\s*(?:((?:19|20)\d{2})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
_ADDRESS = re.compile(r"(?:通讯|通信|联系|办公)?地\s*址\s*(?:为|是)?\s*[:：]?\s*([^；;，,。\n（(]+)")
_POSTCODE = re.compile(r"邮\s*(?:政)?\s*编\s*(?:码)?\s*(?:为|是)?\s*[:：]?\s*(\d{6})(?!\d)")
_TELEPHONE = re.compile(
    r"(?:电\s*话|传\s*真|联系方式)\s*(?:号码)?\s*(?:为|是)?\s*[:：]?\s*(\(?\d[\d\s()（）\-－—]{5,}\d)"
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_SIGNOFF_DATE = re.compile(r"^\s*" + _DATE + r"\s*$")
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


def parse_date(text: str) -> date | None:
    """“2024年3月8日” (or “二〇二四年三月八日”) as a date; None when it is none or impossible."""
    m = re.search(_DATE, _arabic(text))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def date_line(line: str) -> date | None:
    """The date when ``line`` is nothing but a printed date (a sign-off's last line)."""
    m = _SIGNOFF_DATE.match(_arabic(line))
    return parse_date(m.group(0)) if m else None


def chinese_date(value: date) -> str:
    """“2024年3月8日”: how a 公文 prints its date (Arabic numerals, no leading zeros; GB/T 9704-2012)."""
    return f"{value.year}年{value.month}月{value.day}日"


def parse_preamble(text: str) -> Preamble:
    """The opening paragraph with the facts found in it."""
    flat = " ".join(text.split("\n"))
    start = end = None
    m = _PERIOD.search(flat)
    if m:
        y1, m1, d1, y2, m2, d2 = m.groups()
        try:
            start = date(int(y1), int(m1), int(d1))
            end = date(int(y2 or y1), int(m2), int(d2))
        except ValueError:
            start = end = None
    return Preamble(
        text=text,
        period_start=start,
        period_end=end,
        address=_first(_ADDRESS, flat),
        postcode=_first(_POSTCODE, flat),
        telephone=_first(_TELEPHONE, flat),
        email=(e.group(0) if (e := _EMAIL.search(flat)) else None),
    )


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return " ".join(m.group(1).split()) if m else None


def _arabic(text: str) -> str:
    """Chinese numerals of a date as digits (“二〇二四年三月八日” → “2024年3月8日”; 十 as in 十二、二十八)."""
    if not re.search(r"[〇○零一二三四五六七八九十]", text):
        return text

    def number(m: re.Match[str]) -> str:
        s = m.group(0)
        if "十" in s:
            tens, _, ones = s.partition("十")
            return str(int(tens.translate(_CN_DIGITS) or "1") * 10 + int(ones.translate(_CN_DIGITS) or "0"))
        return s.translate(_CN_DIGITS)

    return re.sub(r"[〇○零一二三四五六七八九十]+(?=[年月日])", number, text)
