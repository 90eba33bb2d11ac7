"""Platform pages with 100,000 cases on PostgreSQL: the work lists and the case page, against a bare Django view.

    python bench/platform_pages.py [--requests N] [--cases N] [--reuse]

Creates (or re-creates) its own database ``ogi_bench_pages`` (``OGI_BENCH_PAGES_DB``; not ``ogi_bench``, which
another benchmark may be filling at the same time) on the PostgreSQL server of ``DATABASE_URL`` (else
127.0.0.1:5432, user postgres), fills it with cases and their event logs by ``bulk_create`` (the derived columns
come from the same ``derive`` the actions use, so they are what the pages would see in use), then requests every
work list, with and without a search, and the case page through Django's test Client, as an officer of the
largest agency and as the county's supervisor (who reads every agency's cases). Prints p50/p95 per page, the
number of SQL queries each page makes, and the same figures for a view that does nothing (``/healthz``): the cost
of Django and its middleware on this machine. Figures only: nothing here fails on a number.

The corpus argument of ``make bench`` is unused. The database is left in place for EXPLAIN by hand.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

CASES = 100_000
REQUESTS = 200
#: Its own database, dropped and re-created on each run: other benchmarks on the same server keep theirs.
DATABASE = os.environ.get("OGI_BENCH_PAGES_DB", "ogi_bench_pages")
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"

COUNTY = "白河县人民政府"
DEPARTMENTS = (
    "财政局",
    "教育局",
    "公安局",
    "民政局",
    "自然资源局",
    "住房和城乡建设局",
    "人力资源和社会保障局",
    "生态环境局",
    "交通运输局",
    "农业农村局",
    "卫生健康局",
    "市场监督管理局",
)
TOWNSHIPS = ("城关镇", "河口镇", "石门乡", "东岭乡", "西川镇", "南山乡", "北塬镇", "柳湾乡")
#: The county government's own share of the cases: its officer's lists are the largest one agency has.
COUNTY_SHARE = 0.3


# ------------------------------------------------------------------------------------------------ the database


def bench_database_url() -> str:
    """The bench database on the PostgreSQL server of DATABASE_URL, else on the local one."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = DEFAULT_SERVER
    return urlunsplit(urlsplit(url)._replace(path=f"/{DATABASE}", query=""))


def recreate_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    maintenance = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DATABASE)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE)))


def setup_django(url: str) -> None:
    """The platform's own settings on the bench database; secrets in a throw-away data folder."""
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "ogi.platform.settings"
    os.environ.setdefault("OGI_DATA_DIR", tempfile.mkdtemp(prefix="ogi-bench-"))
    # Fixed keys: ID numbers encrypted and hashed by one run stay readable and searchable by the next (--reuse).
    os.environ.setdefault("OGI_SECRET_KEY", "ogi-bench-pages-secret-key-not-for-production-0123456789")
    os.environ.setdefault("OGI_FIELD_KEY", "ogi-bench-pages-field-key")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the pages link their CSS through the manifest


# ------------------------------------------------------------------------------------------------ the cases


@dataclass
class Filled:
    officer: Any  # 经办人 of the county government
    supervisor: Any  # the county's 主管部门 reader of every agency below it
    officer_cases: list[int]
    seconds: float


def _agencies() -> list[Any]:
    from ogi.platform.agencies.models import Agency, Kind, Level

    county = Agency.objects.create(name=COUNTY, short_name="白河", kind=Kind.GOVERNMENT, level=Level.COUNTY)
    below = [
        Agency(name=f"白河县{name}", kind=Kind.DEPARTMENT, level=Level.COUNTY, parent=county) for name in DEPARTMENTS
    ]
    below += [
        Agency(name=f"白河县{name}人民政府", kind=Kind.GOVERNMENT, level=Level.TOWNSHIP, parent=county)
        for name in TOWNSHIPS
    ]
    return [county, *Agency.objects.bulk_create(below)]


