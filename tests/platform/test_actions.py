"""The workflow's actions guard the statute, record who and when, and change nothing when they fail."""

from __future__ import annotations

from datetime import date

import pytest

from ogi.platform.audit.models import AuditEntry
from ogi.platform.casework import actions
from ogi.platform.casework.actions import ActionDenied, ActionError, perform
from ogi.platform.casework.models import Case, Event
from ogi.platform.casework.states import EventKind, State

from .conftest import act


def test_correction_can_be_asked_only_once(new_case):
    case = new_case(date(2025, 3, 3))
    case = act(case, "request_correction", date(2025, 3, 4), items="文号", reply_by=date(2025, 3, 18))
    case = act(case, "record_correction", date(2025, 3, 10))
    with pytest.raises(ActionError, match="补正只能告知一次"):
        act(case, "request_correction", date(2025, 3, 11), items="再补", reply_by=date(2025, 3, 25))


def test_correction_must_be_asked_within_seven_working_days(new_case):
    case = new_case(date(2025, 3, 3))  # 7th working day after is 2025-03-12
    with pytest.raises(ActionError, match=r"7个工作日内.*2025-03-12"):
        act(case, "request_correction", date(2025, 3, 13), items="文号", reply_by=date(2025, 3, 28))
    act(case, "request_correction", date(2025, 3, 12), items="文号", reply_by=date(2025, 3, 28))


def test_extension_is_for_the_head_and_at_most_twenty_working_days(new_case, world):
    case = new_case(date(2025, 3, 3))
    with pytest.raises(ActionDenied):
        act(
            case,
            "extend",
            date(2025, 3, 20),
            world.users["dept_officer"],
            days=10,
            reason="r",
            notified_on=date(2025, 3, 20),
        )
    with pytest.raises(ActionError, match="最长不得超过20个工作日"):
        act(
            case,
            "extend",
            date(2025, 3, 20),
            world.users["dept_head"],
            days=21,
            reason="r",
            notified_on=date(2025, 3, 20),
        )
    act(case, "extend", date(2025, 3, 20), world.users["dept_head"], days=15, reason="r", notified_on=date(2025, 3, 20))
    with pytest.raises(ActionError, match="还可延期5个工作日"):
        act(
            case,
            "extend",
            date(2025, 3, 21),
            world.users["dept_head"],
            days=6,
            reason="r",
            notified_on=date(2025, 3, 21),
        )
    case = act(
        case, "extend", date(2025, 3, 21), world.users["dept_head"], days=5, reason="r", notified_on=date(2025, 3, 21)
    )
    assert "延期20个工作日" in case.due_explanation


def test_no_extension_after_the_deadline_has_passed(new_case, world):
    case = new_case(date(2025, 3, 3))  # due 2025-03-31
    with pytest.raises(ActionError, match="已于 2025-03-31 届满"):
        act(
            case,
            "extend",
            date(2025, 4, 1),
            world.users["dept_head"],
            days=10,
            reason="r",
            notified_on=date(2025, 4, 1),
        )


def test_no_decision_without_an_outcome_row(new_case):
    case = new_case(date(2025, 3, 3))
    with pytest.raises(ActionError, match="请选择办理结果"):
        act(case, "decide", date(2025, 3, 10), outcome="")
    with pytest.raises(ActionError, match="请选择办理结果"):
        act(case, "decide", date(2025, 3, 10), outcome="granted_everything")


def test_a_decision_records_its_row_and_legal_basis_and_delivery_closes(new_case):
    case = new_case(date(2025, 3, 3))
    case = act(case, "decide", date(2025, 3, 10), outcome="withheld.process_info")
    assert case.state == State.DECIDED and case.outcome == "withheld.process_info"
    decided = case.events.get(kind=EventKind.DECIDED)
    assert decided.payload["basis"] == "《政府信息公开条例》第十六条第二款"
    case = act(case, "deliver", date(2025, 3, 11), method="邮寄", record="EMS123")
    assert case.state == State.CLOSED and case.concluded_on == date(2025, 3, 10)


def test_unclear_after_correction_needs_a_correction(new_case):
    case = new_case(date(2025, 3, 3))
    with pytest.raises(ActionError, match="只适用于已经补正的申请"):
        act(case, "decide", date(2025, 3, 10), outcome="unavailable.unclear_after_correction")


def test_lapses_conclude_in_their_table_rows(new_case):
    case = new_case(date(2025, 3, 3))
    case = act(case, "request_correction", date(2025, 3, 4), items="文号", reply_by=date(2025, 3, 18))
    with pytest.raises(ActionError, match="尚未届满"):
        act(case, "lapse_correction", date(2025, 3, 18))
    case = act(case, "lapse_correction", date(2025, 3, 19))
    assert (case.state, case.outcome) == (State.CLOSED, "other.no_correction")

    fee = new_case(date(2025, 3, 3), number="F-1")
    fee = act(fee, "notify_fee", date(2025, 3, 5), amount="300", basis="per_page")
    with pytest.raises(ActionError, match="缴费期限"):
        act(fee, "lapse_fee", date(2025, 3, 6))
    fee = act(fee, "lapse_fee", date(2025, 4, 10))
    assert (fee.state, fee.outcome) == (State.CLOSED, "other.unpaid_fee")


