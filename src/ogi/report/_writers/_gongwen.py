"""GB/T 9704-2012 公文 conventions shared by the DOCX and PDF writers.

One place for the page geometry, the type sizes (号 → points), the fonts each kind of text is set in
and the two text decisions both writers make the same way: where a long title is broken and which
part of a paragraph is a （一） sub-heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .._format import REPORT_TITLE

MM = 72 / 25.4  # points per millimetre

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28
MARGIN_RIGHT_MM = 26
#: The page number's 一字线 sits this far below the text block.
PAGE_NUMBER_GAP_MM = 7

# Chinese type sizes in points.
SIZE_2 = 22.0  # 二号: the title
SIZE_3 = 16.0  # 三号: body text and headings
SIZE_4 = 14.0  # 四号: page numbers
SIZE_5 = 10.5  # 五号: table text

#: Fixed line pitch of the body: 22 lines in the 225 mm text block.
LINE_PITCH = 28.95


@dataclass(frozen=True)
class FontSpec:
    """A font by the name Word/WPS know it, with the family installed almost everywhere as fallback."""

    name: str
    fallback: str
    family: str  # OOXML font family class: roman (serif) or modern (fixed-pitch CJK)


TITLE_FONT = FontSpec("方正小标宋简体", "宋体", "roman")
BODY_FONT = FontSpec("仿宋_GB2312", "仿宋", "modern")
HEADING_FONT = FontSpec("黑体", "SimHei", "modern")
SUBHEADING_FONT = FontSpec("楷体_GB2312", "楷体", "modern")
NUMBER_FONT = FontSpec("宋体", "SimSun", "roman")
FONTS = (TITLE_FONT, BODY_FONT, HEADING_FONT, SUBHEADING_FONT, NUMBER_FONT)

#: “— 1 —”: the page number between two 一字线.
PAGE_DASH = "—"

#: The date of the sign-off stands this many characters in from the right edge (成文日期右空四字).
SIGNOFF_DATE_INDENT = 4


def signoff_indent(agency: str, when: str) -> float:
    """Right indent, in characters, that centres the agency over the date (never past the edge)."""
    return max(0.0, SIGNOFF_DATE_INDENT + (_chars(when) - _chars(agency)) / 2)


def _chars(text: str) -> float:
    """Width in full-width characters: Latin letters and digits count half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_SUBHEADING_MAX = 40  # a sub-heading sentence longer than this is ordinary text that happens to start with （一）


def split_subheading(paragraph: str) -> tuple[str, str]:
    """(sub-heading, rest) of a paragraph such as “（一）加强领导，提高认识。本年度……”.

    The sub-heading (set in 楷体) runs to the first full stop; a paragraph that does not start with
    （一）… has an empty sub-heading.
    """
    if not _SUBHEADING.match(paragraph):
        return "", paragraph
    stop = paragraph.find("。")
    if stop == -1:
        return (paragraph, "") if len(paragraph) <= _SUBHEADING_MAX else ("", paragraph)
    if stop + 1 > _SUBHEADING_MAX:
        return "", paragraph
    return paragraph[: stop + 1], paragraph[stop + 1 :]


def title_lines(title: str, fits: Callable[[str], bool]) -> list[str]:
    """The title broken into lines that ``fits`` accepts (GB/T 9704: break where the sense allows).

    First choice: the agency on the first line, “2023年度政府信息公开工作年度报告” on the second, as
    published reports do (and as readers expect: a first line without digits is taken as the agency).
    Then a break before “政府信息公开工作年度报告”, then character by character.
    """
    if fits(title):
        return [title]
    candidates = []
    year = re.search(r"\d{4}年", title)
    if year and year.start() > 0:
        candidates.append(year.start())
    tail = title.rfind(REPORT_TITLE)
    if tail > 0:
        candidates.append(tail)
    for cut in candidates:
        head, rest = title[:cut], title[cut:]
        if fits(head) and fits(rest):
            return [head, rest]
    lines: list[str] = []
    current = ""
    for ch in title:
        if current and not fits(current + ch):
            lines.append(current)
            current = ""
        current += ch
    return [*lines, current] if current else lines
