"""A document's first draft, written from the case's events (the officer edits it before issuing).

Each kind carries the elements of casework-rules.md §7 that apply to it: the legal date of receipt (and of the
补正), what was requested, the decision with its legal basis, how the information is provided, the fee, and for
答复书 the 救济途径 paragraph generated for the answer type and the agency.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ogi.platform.casework.clock import count_forward
from ogi.platform.casework.models import Case
from ogi.platform.casework.outcomes import OUTCOMES
from ogi.platform.casework.states import Channel, EventKind
from ogi.platform.casework.workflow import Status, derive
from ogi.platform.workcalendar.service import current_calendar

from .kinds import ANSWER_KIND_BY_OUTCOME_KIND, KINDS, DocumentKind
from .remedy import remedy_paragraph

_FEE_BASES = {"per_application": "按件计收", "per_page": "按量计收"}


class NotApplicable(Exception):
    """The case has no event this kind of document is written from (message for the officer)."""


@dataclass(frozen=True)
class Draft:
    kind: str
    title: str
    addressee: str
    paragraphs: list[str]
    remedy: str = ""
    closing: str = "特此告知。"


def chinese_date(day: date) -> str:
    """GB/T 9704-2012 §7.3.5.3: Arabic numerals, no leading zeros — 2025年3月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


def _received(case: Case, status: Status) -> str:
    text = f"本机关于{chinese_date(case.received_on)}收到您（单位）提出的政府信息公开申请"
    if status.clock_label == "补正后收到":
        text += f"，并于{chinese_date(status.clock_start)}收到补正后的申请"
    return text + f"，申请获取“{case.description.strip()}”。"


def _last(case: Case, kind: str) -> dict:
    event = case.events.filter(kind=kind).order_by("-seq").first()
    if event is None:
        raise NotApplicable(f"本申请没有“{EventKind(kind).label}”的办理记录，不能生成此文书")
    return {"on": event.on, **event.payload}


def answer_kind(case: Case) -> str:
    status = derive(case.event_records(), current_calendar())
    if status.outcome is None:
        raise NotApplicable("本申请尚未作出答复决定，不能生成答复书")
    return ANSWER_KIND_BY_OUTCOME_KIND[OUTCOMES[status.outcome].kind]


def available_kinds(case: Case) -> list[str]:
    """The kinds this case's events support, in the order the steps happen."""
    kinds = [DocumentKind.RECEIPT]
    present = set(case.events.values_list("kind", flat=True))
    for event, kind in (
        (EventKind.CORRECTION_REQUESTED, DocumentKind.CORRECTION),
        (EventKind.CONSULTATION_SENT, DocumentKind.CONSULTATION),
        (EventKind.EXTENDED, DocumentKind.EXTENSION),
        (EventKind.FEE_NOTICE, DocumentKind.FEE),
    ):
        if event in present:
            kinds.append(kind)
    if case.outcome:
        kinds.append(answer_kind(case))
    return kinds


def draft(case: Case) -> dict[str, Draft]:
    """Every draft the case supports, by kind."""
    return {kind: draft_of(case, kind) for kind in available_kinds(case)}


