"""Cases for the security tests, in the three agencies a county user can meet: its own county government, the
county's subordinate department and a neighbouring county ("other").

Every case has its own number, applicant name, ID number and phone, so a page that leaks another agency's case
can be caught by looking for any of them. Dates are relative to the real today, because the pages and the
actions read the clock themselves (and refuse dates in the future).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone
from stdnum.cn import ric

from ogi.platform.agencies.models import Agency
from ogi.platform.audit.models import AuditEntry
from ogi.platform.casework.actions import Intake, perform, register
from ogi.platform.casework.clock import count_forward
from ogi.platform.casework.models import Case, Event
from ogi.platform.casework.views import DUE_SOON_WORKDAYS
from ogi.platform.policy import SYSTEM
from ogi.platform.workcalendar.models import LoadedYear
from ogi.platform.workcalendar.service import current_calendar

from .conftest import World

RELATIONS = ("own", "subordinate", "other")
#: The kinds of case the work lists sort into.
KINDS = ("fresh", "due", "overdue", "closed")
_SURNAMES = {"own": "赵", "subordinate": "钱", "other": "孙"}
_GIVEN = {"fresh": "甲", "due": "乙", "overdue": "丙", "closed": "丁", "action": "戊"}
#: The officer of each agency: registers the agency's "fresh" case, so that case is on the officer's own list.
OFFICERS = {"own": "county_officer", "subordinate": "dept_officer", "other": "other_officer"}


def today() -> date:
    return timezone.localdate()


def agency_of(world: World, relation: str) -> Agency:
    return {"own": world.county, "subordinate": world.department, "other": world.other_county}[relation]


def resident_id(serial: int) -> str:
    """A valid 居民身份证号 (GB 11643 check character) that differs from the others in its last four characters."""
    body = f"11010519800101{serial:03d}"
    return body + ric.calc_check_digit(body + "?")  # the function skips the last character


def phone(serial: int) -> str:
    return f"139{serial:08d}"


def _serial(relation: str, kind: str) -> int:
    return 100 * (RELATIONS.index(relation) + 1) + list(_GIVEN).index(kind) + 1


def identity_of(relation: str, kind: str) -> dict[str, str]:
    """The applicant's particulars of the case of ``kind`` in the ``relation`` agency."""
    serial = _serial(relation, kind)
    return {
        "number": f"{relation.upper()}-{kind}",
        "applicant_name": _SURNAMES[relation] + _GIVEN[kind],
        "id_number": resident_id(serial),
        "phone": phone(serial),
        "description": f"{relation}-{kind}-所需信息",
    }


def make_intake(received: date, **values: Any) -> Intake:
    fields: dict[str, Any] = {
        "channel": "in_person",
        "arrived_at": timezone.make_aware(datetime.combine(received, time(9, 0))),
        "received_on": received,
        "applicant_type": "natural_person",
        "id_kind": "resident_id",
        "applicant_name": "张三",
        "description": "本乡低保名单",
    }
    fields.update(values)
    return Intake(**fields)


def _received_for_due_soon() -> date:
    """A day of receipt whose answer deadline falls within the "due soon" window of the work list."""
    calendar, now = current_calendar(), today()
    last = count_forward(calendar, now, DUE_SOON_WORKDAYS).due
    for back in range(1, 120):
        received = now - timedelta(days=back)
        if now <= count_forward(calendar, received, 20).due <= last:
            return received
    raise AssertionError("no day of receipt gives a deadline within the due-soon window")


def make_case(world: World, relation: str, kind: str) -> Case:
    """One case of ``kind`` in the agency of ``relation``; "fresh" cases are registered by the agency's officer."""
    agency, now = agency_of(world, relation), today()
    particulars = identity_of(relation, kind)
    received = {"due": _received_for_due_soon(), "overdue": now - timedelta(days=90)}.get(kind, now)
    actor = world.users[OFFICERS[relation]] if kind == "fresh" else SYSTEM
    case = register(agency, actor, make_intake(received, **particulars), today=now)
    if kind == "closed":
        perform("decide", case, SYSTEM, on=now, data={"outcome": "granted"}, today=now)
        perform("deliver", case, SYSTEM, on=now, data={"method": "邮寄"}, today=now)
    case.refresh_from_db()
    return case