def test_withdrawal_at_any_open_step_counts_as_other(new_case):
    case = new_case(date(2025, 3, 3))
    case = act(case, "consult", date(2025, 3, 5), party="某公司", party_kind="third_party")
    case = act(case, "withdraw", date(2025, 3, 6), reason="书面撤回")
    assert (case.state, case.outcome) == (State.CLOSED, "other.other")
    with pytest.raises(ActionError, match="已办结"):
        act(case, "decide", date(2025, 3, 7), outcome="granted")


def test_dates_cannot_go_backwards_or_into_the_future(new_case):
    case = new_case(date(2025, 3, 3))
    case = act(case, "consult", date(2025, 3, 10), party="某公司", party_kind="agency")
    with pytest.raises(ActionError, match="不能早于上一步"):
        act(case, "record_consultation", date(2025, 3, 7), opinion="agree")
    with pytest.raises(ActionError, match="不能晚于今天"):
        perform("record_consultation", case, actions.policy.SYSTEM, on=date(2025, 3, 12), data={"opinion": "agree"},
                today=date(2025, 3, 11))  # fmt: skip


def test_each_action_records_who_and_when_in_the_log_and_the_audit(new_case, world):
    case = new_case(date(2025, 3, 3))
    act(case, "decide", date(2025, 3, 5), world.users["dept_officer"], outcome="granted")
    event = case.events.get(kind=EventKind.DECIDED)
    assert (event.actor, event.actor_name, event.on) == (world.users["dept_officer"], "dept_officer", date(2025, 3, 5))
    entry = AuditEntry.objects.filter(action="case.decide").get()
    assert entry.actor == world.users["dept_officer"] and entry.target == case.number


def test_a_database_error_in_the_middle_of_an_action_leaves_nothing_half_written(new_case, monkeypatch):
    case = new_case(date(2025, 3, 3))
    before = (Event.objects.count(), AuditEntry.objects.count())

    def broken_record(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(actions, "record", broken_record)
    with pytest.raises(RuntimeError):
        act(case, "decide", date(2025, 3, 10), outcome="granted")
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.outcome) == (State.REGISTERED, "")
    assert (Event.objects.count(), AuditEntry.objects.count()) == before


def test_a_failed_registration_leaves_no_case(world, monkeypatch):
    from .conftest import intake

    monkeypatch.setattr(actions, "record", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        actions.register(world.department, actions.policy.SYSTEM, intake(date(2025, 3, 3)), today=date(2025, 3, 3))
    assert Case.objects.count() == 0 and Event.objects.count() == 0


def test_numbers_follow_the_agency_pattern_per_year(new_case, world):
    world.department.request_number_pattern = "财依申〔{year}〕{seq}号"
    world.department.save()
    first = new_case(date(2025, 3, 3))
    second = new_case(date(2025, 3, 4))
    third = new_case(date(2026, 1, 5))
    assert [first.number, second.number, third.number] == [
        "财依申〔2025〕1号",
        "财依申〔2025〕2号",
        "财依申〔2026〕1号",
    ]


def test_in_person_receipt_is_the_day_of_submission(world, new_case):
    from datetime import datetime, time

    from django.utils import timezone

    arrived = timezone.make_aware(datetime.combine(date(2025, 3, 3), time(9)))
    with pytest.raises(ActionError, match="当面提交"):
        new_case(date(2025, 3, 4), today=date(2025, 3, 4), arrived_at=arrived)
    online = new_case(date(2025, 3, 4), today=date(2025, 3, 4), arrived_at=arrived, channel="online")
    assert online.received_on == date(2025, 3, 4)


def test_events_and_audit_entries_are_append_only(new_case):
    from ogi.platform.audit.models import AppendOnlyError as AuditAppendOnly
    from ogi.platform.casework.models import AppendOnlyError

    case = new_case(date(2025, 3, 3))
    event = case.events.get()
    event.on = date(2025, 1, 1)
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    entry = AuditEntry.objects.first()
    with pytest.raises(AuditAppendOnly):
        entry.delete()


@pytest.mark.django_db(transaction=True)
def test_postgresql_refuses_to_change_the_event_log_or_audit_log_itself(new_case):
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the database-level guard is PostgreSQL's (the model-level guard is tested on every database)")
    case = new_case(date(2025, 3, 3))
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Event.objects.filter(case=case).update(on=date(2025, 1, 1))
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.all().delete()
