"""End to end in headless Chromium against a real `ogi serve` (gunicorn) on a database of its own.

An officer registers a request (after one try with a wrong ID number), asks for 补正 and records the correction;
the 负责人 approves an extension (after one try beyond 20 working days); the officer decides and delivers. At each
step the case page's deadline and the work lists are compared with what the working-day calendar says, counted
from the real today: the platform's actions refuse dates in the future, so the story is set in the past two weeks.

The server runs as a subprocess with the production settings, on a fresh SQLite file in a temporary data folder,
or, when ``DATABASE_URL`` names a PostgreSQL server (the Makefile's second run), on a database created for the
session on that server and dropped afterwards.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Locator, Page, sync_playwright

from ogi.platform.casework.clock import Due, count_forward
from ogi.workdays import Calendar

from .live_server import CHROMIUM, CHROMIUM_ARGS, running_platform

pytestmark = pytest.mark.browser

AGENCY = "测试县人民政府"
PASSWORD = "ogi-e2e-2026-pass"
OFFICER, HEAD = ("officer", "王经办"), ("head", "李主任")
VALID_ID = "11010519491231002X"  # GB 11643 check character X
WRONG_ID = "110105194912310021"  # the same number with a wrong check character
ANSWER_DAYS = 20  # Art. 33 (2019): answer within 20 working days, extendable once by at most 20
EXTENSION = 20

# Agency and users through the real commands (`ogi migrate`, `ogi createuser`), in one process to save start-ups.
SETUP_SCRIPT = f"""
import sys
from ogi.cli import main
if main(["migrate"]):
    sys.exit("migrate failed")
from ogi.platform.agencies.models import Agency, Kind, Level
Agency.objects.create(name={AGENCY!r}, kind=Kind.GOVERNMENT, level=Level.COUNTY)
for (username, name), role in (({OFFICER!r}, "officer"), ({HEAD!r}, "head")):
    args = ["createuser", username, "--role", role, "--agency", {AGENCY!r}, "--name", name]
    if main([*args, "--password", {PASSWORD!r}]):
        sys.exit("createuser failed")
"""


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a running `ogi serve` with one county government, an officer and a head."""
    with running_platform(tmp_path_factory.mktemp("ogi-e2e"), SETUP_SCRIPT, database_prefix="ogi_e2e") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"需要 Debian 的 chromium（{CHROMIUM}）：sudo apt-get install chromium"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# ------------------------------------------------------------------------------------------------ the story's dates


def shanghai_today() -> date:
    """The platform's today (TIME_ZONE Asia/Shanghai), which bounds every date an action accepts."""
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


@dataclass(frozen=True)
class Story:
    """The dates of the story, counted back from today so that none is in the future."""

    today: date
    received: date  # by post, signed for on this day
    correction_asked: date
    correction_reply_by: date
    corrected: date

    @classmethod
    def ending_today(cls, calendar: Calendar) -> Story:
        today = shanghai_today()
        received = today - timedelta(days=14)
        asked = min(today, count_forward(calendar, received, 2).due)  # well inside the 7 working days
        corrected = min(today, count_forward(calendar, asked, 2).due)
        return cls(today, received, asked, asked + timedelta(days=15), corrected)


def due_soon_last_day(calendar: Calendar, today: date) -> date:
    """The work list's “due within 3 working days” reaches this day (views.DUE_SOON_WORKDAYS)."""
    return count_forward(calendar, today, 3).due


# ------------------------------------------------------------------------------------------------ page helpers