def make_casebook(world: World) -> dict[tuple[str, str], Case]:
    """Every kind of case in every agency, keyed by (relation, kind)."""
    return {(relation, kind): make_case(world, relation, kind) for relation in RELATIONS for kind in KINDS}


# ------------------------------------------------------------------------------------------------ actions


def _step(case: Case, name: str, on: date, **data: Any) -> None:
    perform(name, case, SYSTEM, on=on, data=data, today=today())


def case_ready_for(world: World, relation: str, action: str) -> Case:
    """A case of the ``relation`` agency in a state where ``action`` is available today."""
    now = today()
    received = {"lapse_correction": now - timedelta(days=30), "lapse_fee": now - timedelta(days=90)}.get(action, now)
    case = register(agency_of(world, relation), SYSTEM, make_intake(received, **identity_of(relation, "action")))
    # A lapse needs the applicant's time to have run out: the notice went out the day after a past receipt.
    step_on = received + timedelta(days=1) if action.startswith("lapse_") else now
    if action in ("record_correction", "lapse_correction"):
        reply_by = step_on + timedelta(days=5 if action == "lapse_correction" else 15)
        _step(case, "request_correction", step_on, items="申请书未写明文号", reply_by=reply_by)
    elif action == "record_consultation":
        _step(case, "consult", now, party_kind="third_party", party="某公司")
    elif action in ("record_payment", "lapse_fee"):
        _step(case, "notify_fee", step_on, amount="10", basis="per_application")
    elif action == "deliver":
        _step(case, "decide", now, outcome="granted")
    case.refresh_from_db()
    return case


def action_form(action: str) -> dict[str, str]:
    """What a person submits on the action's form today: valid for a case from ``case_ready_for``."""
    now = today().isoformat()
    data = {
        "request_correction": {"items": "请写明所需信息的文号", "reply_by": (today() + timedelta(days=15)).isoformat()},
        "record_correction": {"summary": "已补正"},
        "consult": {"party_kind": "third_party", "party": "某公司"},
        "record_consultation": {"opinion": "agree"},
        "extend": {"days": "5", "reason": "需要调取档案", "notified_on": now},
        "notify_fee": {"basis": "per_application", "amount": "10"},
        "decide": {"outcome": "granted"},
        "deliver": {"method": "邮寄"},
        "withdraw": {"reason": "申请人书面撤回"},
    }.get(action, {})
    return {"on": now, **data}


def intake_form(**overrides: str) -> dict[str, str]:
    """The intake form as an officer fills it in today."""
    now = today()
    data = {
        "channel": "in_person",
        "arrived_at": f"{now.isoformat()}T09:00",
        "received_on": now.isoformat(),
        "applicant_type": "natural_person",
        "applicant_name": "周新",
        "id_kind": "resident_id",
        "id_number": resident_id(901),
        "phone": phone(901),
        "description": "本县2025年财政预算执行情况",
    }
    data.update(overrides)
    return data


def register_csv(number: str = "IMP-0001", *, id_number: str = "", phone_number: str = "", rows: int = 1) -> bytes:
    """A 登记台账 in the template's columns, with ``rows`` open requests."""
    lines = ["受理编号,收到申请日期,申请方式,申请人类型,申请人,证件号码,联系电话,申请内容"]
    for i in range(rows):
        suffix = f"-{i}" if i else ""
        lines.append(f"{number}{suffix},2025-03-03,邮寄,自然人,吴某,{id_number},{phone_number},某文件")
    return ("\n".join(lines) + "\n").encode()


def snapshot() -> tuple[int, ...]:
    """Counts of every row a state change would add (cases, events, audit entries, loaded calendar years)."""
    return (
        Case.objects.count(),
        Event.objects.count(),
        AuditEntry.objects.count(),
        LoadedYear.objects.count(),
        Agency.objects.count(),
    )
