"""A case's status, derived from its event log and nothing else.

``derive`` folds the events in order into the state, the answer deadline and what the case waits for. It is pure
(no database): the actions call it to guard a transition, and the Case model stores its result only as a cache
for work lists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ogi.workdays import Calendar

from .clock import Due, Pause, count_between, count_forward
from .outcomes import NO_CORRECTION, UNPAID_FEE, WITHDRAWN
from .states import RECORD_ONLY, EventKind, State
from .statute import Rules, rules_on


@dataclass(frozen=True)
class EventRecord:
    kind: str
    on: date
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Status:
    state: State
    received_on: date
    rules: Rules
    clock_start: date
    clock_label: str = "收到"
    correction_requested_on: date | None = None
    correction_reply_by: date | None = None
    extension_days: int = 0
    pauses: list[Pause] = field(default_factory=list)
    consultation_reply_by: date | None = None
    fee_pay_by: date | None = None
    fee_amount: str | None = None
    outcome: str | None = None
    basis: str = ""
    decided_on: date | None = None
    delivered_on: date | None = None
    concluded_on: date | None = None
    deadline: Due | None = None  # the answer deadline; None while it cannot be known (correction, open pause)
    waiting_until: date | None = None  # what the applicant or a third party must do by
    used_days: int | None = None  # working days of the answer period already used, while paused
    last_event_on: date | None = None

    @property
    def is_open(self) -> bool:
        return self.state is not State.CLOSED

    @property
    def paused(self) -> bool:
        return any(p.end is None for p in self.pauses)

    def answered_late(self) -> bool | None:
        if self.deadline is None or self.delivered_on is None:
            return None
        return self.delivered_on > self.deadline.due


def derive(events: Sequence[EventRecord], calendar: Calendar) -> Status:
    if not events or events[0].kind != EventKind.RECEIVED:
        raise ValueError("a case's log starts with its receipt")
    first = events[0]
    rules = rules_on(first.on)
    status = Status(State.REGISTERED, first.on, rules, clock_start=first.on, last_event_on=first.on)
    for event in events[1:]:
        if event.kind in RECORD_ONLY:
            continue
        _apply(status, event, calendar)
        status.last_event_on = event.on
    _finish(status, calendar)
    return status


def _conclude(status: Status, on: date, outcome: str, basis: str = "") -> None:
    status.outcome, status.basis = outcome, basis
    status.decided_on = status.concluded_on = on
    status.state = State.CLOSED


def _apply(status: Status, event: EventRecord, calendar: Calendar) -> None:
    kind, on, data = EventKind(event.kind), event.on, event.payload
    rules = status.rules
    if kind is EventKind.CORRECTION_REQUESTED:
        status.state = State.AWAITING_CORRECTION
        status.correction_requested_on = on
        status.correction_reply_by = date.fromisoformat(data["reply_by"])
    elif kind is EventKind.CORRECTED:
        # Art. 30: the period restarts from the day the corrected request is received.
        status.state = State.REGISTERED
        status.clock_start, status.clock_label = on, "补正后收到"
        status.pauses = []
        status.correction_reply_by = None
    elif kind is EventKind.CORRECTION_LAPSED:
        _conclude(status, on, NO_CORRECTION.code, NO_CORRECTION.basis)
    elif kind is EventKind.CONSULTATION_SENT:
        status.state = State.CONSULTING
        status.pauses.append(Pause(on, None, "征求意见"))
        status.consultation_reply_by = count_forward(calendar, on, rules.consultation_days).due
    elif kind is EventKind.CONSULTATION_ANSWERED:
        _close_pause(status, on)
        status.consultation_reply_by = None
        status.state = State.REGISTERED
    elif kind is EventKind.EXTENDED:
        status.extension_days += int(data["days"])
    elif kind is EventKind.FEE_NOTICE:
        status.state = State.AWAITING_FEE
        status.pauses.append(Pause(on, None, "缴费"))
        status.fee_pay_by = count_forward(calendar, on, rules.fee_payment_days).due
        status.fee_amount = str(data.get("amount", ""))
    elif kind is EventKind.FEE_PAID:
        _close_pause(status, on)
        status.fee_pay_by = None
        status.state = State.REGISTERED
    elif kind is EventKind.FEE_LAPSED:
        _close_pause(status, on)
        _conclude(status, on, UNPAID_FEE.code, UNPAID_FEE.basis)
    elif kind is EventKind.DECIDED:
        status.outcome, status.basis = data["outcome"], data.get("basis", "")
        status.decided_on = status.concluded_on = on
        status.state = State.DECIDED
    elif kind is EventKind.DELIVERED:
        status.delivered_on = on
        status.state = State.CLOSED
    elif kind is EventKind.WITHDRAWN:
        for pause in list(status.pauses):
            if pause.end is None:
                _close_pause(status, on)
        _conclude(status, on, WITHDRAWN.code, "申请人撤回申请")


def _close_pause(status: Status, on: date) -> None:
    for i, pause in enumerate(status.pauses):
        if pause.end is None:
            status.pauses[i] = Pause(pause.start, on, pause.reason)
            return


def _finish(status: Status, calendar: Calendar) -> None:
    rules = status.rules
    days = rules.answer_days + status.extension_days
    if status.state is State.AWAITING_CORRECTION:
        status.waiting_until = status.correction_reply_by
        return
    if status.paused:
        open_pause = next(p for p in status.pauses if p.end is None)
        closed = [p for p in status.pauses if p.end is not None]
        status.used_days = count_between(calendar, status.clock_start, open_pause.start, pauses=closed)
        status.waiting_until = status.consultation_reply_by or status.fee_pay_by
        return
    if status.state is State.CLOSED and status.delivered_on is None and status.outcome is not None:
        # Concluded without an answer to deliver (withdrawn, lapsed): no answer deadline to meet any more.
        status.deadline = None
        return
    status.deadline = count_forward(
        calendar,
        status.clock_start,
        days,
        start_label=status.clock_label,
        pauses=status.pauses,
        extension=status.extension_days,
    )
