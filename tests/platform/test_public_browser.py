"""End to end in headless Chromium on a 390-px phone screen, against a real `ogi serve` (gunicorn).

A citizen applies online (after one try with a wrong ID number: the error summary names the field), gets the
receipt with number and query code, and tracks the application; an officer decides, issues the 答复书 and
delivers it; the citizen tracks again and downloads the answer, whose SHA-256 is the one frozen at issue.
The server is tests/platform/live_server.py's (a subprocess on its own data folder; a fresh database on
DATABASE_URL's PostgreSQL server when one is named).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from .live_server import CHROMIUM, CHROMIUM_ARGS, running_platform

pytestmark = pytest.mark.browser

AGENCY = "测试县财政局"
PASSWORD = "ogi-public-2026-pass"
VALID_ID = "11010519491231002X"
WRONG_ID = "110105194912310021"
PHONE = {"width": 390, "height": 844}

SETUP_SCRIPT = f"""
import sys
from ogi.cli import main
if main(["migrate"]):
    sys.exit("migrate failed")
from ogi.platform.agencies.models import Agency, Kind, Level
county = Agency.objects.create(name="测试县人民政府", kind=Kind.GOVERNMENT, level=Level.COUNTY)
Agency.objects.create(name={AGENCY!r}, short_name="测试财政", kind=Kind.DEPARTMENT, level=Level.COUNTY, parent=county)
if main(["createuser", "officer", "--role", "officer", "--agency", {AGENCY!r}, "--name", "王经办",
         "--password", {PASSWORD!r}]):
    sys.exit("createuser failed")
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_platform(tmp_path_factory.mktemp("ogi-public"), SETUP_SCRIPT, database_prefix="ogi_pub") as url:
        yield url


def _in_own_thread(story: Callable[[], None]) -> None:
    """Run ``story`` with a Playwright of its own in a fresh thread: test_browser.py keeps a session-wide sync
    Playwright (an event loop) in the worker, and a second sync Playwright cannot start inside that loop."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            story()
        except BaseException as exc:
            failure.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def fits_the_phone(page: Page) -> None:
    """Nothing wider than the 390-px screen: no sideways scrolling."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def agency_pk(page: Page) -> str:
    page.goto("gk/")
    href = page.get_by_role("link", name=AGENCY).get_attribute("href")
    return re.search(r"/gk/(\d+)/", href).group(1)


def test_citizen_applies_tracks_and_downloads_the_answer(server: str, tmp_path: Path) -> None:
    assert Path(CHROMIUM).exists(), f"需要 Debian 的 chromium（{CHROMIUM}）"

    def story() -> None:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                _citizen_and_officer(server, browser, tmp_path)
            finally:
                browser.close()

    _in_own_thread(story)


def _citizen_and_officer(server: str, browser: Browser, tmp_path: Path) -> None:
    phone = browser.new_context(base_url=server, viewport=PHONE, locale="zh-CN", accept_downloads=True)
    citizen = phone.new_page()
    pk = agency_pk(citizen)
    citizen.goto(f"gk/{pk}/guide/")
    citizen.get_by_role("link", name="在线申请").first.click()
    expect(citizen.get_by_role("heading", level=1)).to_contain_text("在线申请")
    fits_the_phone(citizen)

    # every field found by its label, as a screen reader would
    citizen.get_by_label("申请人类型").select_option(label="自然人")
    citizen.get_by_label("申请人姓名或名称").fill("王小明")
    citizen.get_by_label("身份证明号码").fill(WRONG_ID)
    citizen.get_by_label("联系电话").fill("13912345678")
    citizen.get_by_label("通信地址").fill("测试县人民路1号")
    citizen.get_by_label("所需政府信息的名称、文号或者便于查询的其他特征性描述").fill("2025年部门预算及三公经费")
    citizen.get_by_label("获取信息的方式、途径").select_option(index=1)
    citizen.get_by_role("button", name="提交申请").press("Enter")  # keyboard, not a mouse click
    summary = citizen.get_by_role("alert")
    expect(summary).to_contain_text("校验码不正确")
    summary.get_by_role("link").first.click()  # the summary's link leads to the field
    expect(citizen.get_by_label("身份证明号码")).to_be_focused()
    expect(citizen.get_by_label("申请人姓名或名称")).to_have_value("王小明")  # typed values come back
    fits_the_phone(citizen)
    citizen.get_by_label("身份证明号码").fill(VALID_ID)
    citizen.get_by_role("button", name="提交申请").click()

    expect(citizen.get_by_role("heading", level=1)).to_have_text("申请已提交")
    number = citizen.locator("#case-number").inner_text()
    code = citizen.locator("#query-code").inner_text()
    received = citizen.locator("#received").inner_text()  # the server's today (Art. 31: the receipt is shown)
    assert len(code) >= 8
    fits_the_phone(citizen)

    def track() -> None:
        citizen.goto("track/")
        citizen.get_by_label("申请编号").fill(number)
        citizen.get_by_label("查询码").fill(code)
        citizen.get_by_role("button", name="查询").click()
        expect(citizen.locator("#state")).to_be_visible()
        fits_the_phone(citizen)
        assert VALID_ID not in citizen.content() and "1101**" not in citizen.content()

    track()
    expect(citizen.locator("#state")).to_contain_text("办理中")

    # the officer decides, issues the answer and delivers it
    desk = browser.new_context(base_url=server, locale="zh-CN")
    officer = desk.new_page()
    officer.goto("login/")
    officer.get_by_label("用户名").fill("officer")
    officer.get_by_label("密码").fill(PASSWORD)
    officer.get_by_role("button", name="登录").click()
    officer.goto("cases/?list=all")
    officer.get_by_role("link", name=number).click()
    officer.locator("[data-action=decide]").click()
    officer.locator("#id_on").fill(received)
    officer.locator("#id_outcome").select_option(value="granted")
    officer.locator("#id_summary").fill("现将所申请的部门预算提供给您。")
    officer.locator("#action-panel button[type=submit]").click()
    expect(officer.locator("body")).to_contain_text("已作出答复决定")
    officer.locator("[data-document=answer_granted]").click()
    officer.locator("[data-issue]").click()
    expect(officer.locator("body")).to_contain_text("已签发，文书编号 测试财政依申复〔")
    frozen = officer.locator("code").inner_text()
    officer.goto("cases/?list=all")
    officer.get_by_role("link", name=number).click()
    officer.locator("[data-action=deliver]").click()
    officer.locator("#id_on").fill(received)
    officer.locator("#id_method").fill("在线下载")
    officer.locator("#action-panel button[type=submit]").click()
    expect(officer.locator("body")).to_contain_text("已送达答复")
    desk.close()

    # the citizen sees the case concluded and downloads the answer
    track()
    expect(citizen.locator("#state")).to_contain_text("已办结")
    with citizen.expect_download() as info:
        citizen.locator("#documents").get_by_role("link", name="下载 DOCX").click()
    path = tmp_path / "answer.docx"
    info.value.save_as(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == frozen
    phone.close()
