"""Drafting, the checks on every draft, acknowledging warnings, publishing, corrections and imported years."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ogi.platform.annual.build import report_of
from ogi.platform.annual.compose import build_report
from ogi.platform.annual.models import ReportVersion
from ogi.platform.annual.publish import (
    ReportActionError,
    acknowledge,
    edit_sections,
    get_or_draft,
    import_published,
    publish,
)
from ogi.platform.annual.review import issues
from ogi.platform.policy import SYSTEM
from ogi.report import Cell, Report, read_bytes, to_dict, write

from .conftest import act

JAN20 = date(2026, 1, 20)  # the publication date of these tests: before the department's 31 January deadline


def _issues(report):
    return issues(report, build_report(report.agency, report.year, version=report.format, sections=report.sections))


@pytest.fixture
def drafted(world, new_case):
    case = new_case(date(2025, 3, 3))
    act(case, "decide", date(2025, 3, 10), outcome="granted")
    new_case(date(2025, 12, 30), number="OPEN")
    return get_or_draft(world.department, 2025, SYSTEM)


def test_the_draft_states_the_figures(drafted):
    overview = drafted.sections["1"]
    assert "本年新收政府信息公开申请2件" in overview and "结转下年度继续办理1件" in overview
    assert "未收取信息处理费" in drafted.sections["6"]


def test_publishing_waits_for_every_warning_to_be_acknowledged_by_a_named_user(world, drafted):
    warnings = [i for i in _issues(drafted) if not i.is_error]
    assert any(i.key.startswith("section5.empty") for i in warnings)
    with pytest.raises(ReportActionError, match="未经确认"):
        publish(drafted, world.users["dept_head"], on=date(2026, 1, 20))
    with pytest.raises(ReportActionError, match="具名"):
        acknowledge(drafted, SYSTEM, "*", publishing_on=JAN20)
    assert acknowledge(drafted, world.users["dept_officer"], "*", publishing_on=JAN20) == len(warnings)
    assert all(i.acknowledged_by == "dept_officer" for i in _issues(drafted) if not i.is_error)
    with pytest.raises(ReportActionError, match="没有权限"):  # the officer drafts; the head publishes
        publish(drafted, world.users["dept_officer"], on=date(2026, 1, 20))
    version = publish(drafted, world.users["dept_head"], on=date(2026, 1, 20))
    assert version.number == 1 and version.intact() and len(version.sha256) == 64


def test_an_error_refuses_publication(world, drafted):
    """Last year's report, imported from its published file, carries 3 requests forward; OGI has none."""
    last_year = Report.zero("2021", agency=world.department.name, year=2024, sections={"1": "总体情况", "5": "问题"})
    for path in ("table3.carried_forward.natural_person", "table3.carried_forward.total"):
        last_year = last_year.with_cell(path, Cell.of(3))
    for path in ("table3.new_received.natural_person", "table3.new_received.total"):
        last_year = last_year.with_cell(path, Cell.of(3))
    imported = import_published(
        world.department, write(last_year, "html"), "2024年报.html", world.users["dept_officer"]
    )
    assert imported.imported and imported.report.year == 2024
    errors = [i for i in _issues(drafted) if i.is_error]
    assert [i.key for i in errors] == ["X.carry natural_person", "X.carry total"]
    acknowledge(drafted, world.users["dept_officer"], "*", publishing_on=JAN20)
    with pytest.raises(ReportActionError, match="2处错误"):
        publish(drafted, world.users["dept_head"], on=date(2026, 1, 20))
    assert not ReportVersion.objects.filter(report=drafted).exists()


def test_repeating_last_years_text_is_a_warning(world, drafted):
    import_published(
        world.department,
        write(
            Report.zero("2021", agency=world.department.name, year=2024, sections={"1": drafted.sections["1"]}), "html"
        ),
        "2024.html",
        SYSTEM,
    )
    assert any(i.key == "sections.similar 1" for i in _issues(drafted))
    edit_sections(drafted, SYSTEM, {"1": "今年本机关全面推进政务公开标准化规范化建设，新建政策解读专栏。"})
    assert not any(i.key == "sections.similar 1" for i in _issues(drafted))


def test_the_published_html_reads_back_as_the_same_tables(world, drafted):
    acknowledge(drafted, world.users["dept_officer"], "*", publishing_on=JAN20)
    version = publish(drafted, world.users["dept_head"], on=date(2026, 1, 20))
    back = to_dict(read_bytes(bytes(version.content), version.file_name))
    published = version.data
    for table in ("table2", "table3", "table4"):
        assert back[table] == published[table], table
    assert published["table3"]["granted"][6] == 1 and published["table3"]["carried_forward"][6] == 1


def test_a_correction_is_a_new_version_and_the_first_stays(world, drafted, new_case):
    acknowledge(drafted, world.users["dept_officer"], "*", publishing_on=JAN20)
    first = publish(drafted, world.users["dept_head"], on=date(2026, 1, 20))
    # a request of 2025 registered late changes the figures: the published version does not move
    case = new_case(date(2025, 11, 3), number="LATE", today=date(2026, 2, 1))
    act(case, "decide", date(2025, 11, 10), outcome="granted")
    assert report_of(world.department, 2025).value("table3.granted.total") == 1
    assert report_of(world.department, 2025, fresh=True).value("table3.granted.total") == 2
    with pytest.raises(ReportActionError, match="更正原因"):
        publish(drafted, world.users["dept_head"], on=date(2026, 2, 3))
    acknowledge(drafted, world.users["dept_officer"], "*", publishing_on=date(2026, 2, 3))  # late: after 31 January
    second = publish(drafted, world.users["dept_head"], on=date(2026, 2, 3), reason="补录一件申请")
    assert second.number == 2 and report_of(world.department, 2025).value("table3.granted.total") == 2
    first.refresh_from_db()
    assert first.intact() and json.dumps(first.data["table3"]["granted"]) == "[1, 0, 0, 0, 0, 0, 1]"
    with pytest.raises(PermissionError):
        first.save()


def test_section_six_states_the_fees_collected_in_the_year(world, new_case):
    paid = new_case(date(2025, 3, 3), number="FEE-1")
    act(paid, "notify_fee", date(2025, 3, 5), amount="300", basis="per_page")
    act(paid, "record_payment", date(2025, 3, 10))
    unpaid = new_case(date(2025, 3, 3), number="FEE-2")
    act(unpaid, "notify_fee", date(2025, 3, 5), amount="100", basis="per_application")
    act(unpaid, "lapse_fee", date(2025, 4, 10))
    report = get_or_draft(world.department, 2025, SYSTEM)
    assert (
        report.sections["6"] == "依据《政府信息公开信息处理费管理办法》规定，2025年本机关实际收取信息处理费共计300元。"
    )


def test_publishing_after_the_statutory_date_is_a_warning_to_acknowledge(world, drafted):
    """A department's 2025 report is due by 31 January 2026 (Art. 49); published on 5 February it is late."""
    officer, head = world.users["dept_officer"], world.users["dept_head"]
    acknowledge(drafted, officer, "*", publishing_on=date(2026, 1, 20))
    with pytest.raises(ReportActionError, match="1条提示未经确认"):
        publish(drafted, head, on=date(2026, 2, 5))
    assert acknowledge(drafted, officer, "published.late published", publishing_on=date(2026, 2, 5)) == 1
    assert publish(drafted, head, on=date(2026, 2, 5)).published_on == date(2026, 2, 5)
