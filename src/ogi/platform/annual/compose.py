"""The report of an agency-year as the engine's model: tables counted from the records, sections from the draft.

``draft_sections`` writes the first text of the sections from the figures (总体情况 gets its numbers, 六 the
信息处理费 collected); staff then edit it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from ogi.platform.agencies.models import Agency
from ogi.platform.casework.models import Event
from ogi.platform.casework.states import EventKind
from ogi.report import FormatVersion, Report
from ogi.report.format import T3_ALL_ROWS

from .tables import Tables, count_tables

TITLE = "{agency}{year}年度政府信息公开工作年度报告"


def build_report(
    agency: Agency,
    year: int,
    *,
    version: FormatVersion | str | None = None,
    sections: dict[str, str] | None = None,
    published: date | None = None,
    tables: Tables | None = None,
) -> Report:
    tables = tables or count_tables(agency, year, FormatVersion(version) if version else None)
    return Report.build(
        tables.version,
        table2=tables.table2,
        table3=tables.table3,
        table4=tables.table4,
        agency=agency.name,
        year=year,
        title=TITLE.format(agency=agency.name, year=year),
        # sections 二–四 are the tables: present (so the report has all six parts) even when there is no prose
        sections={number: (sections or {}).get(number, "") for number in "123456"},
        published=published,
    )


def fees_collected(agency: Agency, year: int) -> Decimal:
    """信息处理费 actually collected in ``year``: the amounts of the fee notices of the fees paid in it."""
    paid = Event.objects.filter(case__agency=agency, kind=EventKind.FEE_PAID, on__year=year).values_list(
        "case_id", flat=True
    )
    total = Decimal(0)
    notices = Event.objects.filter(case_id__in=paid, kind=EventKind.FEE_NOTICE).values_list("payload", flat=True)
    for payload in notices:
        try:
            total += Decimal(str(payload.get("amount", "0")))
        except InvalidOperation:
            continue
    return total


def _n(value: object) -> str:
    return str(value)


def draft_sections(agency: Agency, year: int, tables: Tables) -> dict[str, str]:
    """The first draft of sections 一, 五 and 六, written from the figures."""
    t2, t3, t4 = tables.table2, tables.table3, tables.table4
    total = 6
    new, carried, handled, forward = (
        t3[r][total] for r in ("new_received", "carried_over", "total_handled", "carried_forward")
    )
    granted = t3["granted"][total]
    partial = t3["partially_granted"][total]
    if tables.version is FormatVersion.V2021:
        documents = (
            f"本年制发规章{_n(t2['regulations.issued'])}件、行政规范性文件{_n(t2['normative_documents.issued'])}件，"
            f"现行有效规章{_n(t2['regulations.in_force'])}件、行政规范性文件{_n(t2['normative_documents.in_force'])}件"
        )
    else:
        documents = (
            f"本年新制作规章{_n(t2['regulations.made'])}件、规范性文件{_n(t2['normative_documents.made'])}件，"
            f"新公开规章{_n(t2['regulations.published'])}件、规范性文件{_n(t2['normative_documents.published'])}件"
        )
    reviews = t4["review.total"]
    suits = t4["litigation_direct.total"] + t4["litigation_after_review.total"]
    overview = (
        f"本报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限自{year}年1月1日起至{year}年12月31日止。"
        f"（一）主动公开。{documents}。"
        f"（二）依申请公开。本年新收政府信息公开申请{new}件，上年结转{carried}件，"
        f"办结{handled}件（其中予以公开{granted}件、部分公开{partial}件），结转下年度继续办理{forward}件。"
        f"（三）政府信息管理。（四）平台建设。（五）监督保障。本年发生政府信息公开行政复议{reviews}件、行政诉讼{suits}件。"
    )
    fee = fees_collected(agency, year)
    other = (
        f"依据《政府信息公开信息处理费管理办法》规定，{year}年本机关实际收取信息处理费共计{_money(fee)}元。"
        if fee
        else f"依据《政府信息公开信息处理费管理办法》规定，{year}年本机关未收取信息处理费。"
    )
    return {"1": overview, "5": "", "6": other}


def _money(value: Decimal) -> str:
    return format(value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize(), "f")


def row_label(code: str) -> str:
    return T3_ALL_ROWS[code].full_label