def draft_of(case: Case, kind: str) -> Draft:
    calendar = current_calendar()
    status = derive(case.event_records(), calendar)
    heading = KINDS[kind].heading
    applicant = case.applicant_name
    if kind == DocumentKind.RECEIPT:
        channel = Channel(case.channel).label if case.channel in Channel.values else case.channel
        due = count_forward(calendar, case.received_on, status.rules.answer_days)
        return Draft(
            kind,
            heading,
            applicant,
            [
                f"您（单位）通过{channel}方式提交的政府信息公开申请已收到，申请获取“{case.description.strip()}”。",
                f"依照《中华人民共和国政府信息公开条例》第三十一条，本机关收到申请的日期为{chinese_date(case.received_on)}；"
                f"依照第三十三条，本机关将自收到申请之日起{status.rules.answer_days}个工作日内，即"
                f"{chinese_date(due.due)}前予以答复（需要补正、征求意见或延期的，依法另行告知）。",
                f"申请编号：{case.number}。",
            ],
            closing="特此回执。",
        )
    if kind == DocumentKind.CORRECTION:
        p = _last(case, EventKind.CORRECTION_REQUESTED)
        return Draft(
            kind,
            heading,
            applicant,
            [
                _received(case, status),
                f"经审查，您的申请内容不明确。依照《中华人民共和国政府信息公开条例》第三十条，请您补正以下事项：{p['items']}",
                f"请于{chinese_date(date.fromisoformat(p['reply_by']))}前补正。答复期限自本机关收到补正的申请之日起计算；"
                "无正当理由逾期不补正的，视为您放弃申请，本机关不再处理该政府信息公开申请。",
            ],
        )
    if kind == DocumentKind.EXTENSION:
        p = _last(case, EventKind.EXTENDED)
        due = status.deadline.due if status.deadline else None
        paragraphs = [
            _received(case, status),
            f"因{p['reason']}，本机关不能在法定期限内作出答复。经政府信息公开工作机构负责人同意，依照《中华人民共和国"
            f"政府信息公开条例》第三十三条第二款，答复期限延长{p['days']}个工作日。",
        ]
        if due:
            paragraphs.append(f"本机关将于{chinese_date(due)}前作出答复。")
        return Draft(kind, heading, applicant, paragraphs)
    if kind == DocumentKind.CONSULTATION:
        p = _last(case, EventKind.CONSULTATION_SENT)
        article = "第三十二条" if p.get("party_kind") != "agency" else "第三十四条"
        reply_by = count_forward(calendar, p["on"], status.rules.consultation_days).due
        return Draft(
            kind,
            heading,
            p["party"],
            [
                f"本机关于{chinese_date(case.received_on)}收到政府信息公开申请，申请获取“{case.description.strip()}”。"
                "经审查，该信息可能涉及贵方的合法权益（或需与贵机关协商）。",
                f"依照《中华人民共和国政府信息公开条例》{article}，现书面征求贵方意见。请于{chinese_date(reply_by)}前"
                f"（自收到本意见书之日起{status.rules.consultation_days}个工作日内）书面提出意见；逾期未提出意见的，"
                "由本机关依照条例的规定决定是否公开。",
            ],
            closing="特此函询。",
        )
    if kind == DocumentKind.FEE:
        p = _last(case, EventKind.FEE_NOTICE)
        pay_by = count_forward(calendar, p["on"], status.rules.fee_payment_days).due
        return Draft(
            kind,
            heading,
            applicant,
            [
                _received(case, status),
                "您申请公开政府信息的数量、频次明显超过合理范围，依照《中华人民共和国政府信息公开条例》第四十二条和"
                "《政府信息公开信息处理费管理办法》，本机关收取信息处理费。",
                f"计收方式：{_FEE_BASES.get(p.get('basis', ''), '')}；应缴金额：{p['amount']}元。",
                f"请于{chinese_date(pay_by)}前缴纳。逾期未缴纳的，视为您放弃申请，本机关不再处理该政府信息公开申请。"
                "缴费期间不计算在答复期限内。",
            ],
        )
    return _answer(case, kind, status)


def _answer(case: Case, kind: str, status: Status) -> Draft:
    if status.outcome is None:
        raise NotApplicable("本申请尚未作出答复决定，不能生成答复书")
    outcome = OUTCOMES[status.outcome]
    decided = case.events.filter(kind=EventKind.DECIDED).order_by("-seq").first()
    summary = (decided.payload.get("summary", "") if decided else "").strip()
    basis = status.basis or outcome.basis
    paragraphs = [_received(case, status)]
    decision = f"经审查，本机关决定：{outcome.label}。依据：{basis}。"
    if summary:
        decision += summary
    paragraphs.append(decision)
    if outcome.kind in ("予以公开", "部分公开"):
        form = case.delivery_form or "您选择的方式"
        paragraphs.append(f"本机关将按照{form}向您提供相关政府信息。")
    if outcome.kind == "部分公开":
        paragraphs.append("其中不予公开的部分及理由：（请写明不予公开的内容及其依据）。")
    if status.fee_amount:
        paragraphs.append(f"本申请已收取信息处理费{status.fee_amount}元。")
    if outcome.code == "unavailable.not_held":
        paragraphs.append("如该信息由其他行政机关掌握，负责公开的机关及其联系方式为：（能够确定的，请写明）。")
    on = status.decided_on or status.concluded_on or case.received_on
    remedy = remedy_paragraph(withholds=outcome.withholds, agency=case.agency, on=on)
    return Draft(kind, f"{KINDS[kind].heading}", case.applicant_name, paragraphs, remedy=remedy)