def _staff(agencies: list[Any]) -> tuple[dict[int, Any], Any, Any]:
    """One officer per agency (the assignees); the bench logs in with force_login, so no password is set."""
    from django.contrib.auth import get_user_model

    from ogi.platform.agencies.models import Role, Staff

    user_model = get_user_model()
    officers = {}
    for i, agency in enumerate(agencies):
        user = user_model(username=f"officer{i}")
        user.set_unusable_password()
        user.save()
        Staff.objects.create(user=user, agency=agency, role=Role.OFFICER, display_name=f"经办人{i}")
        officers[agency.pk] = user
    supervisor = user_model(username="supervisor")
    supervisor.set_unusable_password()
    supervisor.save()
    Staff.objects.create(user=supervisor, agency=agencies[0], role=Role.SUPERVISOR, display_name="督查员")
    return officers, officers[agencies[0].pk], supervisor


def _resident_id(rng: random.Random) -> str:
    from stdnum.cn import ric

    born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 50))
    body = f"632126{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "?")  # python-stdnum's ric wants a placeholder for the check digit


@functools.cache
def _nth_workday(calendar: Any, start: date, n: int) -> date:
    """Event dates repeat (two years of receipts, a few step lengths): count each once."""
    from ogi.platform.casework.clock import count_forward

    return count_forward(calendar, start, n).due


def _story(rng: random.Random, received: date, today: date, calendar: Any) -> list[Any]:
    """The events of one case: old cases mostly answered, recent ones in every open state."""
    from ogi.platform.casework.outcomes import DECIDABLE
    from ogi.platform.casework.states import EventKind as K
    from ogi.platform.casework.workflow import EventRecord

    events = [EventRecord(K.RECEIVED, received, {"channel": "post"})]

    def day(n: int) -> date:
        return min(today, _nth_workday(calendar, received, n))

    def add(kind: str, n: int, **payload: Any) -> None:
        events.append(EventRecord(kind, day(n), payload))

    def decide(n: int) -> None:
        outcome = rng.choice(DECIDABLE)
        add(K.DECIDED, n, outcome=outcome.code, basis=outcome.basis)

    age, roll = (today - received).days, rng.random()
    if (age > 45 and roll < 0.97) or (age <= 45 and roll < 0.15):  # answered and delivered
        if rng.random() < 0.1:
            add(K.CORRECTION_REQUESTED, 3, items="所需信息不明确", reply_by=day(18).isoformat())
            add(K.CORRECTED, 8, summary="已补正")
        if rng.random() < 0.08:
            add(K.EXTENDED, 15, days=20, reason="需要调取档案", notified_on=day(15).isoformat())
        if rng.random() < 0.04:
            add(K.WITHDRAWN, 16, reason="申请人撤回")
            return events
        decide(rng.randrange(17, 20))
        add(K.DELIVERED, 20, method="邮寄")
    elif roll < 0.1 and age <= 30:
        add(K.CORRECTION_REQUESTED, 2, items="请补充身份证明", reply_by=day(17).isoformat())
    elif roll < 0.2:
        add(K.CONSULTATION_SENT, 4, party="第三方企业", party_kind="third_party")
    elif roll < 0.25:
        add(K.FEE_NOTICE, 6, amount="100.00", basis="per_application")
    elif roll < 0.4:
        decide(10)
    elif roll < 0.5:
        add(K.EXTENDED, 12, days=20, reason="需要调取档案", notified_on=day(12).isoformat())
    return events


def _chunks(total: int, size: int) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(total, start + size))