def login(browser: Browser, url: str, username: str) -> Page:
    context = browser.new_context(base_url=url, locale="zh-CN")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/cases/**")
    return page


def work_list_row(page: Page, which: str, number: str) -> str | None:
    """The row of case ``number`` in work list ``which``, as text, or None when the list does not show it."""
    page.goto(f"/cases/?list={which}")
    rows = page.locator("#case-rows tbody tr").filter(has=page.get_by_role("link", name=number, exact=True))
    if rows.count() == 0:
        return None
    assert rows.count() == 1
    return " ".join(rows.first.inner_text().split())


def deadline_text(page: Page) -> str:
    return " ".join(page.locator("#deadline").inner_text().split())


def open_action(page: Page, label: str) -> Locator:
    """Click an action button on the case page; htmx loads its form into #action-panel (the page stays)."""
    before = page.url
    page.locator("#action-panel").wait_for(state="attached")
    page.get_by_role("link", name=label, exact=True).click()
    form = page.locator("#action-panel #action-form")
    form.wait_for()
    assert page.url == before, "the action form should load in place (htmx), not as a new page"
    return form


def submit_action(page: Page, form: Locator, label: str) -> None:
    form.get_by_role("button", name=f"确认{label}").click()
    page.locator(".messages").filter(has_text=f"已{label}").wait_for()


def check_lists(page: Page, number: str, expected: dict[str, bool], cell: str) -> None:
    """Each work list shows the case exactly when ``expected`` says, and its deadline cell reads ``cell``."""
    for which, shown in expected.items():
        row = work_list_row(page, which, number)
        assert (row is not None) == shown, f"list={which}: expected {'shown' if shown else 'absent'}, row {row!r}"
        if row is not None:
            assert row.endswith(cell), f"list={which}: deadline cell should read {cell!r}: {row!r}"


def deadline_cell(due: Due, today: date) -> str:
    text = due.due.isoformat() + ("（已逾期）" if due.due < today else "")
    return text + (" 暂定" if due.provisional else "")


def open_lists(due: Due | None, story: Story, calendar: Calendar, *, mine: bool) -> dict[str, bool]:
    due_soon = due is not None and story.today <= due.due <= due_soon_last_day(calendar, story.today)
    overdue = due is not None and due.due < story.today
    return {"open": True, "mine": mine, "due": due_soon, "overdue": overdue, "closed": False}


@contextlib.contextmanager
def screenshots_on_failure(pages: list[Page]) -> Iterator[None]:
    """On failure, a full-page screenshot and the HTML of every open page, in a folder that outlives pytest's."""
    try:
        yield
    except BaseException:
        folder = Path(tempfile.mkdtemp(prefix="ogi-e2e-failure-"))
        for i, page in enumerate(pages):
            with contextlib.suppress(Exception):
                page.screenshot(path=str(folder / f"page{i}.png"), full_page=True)
                (folder / f"page{i}.html").write_text(page.content(), encoding="utf-8")
        print(f"screenshots and pages: {folder}")
        raise


# ------------------------------------------------------------------------------------------------ the test


def test_request_from_intake_to_delivery(server: str, browser: Browser) -> None:
    calendar = Calendar()  # a fresh database has loaded no notices: the package calendar is the one in force
    story = Story.ending_today(calendar)
    pages: list[Page] = []
    with screenshots_on_failure(pages):
        officer = login(browser, server, OFFICER[0])
        pages.append(officer)

        # Intake, first with a wrong check character: the form comes back with what was typed, in Chinese.
        officer.goto("/cases/new/")
        officer.select_option("#id_channel", "post")
        officer.fill("#id_arrived_at", f"{story.received.isoformat()}T09:30")
        officer.fill("#id_received_on", story.received.isoformat())
        officer.select_option("#id_applicant_type", "natural_person")
        officer.fill("#id_applicant_name", "赵六")
        officer.select_option("#id_id_kind", "resident_id")
        officer.fill("#id_id_number", WRONG_ID)
        officer.fill("#id_phone", "13912345678")
        officer.fill("#id_description", "2025年本县农村低保资金发放名单")
        officer.get_by_role("button", name="登记", exact=True).click()
        officer.locator(".error-summary").wait_for()
        assert "居民身份证号校验码不正确" in officer.locator("#id_id_number_error").inner_text()
        assert officer.input_value("#id_id_number") == WRONG_ID
        assert officer.input_value("#id_applicant_name") == "赵六"
        assert officer.input_value("#id_received_on") == story.received.isoformat()
        assert officer.input_value("#id_description") == "2025年本县农村低保资金发放名单"
        assert officer.locator("#id_channel").input_value() == "post"

        officer.fill("#id_id_number", VALID_ID)
        officer.get_by_role("button", name="登记", exact=True).click()
        number = f"{story.received.year}-0001"
        officer.locator(".messages").filter(has_text=f"已登记，受理编号 {number}").wait_for()
        case_url = officer.url
        assert case_url.rstrip("/").split("/")[-1].isdigit()

        first = count_forward(calendar, story.received, ANSWER_DAYS)
        text = deadline_text(officer)
        assert f"答复期限：{first.due.isoformat()}" in text and first.explain() in text
        assert "办理中" in officer.locator("main").inner_text()
        assert officer.locator("[data-action=extend]").count() == 0, "only the 负责人 approves an extension"
        assert "1101**********002X" in officer.locator("main").inner_text()  # masked on the page until asked
        check_lists(officer, number, open_lists(first, story, calendar, mine=True), deadline_cell(first, story.today))

        # 补正: the answer clock stops; the list shows what the applicant owes and by when.
        officer.goto(case_url)
        form = open_action(officer, "告知补正")
        form.locator("#id_on").fill(story.correction_asked.isoformat())
        form.locator("#id_items").fill("请写明所需信息的年度和发放范围")
        form.locator("#id_reply_by").fill(story.correction_reply_by.isoformat())
        submit_action(officer, form, "告知补正")
        text = deadline_text(officer)
        assert f"补正期限 {story.correction_reply_by.isoformat()}" in text and "答复期限：" not in text
        waiting = f"待补正至 {story.correction_reply_by.isoformat()}（暂停计时）"
        check_lists(officer, number, open_lists(None, story, calendar, mine=True), waiting)

        # The correction arrives: the 20 working days start again from its receipt (Art. 30).
        officer.goto(case_url)
        form = open_action(officer, "收到补正")
        form.locator("#id_on").fill(story.corrected.isoformat())
        form.locator("#id_summary").fill("申请人补充了年度和范围")
        submit_action(officer, form, "收到补正")
        restarted = count_forward(calendar, story.corrected, ANSWER_DAYS, start_label="补正后收到")
        text = deadline_text(officer)
        assert f"答复期限：{restarted.due.isoformat()}" in text and restarted.explain() in text
        check_lists(
            officer, number, open_lists(restarted, story, calendar, mine=True), deadline_cell(restarted, story.today)
        )

        # The 负责人 approves an extension, after trying more than the statute allows.
        head = login(browser, server, HEAD[0])
        pages.append(head)
        check_lists(
            head, number, open_lists(restarted, story, calendar, mine=False), deadline_cell(restarted, story.today)
        )
        head.goto("/cases/?list=open")
        head.get_by_role("link", name=number, exact=True).click()
        head.wait_for_url(case_url)
        form = open_action(head, "批准延期答复")
        # The dates default to today (approval and notice to the applicant on the same day).
        assert form.locator("#id_on").input_value() == story.today.isoformat()
        assert form.locator("#id_notified_on").input_value() == story.today.isoformat()
        form.locator("#id_days").fill("25")
        form.locator("#id_reason").fill("需要调取多个乡镇的发放记录")
        form.get_by_role("button", name="确认批准延期答复").click()
        head.locator(".error-summary").wait_for()
        assert "20" in head.locator("#id_days_error").inner_text()
        assert "确保" in head.locator("#id_days_error").inner_text()  # Django's message, in Chinese
        assert head.input_value("#id_days") == "25"
        assert head.input_value("#id_reason") == "需要调取多个乡镇的发放记录"
        form = head.locator("#action-form")
        form.locator("#id_days").fill(str(EXTENSION))
        submit_action(head, form, "批准延期答复")
        extended = count_forward(
            calendar, story.corrected, ANSWER_DAYS + EXTENSION, start_label="补正后收到", extension=EXTENSION
        )
        text = deadline_text(head)
        assert f"答复期限：{extended.due.isoformat()}" in text and extended.explain() in text
        assert f"延期{EXTENSION}个工作日" in text
        check_lists(
            head, number, open_lists(extended, story, calendar, mine=False), deadline_cell(extended, story.today)
        )

        # The officer decides (the deadline stands until delivery) and delivers: the case leaves the open lists.
        officer.goto(case_url)
        assert deadline_text(officer) == text
        form = open_action(officer, "作出答复决定")
        form.locator("#id_outcome").select_option("granted")
        form.locator("#id_summary").fill("予以公开，提供发放名单")
        submit_action(officer, form, "作出答复决定")
        assert "已决定待送达" in officer.locator("main").inner_text()
        assert f"答复期限：{extended.due.isoformat()}" in deadline_text(officer)
        check_lists(
            officer, number, open_lists(extended, story, calendar, mine=True), deadline_cell(extended, story.today)
        )

        officer.goto(case_url)
        form = open_action(officer, "送达答复")
        form.locator("#id_method").fill("邮寄")
        form.locator("#id_record").fill("EMS 1234567890")
        submit_action(officer, form, "送达答复")
        main = officer.locator("main").inner_text()
        assert "状态：已办结" in main and "予以公开" in main
        assert f"答复期限：{extended.due.isoformat()}" in deadline_text(officer)
        assert officer.locator("#action-panel").count() == 0, "a closed case offers no action"
        timeline = officer.locator(".timeline li").all_inner_texts()
        assert [t.split()[1] for t in timeline] == [
            "登记收到申请",
            "告知补正",
            "收到补正",
            "延期答复",
            "作出答复决定",
            "送达",
        ]
        closed = {"open": False, "mine": False, "due": False, "overdue": False, "closed": True, "all": True}
        check_lists(officer, number, closed, extended.due.isoformat() + (" 暂定" if extended.provisional else ""))
