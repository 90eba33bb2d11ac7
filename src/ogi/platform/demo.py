"""Demo data: 东沟乡人民政府 (the seed's township), its county with four departments, users for every role,
and two years of requests in every state and every outcome row, dated relative to today.

Every case is made through the workflow actions, by the demo users, so the demo obeys the same rules as real
use. The data is deterministic for a given day.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from stdnum.cn import ric, uscc

from ogi.platform.agencies.models import Agency, Kind, Level, Role, Staff
from ogi.platform.casework.actions import ActionError, Intake, perform, register
from ogi.platform.casework.clock import count_forward
from ogi.platform.casework.models import Case
from ogi.platform.casework.outcomes import DECIDABLE, NO_CORRECTION, UNPAID_FEE
from ogi.platform.casework.states import Channel, IdKind, State
from ogi.platform.workcalendar.service import current_calendar

DEMO_PASSWORD = "ogi-demo-2026"
COUNTY = "互助土族自治县人民政府"
TOWNSHIP = "东沟乡人民政府"
DEPARTMENTS = (
    ("互助土族自治县财政局", "互助财政"),
    ("互助土族自治县自然资源局", "互助自然资源"),
    ("互助土族自治县住房和城乡建设局", "互助住建"),
    ("互助土族自治县教育局", "互助教育"),
)

REQUESTS = (
    "本乡2024年农村低保发放名单及标准",
    "某路段拆迁补偿安置方案",
    "本人宅基地审批档案",
    "2025年度部门预算及“三公”经费说明",
    "某小区规划许可证及附图",
    "某项目环境影响评价批复文件",
    "农村道路硬化工程招标及验收资料",
    "学校食堂食品安全检查记录",
    "高标准农田建设项目资金使用情况",
    "土地征收补偿标准及批复文件",
    "本村集体土地承包经营权流转合同",
    "县城老旧小区改造项目实施方案",
    "某企业行政处罚决定书",
    "义务教育阶段招生划片方案",
)
PEOPLE = ("张某某", "李某", "王某某", "赵某", "刘某某", "陈某", "杨某", "马某某", "祁某", "李某某")
ORGANISATIONS = {
    "commercial": ("某某建设有限公司", "某某商贸有限公司", "某某房地产开发有限公司"),
    "research": ("某某研究院",),
    "nonprofit": ("某某公益基金会", "某某环保协会"),
    "legal_service": ("某某律师事务所", "某某法律服务所"),
    "other": ("某某村民委员会", "某某合作社"),
}


def _resident_id(rng: random.Random) -> str:
    born = date(1955, 1, 1) + timedelta(days=rng.randrange(0, 365 * 45))
    body = f"632126{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return body + ric.calc_check_digit(body + "?")  # python-stdnum's ric wants a placeholder for the check digit


def _credit_code(rng: random.Random) -> str:
    body = "91632126" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    return body + uscc.calc_check_digit(body)


def agency_from_name(name: str, *, save: bool = True) -> Agency:
    """An agency known only by its full name: kind and level read from the name."""
    government = name.endswith("人民政府")
    if any(word in name for word in ("乡", "镇", "街道")) and government:
        level = Level.TOWNSHIP
    elif "省" in name and not any(w in name for w in ("市", "县", "区")):
        level = Level.PROVINCE
    elif any(word in name for word in ("县", "区", "旗")):
        level = Level.COUNTY
    else:
        level = Level.CITY
    agency = Agency(name=name, kind=Kind.GOVERNMENT if government else Kind.DEPARTMENT, level=level)
    if save:
        agency.full_clean()
        agency.save()
    return agency


@dataclass
class DemoSummary:
    users: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, agency
    cases: int = 0
    by_state: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        lines = [
            f"演示数据已创建：{self.cases} 件申请（" + "，".join(f"{k} {v}" for k, v in self.by_state.items()) + "）"
        ]
        lines.append(f"演示用户（密码均为 {DEMO_PASSWORD}）：")
        for username, role, agency in self.users:
            lines.append(f"  {username:<18} {role:<6} {agency}")
        return "\n".join(lines)


class DemoRefused(Exception):
    pass


def _reset() -> None:
    demo_names = {COUNTY, TOWNSHIP, *(n for n, _ in DEPARTMENTS)}
    others = Agency.objects.exclude(name__in=demo_names)
    if others.exists():
        raise DemoRefused("数据库中已有非演示机关的数据，为防止误删，不能重置演示数据（请使用新的数据库）")
    call_command("flush", interactive=False, verbosity=0)


def _agencies() -> dict[str, Agency]:
    county = Agency.objects.create(
        name=COUNTY, short_name="互助", kind=Kind.GOVERNMENT, level=Level.COUNTY,
        address="青海省海东市互助土族自治县威远镇", phone="0972-8322000", office_hours="工作日 8:30—12:00，14:30—18:00",
    )  # fmt: skip
    agencies = {COUNTY: county}
    agencies[TOWNSHIP] = Agency.objects.create(
        name=TOWNSHIP, short_name="东沟", kind=Kind.GOVERNMENT, level=Level.TOWNSHIP, parent=county,
        address="互助土族自治县东沟乡塘拉村二社", postcode="810599", phone="0972—8390165",
        office_hours="工作日 8:30—12:00，14:30—18:00",
    )  # fmt: skip
    for name, short in DEPARTMENTS:
        agencies[name] = Agency.objects.create(
            name=name, short_name=short, kind=Kind.DEPARTMENT, level=Level.COUNTY, parent=county
        )
    return agencies


def _users(agencies: dict[str, Agency], summary: DemoSummary) -> dict[str, dict[str, Any]]:
    User = get_user_model()
    people: dict[str, dict[str, Any]] = {}

    def make(username: str, role: str, agency: Agency | None, name: str) -> Any:
        admin = role == Role.ADMIN
        user = User.objects.create_user(username, password=DEMO_PASSWORD, is_staff=admin, is_superuser=admin)
        Staff.objects.create(user=user, agency=agency, role=role, display_name=name)
        summary.users.append((username, Role(role).label, agency.name if agency else "（全部）"))
        return user

    make("admin", Role.ADMIN, None, "系统管理员")
    make("county_supervisor", Role.SUPERVISOR, agencies[COUNTY], "县政务公开办")
    plan = [
        (TOWNSHIP, "donggou"),
        (COUNTY, "county"),
        *((name, f"dept{i}") for i, (name, _) in enumerate(DEPARTMENTS, start=1)),
    ]
    for agency_name, prefix in plan:
        agency = agencies[agency_name]
        people[agency_name] = {
            "officer": make(f"{prefix}_officer", Role.OFFICER, agency, f"{agency.short_name}经办人"),
            "head": make(f"{prefix}_head", Role.HEAD, agency, f"{agency.short_name}负责人"),
        }
    return people


def _workday_after(calendar: Any, day: date, n: int) -> date:
    return count_forward(calendar, day, n).due


def _make_case(
    rng: random.Random,
    agency: Agency,
    staff: dict[str, Any],
    received: date,
    today: date,
    calendar: Any,
    *,
    open_only: bool = False,
) -> Case:
    applicant_type = rng.choices(
        ["natural_person", "commercial", "research", "nonprofit", "legal_service", "other"], [60, 15, 3, 5, 10, 7]
    )[0]
    natural = applicant_type == "natural_person"
    name = rng.choice(PEOPLE) if natural else rng.choice(ORGANISATIONS[applicant_type])
    channel = rng.choice([Channel.IN_PERSON, Channel.POST, Channel.ONLINE, Channel.ONLINE, Channel.FAX])
    arrived = timezone.make_aware(datetime.combine(received, time(rng.randrange(8, 17), rng.randrange(0, 60))))
    intake = Intake(
        channel=channel, arrived_at=arrived, received_on=received, applicant_type=applicant_type,
        applicant_name=name, description=rng.choice(REQUESTS),
        id_kind=IdKind.RESIDENT_ID if natural else IdKind.CREDIT_CODE,
        id_number=_resident_id(rng) if natural else _credit_code(rng),
        phone=f"139{rng.randrange(10**7, 10**8)}", address="青海省海东市互助土族自治县",
        delivery_form=rng.choice(["纸质，邮寄", "电子邮件", "当面领取"]),
    )  # fmt: skip
    officer, head = staff["officer"], staff["head"]
    case = register(agency, officer, intake, today=today)
    if open_only:
        return case
    day = received

    def step(name: str, on: date, data: dict[str, Any] | None = None, actor: Any = officer) -> bool:
        nonlocal day
        if on > today:
            return False
        perform(name, case, actor, on=on, data=data or {}, today=today)
        day = on
        return True

    path = rng.random()
    # Open cases stay open when their next step would fall after today.
    if path < 0.12:  # 补正
        asked = _workday_after(calendar, received, rng.randrange(1, 6))
        reply_by = _workday_after(calendar, asked, 15)
        if not step(
            "request_correction", asked, {"items": "请明确所需信息的名称、文号或时间范围", "reply_by": reply_by}
        ):
            return case
        if rng.random() < 0.3:
            step("lapse_correction", reply_by + timedelta(days=1))
            return case
        if not step("record_correction", _workday_after(calendar, asked, rng.randrange(2, 10))):
            return case
    if 0.12 <= path < 0.2:  # third party
        if not step("consult", _workday_after(calendar, day, rng.randrange(2, 6)),
                    {"party": "某某有限公司", "party_kind": "third_party"}):  # fmt: skip
            return case
        if not step("record_consultation", _workday_after(calendar, day, rng.randrange(3, 15)),
                    {"opinion": rng.choice(["agree", "object"])}):  # fmt: skip
            return case
    if 0.2 <= path < 0.28:  # extension approved by the head
        on = _workday_after(calendar, day, rng.randrange(12, 18))
        if not step("extend", on, {"days": 20, "reason": "所需信息涉及多个股室，需调取档案", "notified_on": on}, head):
            return case
    if 0.28 <= path < 0.32:  # fee
        if not step("notify_fee", _workday_after(calendar, day, 5), {"amount": "200", "basis": "per_application"}):
            return case
        if rng.random() < 0.4:
            step("lapse_fee", _workday_after(calendar, day, 21))
            return case
        if not step("record_payment", _workday_after(calendar, day, rng.randrange(2, 10))):
            return case
    if 0.32 <= path < 0.36:
        step("withdraw", _workday_after(calendar, day, rng.randrange(1, 8)), {"reason": "申请人书面撤回"})
        return case
    # Decide: mostly in time, some late (overdue history), and some not yet.
    wait = rng.choice([3, 6, 9, 12, 15, 18, 19, 22]) if rng.random() < 0.9 else rng.randrange(25, 35)
    weights = [30 if o.code == "granted" else 8 if o.code in ("partially_granted", "unavailable.not_held") else 1
               for o in DECIDABLE]  # fmt: skip
    outcome = rng.choices(DECIDABLE, weights)[0]
    if outcome.code == "unavailable.unclear_after_correction" and case.state != State.REGISTERED:
        outcome = DECIDABLE[0]
    try:
        if not step("decide", _workday_after(calendar, day, wait), {"outcome": outcome.code, "summary": ""}):
            return case
    except ActionError:  # e.g. "补正后仍不明确" on a case never corrected: decide as granted instead
        step("decide", _workday_after(calendar, day, wait), {"outcome": "granted", "summary": ""})
    step("deliver", _workday_after(calendar, day, rng.randrange(0, 3)), {"method": "邮寄", "record": "EMS"})
    return case


def _cover_every_row_and_state(agency: Agency, staff: dict[str, Any], today: date, calendar: Any) -> None:
    """Make sure the demo shows every table 三 outcome row and every open state at least once."""
    rng = random.Random("ogi-demo-coverage")
    officer = staff["officer"]
    present = set(Case.objects.values_list("outcome", flat=True))
    received = _workday_after(calendar, date(today.year - 1, 3, 1), 0)
    for outcome in (*DECIDABLE, NO_CORRECTION, UNPAID_FEE):
        if outcome.code in present:
            continue
        received = _workday_after(calendar, received, 3)
        case = _make_case(rng, agency, staff, received, today, calendar, open_only=True)
        day = received
        if outcome.code in ("unavailable.unclear_after_correction", "other.no_correction"):
            asked = _workday_after(calendar, day, 2)
            reply_by = _workday_after(calendar, asked, 10)
            perform(
                "request_correction", case, officer, on=asked, data={"items": "请明确所需信息", "reply_by": reply_by}
            )
            if outcome.code == "other.no_correction":
                perform("lapse_correction", case, officer, on=reply_by + timedelta(days=1))
                continue
            day = _workday_after(calendar, asked, 5)
            perform("record_correction", case, officer, on=day)
        if outcome.code == "other.unpaid_fee":
            notice = _workday_after(calendar, day, 3)
            perform("notify_fee", case, officer, on=notice, data={"amount": "100", "basis": "per_application"})
            perform("lapse_fee", case, officer, on=_workday_after(calendar, notice, 21))
            continue
        if outcome.code == "other.other":
            perform("withdraw", case, officer, on=_workday_after(calendar, day, 2), data={"reason": "申请人书面撤回"})
            continue
        decided = _workday_after(calendar, day, 10)
        perform("decide", case, officer, on=decided, data={"outcome": outcome.code})
        perform("deliver", case, officer, on=_workday_after(calendar, decided, 1), data={"method": "邮寄"})
    # Open states, dated so that they are current today.
    recent = today - timedelta(days=6)
    while not calendar.is_workday(recent):
        recent -= timedelta(days=1)
    present_states = set(Case.objects.filter(agency=agency).values_list("state", flat=True))
    steps = {
        State.AWAITING_CORRECTION: (
            "request_correction",
            {"items": "请写明文号", "reply_by": today + timedelta(days=20)},
        ),
        State.CONSULTING: ("consult", {"party": "某某有限公司", "party_kind": "third_party"}),
        State.AWAITING_FEE: ("notify_fee", {"amount": "200", "basis": "per_application"}),
        State.DECIDED: ("decide", {"outcome": "granted"}),
    }
    for state, (name, data) in steps.items():
        if state in present_states:
            continue
        case = _make_case(rng, agency, staff, recent, today, calendar, open_only=True)
        perform(name, case, officer, on=_workday_after(calendar, recent, 2), data=data, today=today)


def _annual_reports(agencies: dict[str, Agency], people: dict[str, dict[str, Any]], today: date) -> None:
    from ogi.platform.annual.demo import department_reports, seed_report

    seed_report(agencies[TOWNSHIP], people[TOWNSHIP]["head"], people[TOWNSHIP]["officer"])
    department_reports({n: a for n, a in agencies.items() if n != TOWNSHIP}, people, today)


def create_demo(*, today: date | None = None, per_year: int = 24) -> DemoSummary:
    today = today or timezone.localdate()
    _reset()
    summary = DemoSummary()
    rng = random.Random(f"ogi-demo-{today.isoformat()}")
    calendar = current_calendar()
    with transaction.atomic():
        agencies = _agencies()
        people = _users(agencies, summary)
        for name, agency in agencies.items():
            count = per_year // 3 if name == TOWNSHIP else per_year
            for year in (today.year - 1, today.year):
                start = date(year, 1, 2)
                end = min(date(year, 12, 31), today)
                span = (end - start).days
                for _ in range(count):
                    received = start + timedelta(days=rng.randrange(0, span + 1))
                    while not calendar.is_workday(received):
                        received += timedelta(days=1)
                    if received > today:
                        continue
                    _make_case(rng, agency, people[name], received, today, calendar)
            # a few cases received in the last weeks: due this week, overdue, just registered
            for back in (17, 19, 24, 2, 0):
                received = today - timedelta(days=back * 7 // 5)
                while not calendar.is_workday(received):
                    received -= timedelta(days=1)
                rng_recent = random.Random(f"{name}-{back}")
                _make_case(rng_recent, agency, people[name], received, today, calendar, open_only=True)
        _cover_every_row_and_state(agencies[COUNTY], people[COUNTY], today, calendar)
        _annual_reports(agencies, people, today)
        _public_side(agencies[TOWNSHIP], people)
    summary.cases = Case.objects.count()
    for state in State:
        summary.by_state[state.label] = Case.objects.filter(state=state).count()
    return summary


def _public_side(agency: Agency, people: dict[str, dict[str, Any]]) -> None:
    """The township's 政府信息公开指南, and the 答复书 of every decided case, issued on the day of the decision."""
    from ogi.platform.documents import actions as documents
    from ogi.platform.documents.drafting import answer_kind
    from ogi.platform.public.models import Column

    Column.objects.create(
        agency=agency,
        guide="本指南依照《中华人民共和国政府信息公开条例》编制，说明本机关政府信息公开的方式和途径。\n"
        "主动公开的政府信息通过互助县人民政府门户网站“政府信息公开”专栏、政务公开栏等途径公开。\n"
        "公民、法人或者其他组织可以向本机关申请获取相关政府信息，申请应当包括申请人的姓名或者名称、身份证明、"
        "联系方式，所需信息的名称、文号或者特征性描述，以及获取信息的方式、途径。",
        rules="《东沟乡政府信息公开工作制度》：政府信息公开工作由党政办公室具体承办。",
    )
    for case in Case.objects.filter(state=State.DECIDED).select_related("agency"):
        officer = people[case.agency.name]["officer"]
        draft = documents.start(case, answer_kind(case), officer)
        documents.issue(draft, officer, today=case.concluded_on)
