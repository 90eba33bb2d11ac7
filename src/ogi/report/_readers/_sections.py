"""The six sections of a report and what its title says: agency, year, publication date.

Section headings are found by number and key word (“五、…问题…”), in order, so that the table 三 rows
“二、上年结转…” or “四、结转下年度继续办理” are never taken for section headings. The agency comes from
the title (“东沟乡 2023 年度 政府信息公开工作报告”), completed from the body when the title abbreviates it
(the body says 东沟乡人民政府).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .._format import REPORT_TITLE, SECTIONS, normalize_label
from .._frozen import quick_init
from ._anchors import Text, label_regex

_NUMERALS = "一二三四五六"
#: “一、” “一.” “一，” or “一 ” (a space only, then the key word in the same phrase: see below), anywhere not
#: inside “第一” or “（一）”. The numeral comes first and the look behind after it, so that the search skips
#: to the numerals instead of looking behind every character of the text.
_HEADING = re.compile(
    r"(?P<numeral>[一二三四五六])(?<![第（(一二三四五六七八九十].)(?:\s*[、.，]|(?P<space>[ \t\u3000]+)(?=\S))"
)
#: Most meaningful characters between two entries of a listing of the parts (“一、总体情况；二、…”).
_LISTING_GAP = 3
#: More meaningful characters (letters, digits, CJK) than that, found from the start of a gap on.
_PAST_LISTING_GAP = re.compile(rf"(?:[\s\W_]*[^\s\W_]){{{_LISTING_GAP + 1}}}")
_NEXT_NUMBER = re.compile(r"[一二三四五六七八九十][、.，]")
_HEADING_END = re.compile(r"[^\n]{0,45}?(?:情况|事项)")
_KEY_REGEX = {s.number: [re.compile(label_regex(k)) for k in s.keys] for s in SECTIONS}

_FIELD = re.compile(r"^\s*(标题|发布时间|发布日期|发布机构|来源)\s*[:：]\s*(.*?)\s*$")
_DATE = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_PERIOD_YEAR = re.compile(r"((?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日")
#: Endings of a place name whose government is “<place>人民政府”.
_PLACE_SUFFIXES = ("乡", "镇", "县", "市", "区", "旗", "州", "省", "盟", "街道")
#: Web page chrome left at the end of a captured report.
_TRAILING_CHROME = re.compile(r"(?:\s*(?:附件下载|【?打印本页】?|【?关闭窗口】?|扫一扫在手机打开当前页))+\s*$")
_CHROME_ENDS = ("载", "页", "】", "口")


@quick_init
@dataclass(frozen=True)
class Heading:
    number: str  # "1".."6"
    start: int
    end: int
    printed: str


def find_headings(text: Text) -> dict[str, Heading]:
    """Section headings in order of their numbers; absent ones are missing from the result.

    A sentence that lists the parts by their numbered headings (“本报告由一、总体情况；二、…六部分组成”)
    is not where the sections begin: entries with nothing between them are skipped when every one of
    their headings is printed again further on.
    """
    candidates = _listing_removed(_heading_candidates(text), text.folded)
    out: dict[str, Heading] = {}
    last = 0
    for h in candidates:
        k = int(h.number)
        if k > last:
            out[h.number] = h
            last = k
    return out


def _heading_candidates(text: Text) -> list[Heading]:
    """Every place that reads as a section heading (number and key word), in text order."""
    out: list[Heading] = []
    folded = text.folded
    for m in _HEADING.finditer(folded):
        k = _NUMERALS.index(m.group("numeral")) + 1
        spaced = m.group("space") is not None
        after = folded[m.end() : m.end() + 80]
        line = after.split("\n", 1)[0]
        window = line
        cut = _NEXT_NUMBER.search(window)
        if cut:
            window = window[: cut.start()]
        digit = re.search(r"\d", window)
        if digit:
            window = window[: digit.start()]
        window = window[:40]
        number = str(k)
        key = None
        for rx in _KEY_REGEX[number]:
            key = rx.search(window)
            if key:
                break
        if key is None or (spaced and re.search(r"[，.；：！？]", window[: key.start()])):
            continue  # a bare “一 ” heads a heading only when its key word follows in the same phrase
        tail = _HEADING_END.match(window)
        if tail and tail.end() >= key.end():
            end = m.end() + tail.end()
        elif len(line.strip()) <= 40 and not digit:
            end = m.end() + len(line.rstrip())
        else:
            end = m.end() + key.end()
        printed = "".join(text.text[m.start() : end].split())
        out.append(Heading(number, m.start(), end, printed))
    return out


def _listing_removed(candidates: list[Heading], folded: str) -> list[Heading]:
    """The candidates without runs of two or more consecutive entries that only list the parts."""
    drop: set[int] = set()
    i = 0
    while i < len(candidates):
        j = i
        while (
            j + 1 < len(candidates)
            and int(candidates[j + 1].number) > int(candidates[j].number)
            and not _PAST_LISTING_GAP.match(folded, candidates[j].end, candidates[j + 1].start)
        ):
            j += 1
        if j > i:
            run = candidates[i : j + 1]
            later = {h.number for h in candidates[j + 1 :]}
            if all(h.number in later for h in run):
                drop.update(range(i, j + 1))
        i = j + 1
    return [h for n, h in enumerate(candidates) if n not in drop]


def heading_variants(headings: dict[str, Heading]) -> dict[str, str]:
    """printed_labels entries (“section.5”) for headings that differ from both formats' wording."""
    out = {}
    for s in SECTIONS:
        h = headings.get(s.number)
        if h is None or not h.printed:  # not printed (a stand-in for a lost heading): nothing to record
            continue
        known = {normalize_label(s.heading)} | ({normalize_label(s.heading_2019)} if s.heading_2019 else set())
        if normalize_label(h.printed) not in known:
            out[f"section.{s.number}"] = h.printed
    return out


