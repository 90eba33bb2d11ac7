"""Rules over the prose and the metadata of one report: sections, fees, stated numbers, publication date.

The prose rules are warnings and deliberately conservative: a wrong warning costs a reviewer more time
than a missed one, so a number is compared only when the sentence clearly states it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from .._format import SECTIONS, T4_COLUMNS, Section
from .._model import Number, Report
from . import _messages as msg
from ._findings import Finding, Severity
from ._solve import CellMap

_CN_NUMBERS = "一二三四五六"


# --------------------------------------------------------------------------- sections


def _body(section: Section, text: str) -> str:
    """The section text without its heading line, if the reader kept it."""
    stripped = text.strip()
    first, _, rest = stripped.partition("\n")
    head = first.strip()
    heading_like = head.startswith(_CN_NUMBERS[int(section.number) - 1] + "、") or any(k in head for k in section.keys)
    if heading_like and len(head) <= 40 and not re.search(r"[。；]", head):
        return rest.strip()
    return stripped


def _meaningful(text: str) -> str:
    """Text without whitespace and punctuation, for length tests."""
    return re.sub(r"[\s\W_]+", "", text)


def sections(report: Report) -> list[Finding]:
    """sections.missing and section5.empty.

    A section is missing only when its key is absent; a key with an empty text is a section printed
    without prose (二–四 often hold only their tables). An empty 五 is present but says nothing: section5.empty.
    """
    if not report.sections:
        return [
            Finding(
                rule="sections.missing",
                severity=Severity.WARNING,
                message="输入只包含表格，没有报告正文，未核对正文六个部分是否齐全",
                subject="tables_only",
            )
        ]
    findings = []
    for section in SECTIONS:
        if section.number not in report.sections:
            heading = msg.section_heading(section.number, report.format)
            findings.append(
                Finding(
                    rule="sections.missing",
                    severity=Severity.ERROR,
                    message=f"报告缺少第{_CN_NUMBERS[int(section.number) - 1]}部分“{heading}”",
                    subject=section.number,
                )
            )
    five = report.sections.get("5")
    if five is not None:
        body = _meaningful(_body(SECTIONS[4], five))
        if len(body) < 10 or body in ("无", "暂无", "没有"):
            shown = _body(SECTIONS[4], five).strip()
            said = f"内容过于简单（“{shown[:20]}”）" if shown else "只有标题，没有内容"
            findings.append(
                Finding(
                    rule="section5.empty",
                    severity=Severity.WARNING,
                    message=f"第五部分“存在的主要问题及改进情况”{said}，应如实写明存在的问题和改进措施",
                    subject="5",
                )
            )
    findings.extend(_fees(report))
    return findings


# --------------------------------------------------------------------------- section6.fees

_AMOUNT = r"[^。；;\d]{0,12}?(\d[\d,]*(?:\.\d+)?)\s*元"
_FEE_COLLECTED = re.compile(r"(?:收取|收缴|收到|缴纳)[^。；;]{0,20}?信息处理费" + _AMOUNT)
_FEE_AMOUNT = re.compile(r"信息处理费" + _AMOUNT)
_NEGATION = re.compile(r"未|没有|不收取|无需|免收|免予")


def _fees_collected(text: str) -> str | None:
    """The sentence saying 信息处理费 was collected (amount > 0), or None."""
    for sentence in re.split(r"[。；;\n]", text):
        if "信息处理费" not in sentence:
            continue
        found = _FEE_COLLECTED.search(sentence) or _FEE_AMOUNT.search(sentence)
        if found is None or _NEGATION.search(sentence[: found.end()]):
            continue
        if float(found.group(1).replace(",", "")) > 0:
            return sentence[max(0, found.start() - 12) : found.end()].strip()
    return None


def _fees(report: Report) -> list[Finding]:
    six = report.sections.get("6", "")
    body = _body(SECTIONS[5], six)
    if "信息处理费" in body or not six.strip():
        return []
    says_none = len(_meaningful(body)) <= 30 and "无" in body
    if not says_none:
        return []
    for number, text in sorted(report.sections.items()):
        if number == "6":
            continue
        sentence = _fees_collected(text)
        if sentence:
            return [
                Finding(
                    rule="section6.fees",
                    severity=Severity.WARNING,
                    message=f"正文提到收取了信息处理费（“{sentence}”），但第六部分“其他需要报告的事项”写“无”；"
                    "信息处理费的收取情况应在第六部分报告",
                    subject="6",
                )
            ]
    return []


# --------------------------------------------------------------------------- text.numbers

_GAP = r"[^。；;，,、\d]{0,%d}?"
_DISCOUNT = re.compile(r"较|比|同比|环比|其中|占|累计|以来|增长|减少|下降|上升")


Accepted = Callable[[CellMap], tuple[Number, ...]]


def _value(cells: CellMap, path: str) -> Number | None:
    cell = cells.get(path)
    return None if cell is None else cell.value


def _sum(*paths: str) -> Accepted:
    """The table value a statement must equal; () when a cell is blank (nothing to compare)."""

    def accepted(cells: CellMap) -> tuple[Number, ...]:
        total: Number = 0
        for path in paths:
            value = _value(cells, path)
            if value is None:
                return ()
            total += value
        return (total,)

    return accepted


def _received(cells: CellMap) -> tuple[Number, ...]:
    """New applications; prose often counts 受理 including those carried over, so that sum is accepted too."""
    new = _value(cells, "table3.new_received.total")
    if new is None:
        return ()
    carried = _value(cells, "table3.carried_over.total")
    return (new,) if carried is None else (new, new + carried)


def _cases(*groups: str) -> Accepted:
    """Table-四 cases of the groups: their 总计 cells, or the sum of their outcome columns.

    When a group's 总计 disagrees with its own columns (T4.totals reports that), prose that agrees with
    the columns is not a second problem.
    """

    def accepted(cells: CellMap) -> tuple[Number, ...]:
        values: list[Number] = []
        for paths in (
            [f"table4.{g}.total" for g in groups],
            [f"table4.{g}.{c.code}" for g in groups for c in T4_COLUMNS[:-1]],
        ):
            found = _sum(*paths)(cells)
            values += [v for v in found if v not in values]
        return tuple(values)

    return accepted


#: (subject, what the prose calls it, where the table says it, accepted values, patterns: group 1 the number)
_STATED: tuple[tuple[str, str, str, Accepted, tuple[re.Pattern[str], ...]], ...] = (
    (
        "new_received",
        "本年新收政府信息公开申请",
        "表三 一、本年新收政府信息公开申请数量 总计",
        _received,
        (
            re.compile(r"新收" + _GAP % 16 + r"申请" + _GAP % 4 + r"(\d+)\s*件"),
            re.compile(r"新收" + _GAP % 4 + r"(\d+)\s*件" + _GAP % 10 + r"申请"),
            re.compile(r"(?:收到|受理)" + _GAP % 8 + r"(?:政府)?(?:信息)?公开申请" + _GAP % 4 + r"(\d+)\s*件"),
        ),
    ),
    (
        "carried_over",
        "上年结转申请",
        "表三 二、上年结转政府信息公开申请数量 总计",
        _sum("table3.carried_over.total"),
        (re.compile(r"上一?年度?结转" + _GAP % 12 + r"(\d+)\s*件"),),
    ),
    (
        "carried_forward",
        "结转下年度继续办理的申请",
        "表三 四、结转下年度继续办理 总计",
        _sum("table3.carried_forward.total"),
        (
            re.compile(r"结转(?:至|到)?下一?年度?" + _GAP % 8 + r"(\d+)\s*件"),
            re.compile(r"(\d+)\s*件" + _GAP % 4 + r"结转(?:至|到)?下一?年"),
        ),
    ),
    (
        "review",
        "行政复议案件",
        "表四 行政复议 总计",
        _cases("review"),
        (re.compile(r"行政复议" + _GAP % 6 + r"(\d+)\s*(?:件|起)"),),
    ),
    (
        "litigation",
        "行政诉讼案件",
        "表四 行政诉讼（未经复议直接起诉与复议后起诉）总计之和",
        _cases("litigation_direct", "litigation_after_review"),
        (re.compile(r"行政诉讼" + _GAP % 6 + r"(\d+)\s*(?:件|起)"),),
    ),
)


#: words that show a match is about something else (a 复议 application is not an information request)
_EXCLUDE = {"new_received": re.compile(r"复议|诉讼|结转|依申请公开信息")}


def _stated(text: str, patterns: tuple[re.Pattern[str], ...], exclude: re.Pattern[str] | None) -> list[tuple[int, str]]:
    """(number, the sentence it was read from) for every statement found."""
    found = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            span = text[max(0, m.start() - 6) : m.end()]
            if _DISCOUNT.search(span) or (exclude and exclude.search(m.group(0))):
                continue
            found.append((int(m.group(1)), _sentence(text, m.start(1), m.end(1))))
    return found


#: Longest quotation of a sentence in a finding; a longer one is cut around the number.
_QUOTE_MAX = 60
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` as a quotation, cut to about _QUOTE_MAX characters."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    right = stop.end() if stop else len(text)
    sentence = text[left:right].strip()
    if len(sentence) <= _QUOTE_MAX:
        return sentence
    at = start - left - (len(text[left:right]) - len(text[left:right].lstrip()))
    lo = max(0, at - _QUOTE_MAX // 2)
    hi = min(len(sentence), lo + _QUOTE_MAX)
    return ("…" if lo else "") + sentence[lo:hi] + ("…" if hi < len(sentence) else "")


#: A line break with the spaces around it.
_BREAK = re.compile(r"[ \t]*\n\s*")


def _unwrap(text: str) -> str:
    """Join lines wrapped inside a sentence (PDF text: “受理政府\n信息公开申请17 件”), never digit to digit.

    A break goes when the character before it or the one after it is neither a digit nor a space (as
    ``(?<=[^\\d\\s])…|…(?=[^\\d\\s])`` would say, without a look-behind tried at every character).
    """

    def join(m: re.Match[str]) -> str:
        start, end = m.span()
        before = text[start - 1] if start else "0"
        after = text[end] if end < len(text) else "0"
        if not (before.isdecimal() or before.isspace()) or not (after.isdecimal() or after.isspace()):
            return ""
        return m.group()

    return _BREAK.sub(join, text)


def text_numbers(report: Report, cells: CellMap) -> list[Finding]:
    """Numbers stated in the prose that match no table value (every statement of it must differ)."""
    text = _unwrap("\n".join(t for _, t in sorted(report.sections.items())))
    if not text:
        return []
    findings = []
    for subject, what, where, accepted, patterns in _STATED:
        values = accepted(cells)
        if not values:
            continue
        stated = _stated(text, patterns, _EXCLUDE.get(subject))
        if not stated or any(v in values for v, _ in stated):
            continue
        numbers = "、".join(dict.fromkeys(str(n) for n, _ in stated))
        quote = stated[0][1]
        findings.append(
            Finding(
                rule="text.numbers",
                severity=Severity.WARNING,
                message=f"正文“{quote}”所述{what}为 {numbers} 件，与{where}（{msg.number(values[0])}）不一致，请核对",
                subject=subject,
            )
        )
    return findings


# --------------------------------------------------------------------------- published.late


#: Name endings of government-wide reporters (本级人民政府 and areas such as 综合实验区, 新区, 开发区).
_GOVERNMENT_ENDINGS = ("人民政府", "实验区", "新区", "开发区", "高新区", "管委会")


def statutory_deadline(agency: str | None, year: int) -> tuple[date, str]:
    """The Art. 49 publication deadline for a report year, and the reason in Chinese.

    The level is inferred from the agency's name: a 人民政府 (or an area's 管委会) publishes the
    government-wide report by 3月31日; its departments by 1月31日. 乡镇 deadlines are set locally, so the
    latest statutory date is used for them and no earlier local date is assumed.
    """
    name = (agency or "").strip()
    if name.endswith(_GOVERNMENT_ENDINGS):
        return date(year + 1, 3, 31), "按第四十九条，本级人民政府的年度报告应于3月31日前公布（乡镇以当地规定为准）"
    if not name:
        return date(year + 1, 3, 31), "机关层级不明，按第四十九条最晚的3月31日计"
    return date(year + 1, 1, 31), "按第四十九条，县级以上人民政府部门的年度报告应于1月31日前公布"


def published_late(report: Report, deadline: date | None = None) -> list[Finding]:
    """Publication after the statutory date (Art. 49); departments 1月31日, government-wide 3月31日."""
    if report.published is None:
        return []
    if deadline is not None:
        limit, reason = deadline, ""
    elif report.year is not None:
        limit, reason = statutory_deadline(report.agency, report.year)
    else:
        return []
    if report.published <= limit:
        return []
    message = f"报告发布于{_date(report.published)}，晚于{_date(limit)}的公布期限"
    if reason:
        message += f"（{reason}）"
    return [Finding(rule="published.late", severity=Severity.WARNING, message=message, subject="published")]


def _date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
