"""The workflow's transitions: one function per action, used alike by pages, the API, imports and commands.

Each action checks permission (ogi.platform.policy), guards the transition against the statute, appends one
event, refreshes the derived columns and writes the audit entry — all in one transaction, on a locked case row.
Errors are ``ActionError`` with a Chinese message for the person who tried.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from ogi.platform import policy
from ogi.platform.agencies.models import Agency
from ogi.platform.audit.log import record
from ogi.platform.workcalendar.service import current_calendar
from ogi.workdays import Calendar

from .clock import count_forward
from .models import Case, Event, NumberSeries
from .outcomes import OUTCOMES
from .states import OPEN_STATES, Channel, EventKind, IdKind, State
from .workflow import EventRecord, Status, derive


class ActionError(Exception):
    """A transition the statute or the case's state does not allow; the message is for the user."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message, self.field = message, field


class ActionDenied(ActionError):
    """The actor may not take this action on this case."""


Checker = Callable[[Status, Calendar, date, Mapping[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    event: EventKind
    states: frozenset[State]
    check: Checker


def _text(data: Mapping[str, Any], key: str, message: str) -> str:
    value = str(data.get(key) or "").strip()
    if not value:
        raise ActionError(message, key)
    return value


def _date(data: Mapping[str, Any], key: str, message: str) -> date:
    value = data.get(key)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ActionError(message, key) from None


def _request_correction(status: Status, cal: Calendar, on: date, data: Mapping[str, Any]) -> dict[str, Any]:
    if status.correction_requested_on is not None:
        raise ActionError("补正只能告知一次（《政府信息公开条例》第三十条），本申请已告知过补正")
    window = count_forward(cal, status.received_on, status.rules.correction_window_days)
    if on > window.due:
        raise ActionError(
            f"补正应当自收到申请之日起{status.rules.correction_window_days}个工作日内一次性告知，"
            f"本申请最迟为 {window.due.isoformat()}（{window.explain()}）",
            "on",
        )
    reply_by = _date(data, "reply_by", "请填写补正期限")
    if reply_by <= on:
        raise ActionError("补正期限应晚于告知日期", "reply_by")
    return {"items": _text(data, "items", "请写明需要补正的事项"), "reply_by": reply_by.isoformat()}


def _record_correction(status: Status, cal: Calendar, on: date, data: Mapping[str, Any]) -> dict[str, Any]:
    return {"summary": str(data.get("summary") or "").strip()}


def _lapse_correction(status: Status, cal: Calendar, on: date, data: Mapping[str, Any]) -> dict[str, Any]:
    assert status.correction_reply_by is not None
    if on <= status.correction_reply_by:
        raise ActionError(f"补正期限 {status.correction_reply_by.isoformat()} 尚未届满，不能按逾期未补正处理", "on")
    return {}


def _consult(status: Status, cal: Calendar, on: date, data: Mapping[str, Any]) -> dict[str, Any]:
    party_kind = str(data.get("party_kind") or "third_party")
    if party_kind not in ("third_party", "agency"):
        raise ActionError("请选择征求意见的对象类别", "party_kind")
    return {"party": _text(data, "party", "请填写征求意见的对象"), "party_kind": party_kind}


def _record_consultation(status: Status, cal: Calendar, on: date, data: Mapping[str, Any]) -> dict[str, Any]:
    opinion = str(data.get("opinion") or "")
    if opinion not in ("agree", "object", "no_reply"):
        raise ActionError("请选择第三方或协作机关的意见", "opinion")
    if opinion == "no_reply" and status.consultation_reply_by and on <= status.consultation_reply_by:
        raise ActionError(
            f"征求意见的答复期限为 {status.consultation_reply_by.isoformat()}，期满后才能按逾期未答复处理", "on"
        )
    return {"opinion": opinion, "summary": str(data.get("summary") or "").strip()}


def _extend(status: Status, cal: Calendar, on: date, data: Mapping[str, Any]) -> dict[str, Any]:
    try:
        days = int(data.get("days") or 0)
    except (TypeError, ValueError):
        raise ActionError("延期天数应为整数", "days") from None
    left = status.rules.max_extension_days - status.extension_days
    if days < 1 or days > left:
        raise ActionError(
            f"延长答复期限最长不得超过{status.rules.max_extension_days}个工作日（《政府信息公开条例》第三十三条），"
            f"本申请还可延期{left}个工作日",
            "days",
        )
    if status.deadline is not None and on > status.deadline.due:
        raise ActionError(f"答复期限已于 {status.deadline.due.isoformat()} 届满，不能再延期", "on")
    notified_on = _date(data, "notified_on", "请填写告知申请人的日期")
    if notified_on < on:
        raise ActionError("告知申请人的日期不能早于批准延期的日期", "notified_on")
    return {"days": days, "reason": _text(data, "reason", "请写明延期理由"), "notified_on": notified_on.isoformat()}


def _notify_fee(status: Status, cal: Calendar, on: date, data: Mapping[str, Any]) -> dict[str, Any]:
    if status.fee_amount is not None:
        raise ActionError("本申请已发出过收费通知")
    try:
        amount = Decimal(str(data.get("amount")))
    except InvalidOperation:
        raise ActionError("收费金额应为数字", "amount") from None
    if not amount.is_finite() or amount <= 0 or amount > Decimal("1000000"):
        raise ActionError("收费金额应大于0元", "amount")
    basis = str(data.get("basis") or "")
    if basis not in ("per_application", "per_page"):
        raise ActionError("请选择按件或按量计收（只能选一种）", "basis")
    return {"amount": str(amount.quantize(Decimal("0.01"))), "basis": basis}


def _record_payment(status: Status, cal: Calendar, on: date, data: Mapping[str, Any]) -> dict[str, Any]:
    return {}


def _lapse_fee(status: Status, cal: Calendar, on: date, data: Mapping[str, Any]) -> dict[str, Any]:
    assert status.fee_pay_by is not None
    if on <= status.fee_pay_by:
        raise ActionError(f"缴费期限 {status.fee_pay_by.isoformat()} 尚未届满，不能按逾期未缴费处理", "on")
    return {}


def _decide(status: Status, cal: Calendar, on: date, data: Mapping[str, Any]) -> dict[str, Any]:
    code = str(data.get("outcome") or "")
    if code not in OUTCOMES:
        raise ActionError("请选择办理结果（年度报告表三的一行）", "outcome")
    if code == "other.no_correction" and status.correction_requested_on is None:
        raise ActionError("“逾期不补正”只适用于告知过补正的申请", "outcome")
    if code == "unavailable.unclear_after_correction" and status.clock_label != "补正后收到":
        raise ActionError("“补正后申请内容仍不明确”只适用于已经补正的申请", "outcome")
    basis = str(data.get("basis") or "").strip() or OUTCOMES[code].basis
    return {"outcome": code, "basis": basis, "summary": str(data.get("summary") or "").strip()}


def _deliver(status: Status, cal: Calendar, on: date, data: Mapping[str, Any]) -> dict[str, Any]:
    return {"method": _text(data, "method", "请填写送达方式"), "record": str(data.get("record") or "").strip()}


def _issue_document(status: Status, cal: Calendar, on: date, data: Mapping[str, Any]) -> dict[str, Any]:
    """The documents app froze the file; the event records which document, its number and its hash."""
    return {
        "document": int(data["document"]),
        "kind": _text(data, "kind", "缺少文书类别"),
        "title": _text(data, "title", "缺少文书标题"),
        "number": _text(data, "number", "缺少文书编号"),
        "sha256": _text(data, "sha256", "缺少文书摘要值"),
    }


def _withdraw(status: Status, cal: Calendar, on: date, data: Mapping[str, Any]) -> dict[str, Any]:
    return {"reason": str(data.get("reason") or "").strip()}


_RUNNING = frozenset({State.REGISTERED})
ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("request_correction", "告知补正", EventKind.CORRECTION_REQUESTED, _RUNNING, _request_correction),
        Action(
            "record_correction",
            "收到补正",
            EventKind.CORRECTED,
            frozenset({State.AWAITING_CORRECTION}),
            _record_correction,
        ),
        Action(
            "lapse_correction",
            "逾期未补正",
            EventKind.CORRECTION_LAPSED,
            frozenset({State.AWAITING_CORRECTION}),
            _lapse_correction,
        ),
        Action("consult", "征求第三方或有关机关意见", EventKind.CONSULTATION_SENT, _RUNNING, _consult),
        Action(
            "record_consultation",
            "记录征求意见结果",
            EventKind.CONSULTATION_ANSWERED,
            frozenset({State.CONSULTING}),
            _record_consultation,
        ),
        Action("extend", "批准延期答复", EventKind.EXTENDED, _RUNNING, _extend),
        Action("notify_fee", "发出收费通知", EventKind.FEE_NOTICE, _RUNNING, _notify_fee),
        Action("record_payment", "收到缴费", EventKind.FEE_PAID, frozenset({State.AWAITING_FEE}), _record_payment),
        Action("lapse_fee", "逾期未缴费", EventKind.FEE_LAPSED, frozenset({State.AWAITING_FEE}), _lapse_fee),
        Action("decide", "作出答复决定", EventKind.DECIDED, _RUNNING, _decide),
        Action("deliver", "送达答复", EventKind.DELIVERED, frozenset({State.DECIDED}), _deliver),
        Action("withdraw", "申请人撤回", EventKind.WITHDRAWN, OPEN_STATES - {State.DECIDED}, _withdraw),
    )
}


#: Steps other apps record through ``perform`` from their own pages (no form on the case page): a document issued.
RECORDS: dict[str, Action] = {
    "issue_document": Action("issue_document", "签发文书", EventKind.DOCUMENT_ISSUED, frozenset(State), _issue_document)
}


def available(case: Case) -> list[Action]:
    """The actions the case's current state allows (permission is the policy's question)."""
    return [a for a in ACTIONS.values() if case.state in a.states]


def _actor_name(actor: Any) -> str:
    staff = policy.staff_of(actor)
    if staff is not None:
        return staff.display_name
    return actor.get_username() if getattr(actor, "is_authenticated", False) else str(actor)


def perform(
    name: str,
    case: Case,
    actor: Any,
    *,
    on: date | None = None,
    data: Mapping[str, Any] | None = None,
    today: date | None = None,
) -> Event:
    """Take action ``name`` on ``case``: the only way a case changes after it is registered."""
    action = ACTIONS.get(name) or RECORDS.get(name)
    if action is None:
        raise ActionError(f"没有这项操作：{name}")
    if not policy.can_act(actor, case, name):
        raise ActionDenied("您没有权限对本申请执行此操作")
    today = today or timezone.localdate()
    on = on or today
    data = data or {}
    with transaction.atomic():
        locked = Case.objects.select_for_update().select_related("agency").get(pk=case.pk)
        events = list(locked.events.order_by("seq"))
        calendar = current_calendar()
        status = derive([e.record() for e in events], calendar)
        if status.state not in action.states:
            raise ActionError(f"本申请当前为“{State(status.state).label}”，不能{action.label}")
        if on > today:
            raise ActionError("日期不能晚于今天", "on")
        if status.last_event_on and on < status.last_event_on:
            raise ActionError(f"日期不能早于上一步办理日期 {status.last_event_on.isoformat()}", "on")
        payload = action.check(status, calendar, on, data)
        event = Event.objects.create(
            case=locked,
            seq=len(events) + 1,
            kind=action.event,
            on=on,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            actor_name=_actor_name(actor),
            payload=payload,
        )
        new_status = derive([*(e.record() for e in events), event.record()], calendar)
        locked.save(update_fields=locked.apply_status(new_status))
        record(actor, f"case.{name}", target=locked.number, agency=locked.agency, event=event.seq, on=on.isoformat())
    case.refresh_from_db()
    return event


# ------------------------------------------------------------------------------------------------ registration


def next_number(agency: Agency, year: int, series: str = "request") -> str:
    """Take the next number of ``series`` for ``year`` (call inside a transaction)."""
    counter, _ = NumberSeries.objects.select_for_update().get_or_create(agency=agency, series=series, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return agency.request_number_pattern.format(year=year, seq=counter.last)


@dataclass(frozen=True)
class Intake:
    """What registration needs: the Art. 29 elements and the two dates of Art. 31."""

    channel: str
    arrived_at: datetime
    received_on: date
    applicant_type: str
    applicant_name: str
    description: str
    id_kind: str = IdKind.NONE
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""
    delivery_form: str = ""
    note: str = ""
    number: str = ""  # given by an import; otherwise taken from the agency's series
    source: str = "staff"


def register(agency: Agency, actor: Any, intake: Intake, *, today: date | None = None) -> Case:
    """Register a request: the case and its first event, ``received``."""
    if not policy.can_act_for(actor, agency, "register"):
        raise ActionDenied("您没有权限为该机关登记申请")
    today = today or timezone.localdate()
    arrived_on = (
        timezone.localtime(intake.arrived_at).date()
        if timezone.is_aware(intake.arrived_at)
        else (intake.arrived_at.date())
    )
    if intake.received_on > today:
        raise ActionError("法定收到日期不能晚于今天", "received_on")
    if intake.received_on < arrived_on:
        raise ActionError("法定收到日期不能早于申请到达的日期", "received_on")
    if intake.channel == Channel.IN_PERSON and intake.received_on != arrived_on:
        raise ActionError("当面提交的申请，以提交之日为收到申请之日（条例第三十一条第一项）", "received_on")
    with transaction.atomic():
        number = intake.number or next_number(agency, intake.received_on.year)
        if Case.objects.filter(agency=agency, number=number).exists():
            raise ActionError(f"受理编号 {number} 已存在", "number")
        case = Case(
            agency=agency,
            number=number,
            channel=intake.channel,
            arrived_at=intake.arrived_at,
            received_on=intake.received_on,
            applicant_type=intake.applicant_type,
            applicant_name=intake.applicant_name,
            phone=intake.phone,
            email=intake.email,
            address=intake.address,
            postcode=intake.postcode,
            description=intake.description,
            delivery_form=intake.delivery_form,
            note=intake.note,
            source=intake.source,
            assignee=actor if getattr(actor, "is_authenticated", False) else None,
        )
        case.set_id_number(intake.id_number, intake.id_kind)
        case.save()
        event = Event.objects.create(
            case=case,
            seq=1,
            kind=EventKind.RECEIVED,
            on=intake.received_on,
            actor=case.assignee,
            actor_name=_actor_name(actor),
            payload={"channel": intake.channel, "arrived_at": intake.arrived_at.isoformat()},
        )
        case.save(update_fields=case.apply_status(derive([event.record()], current_calendar())))
        record(actor, "case.register", target=number, agency=agency, source=intake.source)
    return case


def refresh(case: Case, calendar: Calendar) -> bool:
    """Re-derive a case's cached columns (after a calendar change); True when anything changed."""
    status = derive([EventRecord(e.kind, e.on, e.payload) for e in case.events.order_by("seq")], calendar)
    before = (case.due_date, case.due_provisional, case.due_explanation, case.waiting_until)
    fields = case.apply_status(status)
    if before == (case.due_date, case.due_provisional, case.due_explanation, case.waiting_until):
        return False
    case.save(update_fields=fields)
    return True