def section_texts(text: Text, headings: dict[str, Heading], exclude: Sequence[tuple[int, int]]) -> dict[str, str]:
    """The prose of each section found, with the table spans in ``exclude`` cut out.

    A section whose heading is there but whose body is only tables (sections 二–四 often are) is present
    with an empty text: “present without prose” (key, "") stays distinct from “missing” (no key).
    """
    ordered = sorted(headings.values(), key=lambda h: h.start)
    exclude = [_whole_lines(text.text, a, b) for a, b in exclude]
    out: dict[str, str] = {}
    for i, h in enumerate(ordered):
        end = ordered[i + 1].start if i + 1 < len(ordered) else len(text)
        pieces = []
        pos = h.end
        for a, b in sorted(exclude):
            if b <= pos or a >= end:
                continue
            if a > pos:
                pieces.append(text.text[pos:a])
            pos = max(pos, b)
        if pos < end:
            pieces.append(text.text[pos:end])
        body = "\n".join(pieces)
        lines = [ln.strip() for ln in body.splitlines()]
        prose = "\n".join(ln for ln in lines if ln)
        if prose.endswith(_CHROME_ENDS):  # the chrome pattern only when the prose ends as chrome does
            prose = _TRAILING_CHROME.sub("", prose)
        out[h.number] = prose  # "" for a section printed with its tables only: present, no prose
    return out


#: What the body of section 五 is about; prose with these words after table 四 is taken for a lost 五.
_SECTION5_WORDS = re.compile(r"问题|改进")
#: Shortest prose (in letters and digits) taken for a section 五 whose heading was lost.
_SECTION5_MIN_CHARS = 10


def infer_section5(text: Text, headings: dict[str, Heading], table4_end: int) -> Heading | None:
    """A stand-in heading for section 五 when its heading was lost but its prose is where it belongs.

    PDF-to-Markdown converters drop heading lines; the body of 五 then stands between the end of table 四
    and “六、…”. It is taken for 五 only when it is prose about 问题/改进; the stand-in heading is empty
    (nothing was printed) and sits at the end of table 四.
    """
    six = headings.get("6")
    if "5" in headings or six is None or six.start <= table4_end:
        return None
    gap = text.text[table4_end : six.start]
    if len(re.sub(r"[\s\W_]+", "", gap)) < _SECTION5_MIN_CHARS or not _SECTION5_WORDS.search(gap):
        return None
    return Heading("5", table4_end, table4_end, "")