def fill(cases: int, today: date, seed: int = 6) -> Filled:
    """``cases`` cases over the two years before ``today``, with their events, by bulk_create."""
    from django.db import connection, transaction
    from django.utils import timezone

    from ogi.platform.casework.models import Case, Event, NumberSeries
    from ogi.platform.casework.workflow import derive
    from ogi.platform.demo import ORGANISATIONS, PEOPLE, REQUESTS
    from ogi.platform.workcalendar.service import current_calendar

    started = time.perf_counter()
    rng = random.Random(seed)
    calendar = current_calendar()
    agencies = _agencies()
    officers, officer, supervisor = _staff(agencies)
    weights = [COUNTY_SHARE] + [(1 - COUNTY_SHARE) / (len(agencies) - 1)] * (len(agencies) - 1)
    # Received dates in order, so numbers run with the dates as a real register's do.
    received_days = sorted(today - timedelta(days=rng.randrange(730)) for _ in range(cases))
    serial: dict[tuple[int, int], int] = {}
    officer_cases: list[int] = []
    for chunk in _chunks(cases, 5000):
        batch, stories = [], []
        for i in chunk:
            agency = rng.choices(agencies, weights)[0]
            received = received_days[i]
            key = (agency.pk, received.year)
            serial[key] = serial.get(key, 0) + 1
            kind = rng.choice(("natural_person",) * 6 + tuple(ORGANISATIONS))
            name = rng.choice(PEOPLE) if kind == "natural_person" else rng.choice(ORGANISATIONS[kind])
            case = Case(
                agency=agency,
                number=f"{received.year}-{serial[key]:04d}",
                channel="post",
                arrived_at=timezone.make_aware(datetime.combine(received, clock_time(9, 30))),
                received_on=received,
                applicant_type=kind,
                applicant_name=name,
                phone=f"139{rng.randrange(10**8):08d}",
                description=rng.choice(REQUESTS),
                assignee=officers[agency.pk],
                created_at=timezone.make_aware(datetime.combine(received, clock_time(10, 0))),
            )
            if kind == "natural_person":
                case.set_id_number(_resident_id(rng), "resident_id")
            story = _story(rng, received, today, calendar)
            case.apply_status(derive(story, calendar))
            batch.append(case)
            stories.append(story)
        with transaction.atomic():
            Case.objects.bulk_create(batch)
            events = [
                Event(
                    case=case,
                    seq=seq,
                    kind=record.kind,
                    on=record.on,
                    actor=case.assignee,
                    actor_name=case.assignee.username,
                    payload=dict(record.payload),
                    recorded_at=timezone.make_aware(datetime.combine(record.on, clock_time(16, 0))),
                )
                for case, story in zip(batch, stories, strict=True)
                for seq, record in enumerate(story, start=1)
            ]
            Event.objects.bulk_create(events, batch_size=5000)
        officer_cases += [
            c.pk for c, s in zip(batch, stories, strict=True) if c.agency_id == agencies[0].pk and len(s) > 2
        ]
    NumberSeries.objects.bulk_create(
        NumberSeries(agency_id=agency, series="request", year=year, last=last)
        for (agency, year), last in serial.items()
    )

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum leaves a table in use: statistics and visibility map
    return Filled(officer, supervisor, officer_cases, time.perf_counter() - started)


# ------------------------------------------------------------------------------------------------ the requests


