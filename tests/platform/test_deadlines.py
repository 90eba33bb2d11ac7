"""Answer deadlines derived from a case's events on the official calendar (casework-rules.md §2)."""

from __future__ import annotations

from datetime import date

from ogi.platform.casework.clock import Pause, count_forward
from ogi.platform.casework.states import State
from ogi.platform.policy import SYSTEM
from ogi.platform.workcalendar.service import current_calendar, load_notice_text
from ogi.workdays import Calendar

from .conftest import act


def test_worked_examples_from_the_rules():
    calendar = Calendar()
    autumn = count_forward(calendar, date(2025, 9, 26), 20)
    assert autumn.due == date(2025, 10, 30)
    assert autumn.explain() == "收到 2025-09-26，第20个工作日为 2025-10-30（含调休上班日 09-28、10-11）"
    assert count_forward(calendar, date(2026, 2, 10), 20).due == date(2026, 3, 16)


def test_a_new_case_is_due_on_the_twentieth_working_day(new_case):
    case = new_case(date(2025, 9, 26))
    assert case.state == State.REGISTERED
    assert case.due_date == date(2025, 10, 30)
    assert "含调休上班日 09-28、10-11" in case.due_explanation
    assert not case.due_provisional


def test_correction_stops_the_clock_and_restarts_it_from_the_corrected_request(new_case):
    case = new_case(date(2025, 3, 3))
    case = act(case, "request_correction", date(2025, 3, 5), items="请写明文号", reply_by=date(2025, 3, 20))
    assert case.state == State.AWAITING_CORRECTION
    assert case.due_date is None and case.waiting_until == date(2025, 3, 20)
    case = act(case, "record_correction", date(2025, 3, 14))
    assert case.state == State.REGISTERED
    assert case.due_date == count_forward(Calendar(), date(2025, 3, 14), 20).due == date(2025, 4, 14)
    assert case.due_explanation.startswith("补正后收到 2025-03-14")


def test_consultation_pauses_the_clock_for_its_working_days(new_case):
    case = new_case(date(2025, 3, 3))  # due 2025-03-31 without a pause
    assert case.due_date == date(2025, 3, 31)
    case = act(case, "consult", date(2025, 3, 10), party="某公司", party_kind="third_party")
    assert case.state == State.CONSULTING and case.due_date is None
    assert case.waiting_until == count_forward(Calendar(), date(2025, 3, 10), 15).due
    case = act(case, "record_consultation", date(2025, 3, 17), opinion="agree")  # 5 working days paused
    assert case.due_date == date(2025, 4, 8)  # 03-31 plus five working days (04-04 清明 is off)
    assert "暂停计时5个工作日" in case.due_explanation


def test_extension_adds_working_days_and_says_so(new_case, world):
    case = new_case(date(2025, 3, 3))
    case = act(
        case,
        "extend",
        date(2025, 3, 20),
        world.users["dept_head"],
        days=20,
        reason="需调档",
        notified_on=date(2025, 3, 20),
    )
    assert case.due_date == count_forward(Calendar(), date(2025, 3, 3), 40).due
    assert "延期20个工作日，第40个工作日为" in case.due_explanation


def test_fee_notice_pauses_until_paid(new_case):
    case = new_case(date(2025, 3, 3))
    case = act(case, "notify_fee", date(2025, 3, 10), amount="100", basis="per_application")
    assert case.state == State.AWAITING_FEE and case.due_date is None
    case = act(case, "record_payment", date(2025, 3, 12))
    assert (
        case.due_date
        == count_forward(
            Calendar(), date(2025, 3, 3), 20, pauses=[Pause(date(2025, 3, 10), date(2025, 3, 12), "缴费")]
        ).due
        == date(2025, 4, 2)
    )


def test_a_deadline_in_an_unpublished_year_is_provisional_until_its_notice_is_loaded(new_case):
    case = new_case(date(2026, 12, 15), today=date(2026, 12, 15))
    assert case.due_provisional
    assert "暂定" in case.due_explanation and "2027年" in case.due_explanation
    provisional_due = case.due_date
    # 2027 notice (made up for the test): 1 January to 3 January off, and 4 January off as well.
    notice = "2027-01-01 休\n2027-01-04 休\n2027-01-10 班\n"
    loaded, recomputed = load_notice_text(notice, actor=SYSTEM, year=2027)
    assert loaded.year == 2027 and recomputed >= 1
    case.refresh_from_db()
    assert not case.due_provisional and "暂定" not in case.due_explanation
    calendar = current_calendar()
    assert calendar.knows(2027)
    exact = count_forward(calendar, date(2026, 12, 15), 20).due
    assert case.due_date == exact
    # 01-01 and 01-04 are off, 01-10 (a Sunday) is a working day: one day later than Monday–Friday counting.
    assert provisional_due is not None and exact != provisional_due
    assert "01-10" in case.due_explanation


def test_makeup_days_in_another_year_are_written_in_full():
    calendar = Calendar()
    due = count_forward(calendar, date(2025, 12, 20), 20)  # crosses 2026-01-04, a make-up Sunday
    assert "2026-01-04" in due.explain()