def _whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a table span to whole lines when only cell separators lie between it and the line ends."""
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip(" \t|"):
        start = line_start
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if not text[end:line_end].strip(" \t|"):
        end = line_end
    return start, end


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    published: date | None = None


def metadata(text: Text, first_heading: int | None) -> Metadata:
    """Title, agency, year and publication date from the capture header, the title lines and the body."""
    fields: dict[str, str] = {}
    head_lines = text.text[: first_heading if first_heading is not None else min(len(text), 4000)].splitlines()
    for line in head_lines[:40]:
        m = _FIELD.match(line)
        if m and m.group(1) not in fields:
            fields[m.group(1)] = m.group(2)
    published = None
    for key in ("发布时间", "发布日期"):
        m = _DATE.search(fields.get(key, ""))
        if m:
            try:
                published = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                published = None
            break
    title = fields.get("标题") or _title_from_lines(head_lines)
    year = agency = None
    if title:
        flat = "".join(title.split())
        m = _YEAR.search(flat)
        if m:
            year = int(m.group(1))
            agency = _agency_from_title(flat, m)
        else:
            cut = flat.find("政府信息公开")
            agency = flat[:cut] if cut > 0 else None
    if year is None:
        m = _PERIOD_YEAR.search(text.text, 0, min(len(text), 20000))
        if m:
            year = int(m.group(1))
    if agency:
        agency = _complete_agency(agency, text.text)
    return Metadata(title=title, agency=agency or None, year=year, published=published)


def _title_from_lines(lines: list[str]) -> str | None:
    marker = normalize_label("政府信息公开")
    for i, line in enumerate(lines[:40]):
        flat = normalize_label(line)
        if marker not in flat or len(flat) > 80:
            continue
        if "报告" in flat:
            title = " ".join(line.split())
        elif i + 1 < len(lines) and "报告" in lines[i + 1] and len(lines[i + 1].strip()) <= 20:
            title = " ".join(line.split()) + lines[i + 1].strip()
        else:
            continue
        # “淮安市人民政府 / 2024年政府信息公开工作年度报告”: the agency on the line above
        before = next((ln.strip() for ln in reversed(lines[:i]) if ln.strip()), "")
        bare = re.match(r"\s*(?:(?:19|20)\d{2}\s*年度?\s*)?政府信息公开", title)  # no agency in the title
        if bare and _looks_like_name(before):
            title = before + title
        return title
    return None


def _looks_like_name(line: str) -> bool:
    return 2 <= len(line) <= 30 and not re.search(r"[。，,：:；;！？!?（）()]|\d", line) and not _FIELD.match(line)


def _agency_from_title(flat: str, year: re.Match[str]) -> str | None:
    before = flat[: year.start()]
    before = re.sub(r"^(?:关于|印发)", "", before).rstrip("的关于")
    if before:
        return before
    after = flat[year.end() :]
    after = re.sub(r"^度", "", after)
    cut = after.find("政府信息公开")
    if cut <= 0:
        return None
    return after[:cut].rstrip("的") or None


def _complete_agency(agency: str, body: str) -> str:
    """“东沟乡” → “东沟乡人民政府” when the body names the government in full."""
    if agency.endswith(_PLACE_SUFFIXES) and (agency + "人民政府") in body:
        return agency + "人民政府"
    return agency


def is_report_like(text: Text) -> bool:
    """True when the text talks about 政府信息公开 at all (tells “not a report” from “a broken report”)."""
    return normalize_label("政府信息公开") in text.folded or normalize_label(REPORT_TITLE) in text.folded


# --------------------------------------------------------------------------- opening and closing

#: Words of an opening paragraph (本报告由…编制, the statistical period, contact details).
_PREAMBLE_WORDS = re.compile(r"本报告|编制|统计|联系|地址|邮编|电话|邮箱|电子邮件")
#: Lines above the opening paragraph that are no part of it: a capture's separator, Markdown headings.
_NOT_PREAMBLE = re.compile(r"^\s*(?:#|=+|-{3,}|\*{3,}|正文\s*$)|={4,}")
#: Longest line taken for the agency line of a sign-off.
_SIGNOFF_AGENCY_MAX = 40


def preamble_text(text: Text, first_heading: int | None) -> str | None:
    """The opening paragraph(s) printed between the title and 一、总体情况, one paragraph a line.

    Walks back from the first heading over prose lines and stops at the title, a capture's header
    field or separator, or a Markdown heading. Kept only when it reads like an opening paragraph.
    """
    if first_heading is None:
        return None
    lines = text.text[:first_heading].splitlines()
    kept: list[str] = []
    for line in reversed(lines[-40:]):
        flat = line.strip()
        if not flat:
            continue
        if _FIELD.match(flat) or _NOT_PREAMBLE.search(flat) or _title_like(flat):
            break
        kept.insert(0, " ".join(flat.split()) if flat.isascii() else flat)
    body = "\n".join(kept)
    return body if _PREAMBLE_WORDS.search(body) else None


def _title_like(line: str) -> bool:
    """A line of the title: no sentence punctuation, and it ends with 报告 (or 报告（…）) or names 政府信息公开."""
    flat = "".join(line.split())
    if len(flat) > 50 or re.search(r"[《》，,、。；;：:]", flat):
        return False
    return bool(re.search(r"报告(?:[（(][^）)]*[）)])?$", flat)) or "政府信息公开" in flat


def split_signoff(prose: str) -> tuple[str, str | None, date | None]:
    """(prose without its sign-off, signing agency, date) of the last section's text.

    A sign-off is a last line that is only a date, with the agency on the line above (a short line
    without sentence punctuation), or both on one line (“平潭综合实验区管委会办公室 2024年3月8日”).
    """
    from .._preamble import date_line

    lines = prose.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        return prose, None, None
    last = lines[-1].strip()
    when = date_line(last)
    agency = None
    if when is not None:
        lines.pop()
        if lines and _agency_line(lines[-1].strip()):
            agency = lines.pop().strip()
    else:
        m = re.match(r"^(?P<agency>\S.*?)\s+(?P<date>\S+年\S+月\S+日)$", last)
        if m is None or not _agency_line(m.group("agency")) or date_line(m.group("date")) is None:
            return prose, None, None
        agency, when = m.group("agency"), date_line(m.group("date"))
        lines.pop()
    return "\n".join(lines), agency, when


def _agency_line(line: str) -> bool:
    return 2 <= len(line) <= _SIGNOFF_AGENCY_MAX and not re.search(r"[。，,：:；;！？!?\d]", line)