@dataclass(frozen=True)
class PageTiming:
    page: str
    who: str
    seconds: tuple[float, ...]
    queries: int
    shown: str  # what the page said it found (共 N 件), or ""

    def quantile(self, q: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _found(html: str) -> str:
    marker = html.find("共 ")
    return html[marker + 2 : html.find(" 件", marker)].strip() if marker >= 0 else ""


def time_page(client: Any, who: str, page: str, urls: list[str], requests: int) -> PageTiming:
    """``requests`` GETs cycling through ``urls`` after one warm-up each; the queries of the first."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        first = client.get(urls[0])
    queries = len(captured)  # now: the context reads the connection's log when asked, and the next request clears it
    if first.status_code != 200:
        raise RuntimeError(f"{urls[0]}: HTTP {first.status_code}")
    for url in urls[1:]:
        client.get(url)
    seconds = []
    for i in range(requests):
        url = urls[i % len(urls)]
        t0 = time.perf_counter()
        response = client.get(url)
        seconds.append(time.perf_counter() - t0)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
    return PageTiming(page, who, tuple(seconds), queries, _found(first.content.decode()))


def measure(filled: Filled, requests: int) -> list[PageTiming]:
    """Every list with and without a search as the officer; the heaviest pages as the supervisor of all."""
    from django.test import Client

    from ogi.platform.casework.models import Case
    from ogi.platform.casework.views import LISTS

    sample = random.Random(7).sample(filled.officer_cases, min(50, len(filled.officer_cases)))
    someone = Case.objects.filter(pk__in=sample, id_kind="resident_id").first()
    id_number = someone.id_number() if someone else "11010519491231002X"
    results = []
    for who, user in (("经办人", filled.officer), ("主管部门", filled.supervisor)):
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)

        def page(title: str, *urls: str, who: str = who, client: Any = client) -> None:
            results.append(time_page(client, who, title, list(urls), requests))

        page("空视图 /healthz（基准）", "/healthz")
        lists = LISTS.items() if who == "经办人" else [(k, v) for k, v in LISTS.items() if k in ("open", "all")]
        for which, label in lists:
            page(label, f"/cases/?list={which}")
            page(f"{label} 搜索“低保”", f"/cases/?list={which}&q=低保")
        page("全部 搜索编号", "/cases/?list=all&q=2025-0042")
        if who == "经办人":
            page("全部 搜索证件号码", f"/cases/?list=all&q={id_number}")
        page("全部 第 100 页", "/cases/?list=all&page=100")
        page("申请页面（50 件轮换）", *(f"/cases/{pk}/" for pk in sample))
    return results


def database_round_trip(times: int) -> float:
    """The median time of the cheapest query: what each of a page's queries costs at least on this machine."""
    from django.db import connection

    seconds = []
    with connection.cursor() as cursor:
        for _ in range(times):
            t0 = time.perf_counter()
            cursor.execute("SELECT 1")
            cursor.fetchone()
            seconds.append(time.perf_counter() - t0)
    return sorted(seconds)[len(seconds) // 2]


def print_table(results: list[PageTiming]) -> None:
    base = {r.who: r.quantile(0.5) for r in results if r.page.startswith("空视图")}
    width = max(_width(r.page) for r in results) + 2
    print(f"  {_pad('页面', width)}{_pad('用户', 10)}{'p50 ms':>9}{'p95 ms':>9}{'倍数':>7}{'查询':>5}  件数")
    for r in results:
        p50, p95 = r.quantile(0.5), r.quantile(0.95)
        ratio = p50 / base[r.who] if base.get(r.who) else float("nan")
        print(
            f"  {_pad(r.page, width)}{_pad(r.who, 10)}{p50 * 1000:9.1f}{p95 * 1000:9.1f}"
            f"{ratio:8.0f}×{r.queries:6d}  {r.shown}"
        )


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK characters and full-width punctuation take two."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def already_filled(cases: int) -> Filled | None:
    """The users and cases of an earlier run with as many cases, for ``--reuse``; None when there is none."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from ogi.platform.casework.models import Case

    users = {u.username: u for u in get_user_model().objects.filter(username__in=("officer0", "supervisor"))}
    if len(users) < 2 or Case.objects.count() != cases:
        return None
    officer = users["officer0"]
    officer_cases = list(
        Case.objects.filter(agency=officer.staff.agency)
        .annotate(n=Count("events"))
        .filter(n__gt=2)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return Filled(officer, users["supervisor"], officer_cases, 0.0)


def run(corpus: Path, repeat: int = 0, *, cases: int = CASES, reuse: bool = False) -> list[PageTiming]:
    """Fill the bench database and print the page table; ``repeat`` is the number of requests per page (0: 200)."""
    requests = repeat or REQUESTS
    url = bench_database_url()
    print(f"\n平台页面：{cases:,} 件申请（PostgreSQL {urlsplit(url).hostname}/{DATABASE}），每个页面 {requests} 次请求")
    try:
        if not reuse:
            recreate_database(url)
        setup_django(url)
    except Exception as exc:
        print(f"  跳过：无法使用 PostgreSQL（{' '.join(str(exc).split())[:120]}）")
        return []
    from django.utils import timezone

    filled = already_filled(cases) if reuse else None
    if filled is None:
        if reuse:  # nothing to reuse: start afresh (closing our own connection before the database goes)
            from django.db import connections

            connections.close_all()
            recreate_database(url)
            setup_django(url)
        filled = fill(cases, timezone.localdate())
        print(f"  生成数据用时 {filled.seconds:.1f} 秒（bulk_create；状态与期限由 derive 从办理过程推导）")
    else:
        print("  沿用上次生成的数据")
    started = time.perf_counter()
    results = measure(filled, requests)
    print_table(results)
    print(
        f"  数据库往返（SELECT 1）p50 {database_round_trip(requests) * 1000:.2f} ms：页面时间大致为查询数 × 往返 + 渲染"
    )
    print(f"  （计时 {time.perf_counter() - started:.1f} 秒；倍数 = p50 ÷ 同一用户空视图的 p50）")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="平台页面基准：10 万件申请时的工作清单与申请页面")
    parser.add_argument("--requests", type=int, default=REQUESTS, help="每个页面的请求次数（默认 200）")
    parser.add_argument("--cases", type=int, default=CASES, help="申请件数（默认 100000）")
    parser.add_argument("--reuse", action="store_true", help="沿用上次生成的数据库（件数相同时），不重新生成")
    args = parser.parse_args(argv)
    run(Path("."), args.requests, cases=args.cases, reuse=args.reuse)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
