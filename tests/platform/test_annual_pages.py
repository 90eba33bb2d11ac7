"""The annual-report pages: drafting, drill-down links, acknowledging and publishing by form, the public page."""

from __future__ import annotations

from datetime import date

from ogi.platform.annual.models import ReportVersion
from ogi.report import read_bytes

from .conftest import act


def test_staff_draft_review_and_publish_through_the_pages(world, new_case):
    case = new_case(date(2025, 3, 3))
    act(case, "decide", date(2025, 3, 10), outcome="granted")
    agency = world.department
    officer, head = world.client("dept_officer"), world.client("dept_head")
    base = f"/reports/{agency.pk}/2025/"
    assert "生成报告草稿" in officer.get(base).content.decode()
    officer.post(base)
    page = officer.get(base).content.decode()
    assert "本年新收政府信息公开申请1件" in page
    assert f'href="{base}cell/table3.granted.natural_person/"' in page
    drill = officer.get(f"{base}cell/table3.granted.natural_person/").content.decode()
    assert "由以下 1 条记录构成" in drill and case.number in drill
    assert officer.get(f"{base}cell/table9.nothing/").status_code == 404
    # the officer may not publish; the head is refused while a warning is open, then allowed
    assert officer.post(f"{base}publish/", {"on": "2026-01-20"}).status_code == 302
    assert not ReportVersion.objects.exists()
    refused = head.post(f"{base}publish/", {"on": "2026-01-20"}, follow=True).content.decode()
    assert "未经确认" in refused and not ReportVersion.objects.exists()
    officer.post(f"{base}acknowledge/", {"key": "*"})
    assert "已发布第1版" in head.post(f"{base}publish/", {"on": "2026-01-20"}, follow=True).content.decode()
    # another agency's staff do not see the draft
    assert world.client("other_officer").get(base).status_code == 404


def test_the_public_page_shows_versions_and_downloads(world, new_case, client):
    from ogi.platform.annual.publish import acknowledge, get_or_draft, publish
    from ogi.platform.policy import SYSTEM

    agency = world.department
    report = get_or_draft(agency, 2025, SYSTEM)
    acknowledge(report, world.users["dept_officer"], "*")
    version = publish(report, SYSTEM, on=date(2026, 1, 20))
    listing = client.get(f"/gk/{agency.pk}/reports/").content.decode()
    assert "测试县财政局2025年政府信息公开工作年度报告" in listing
    page = client.get(f"/gk/{agency.pk}/reports/2025/").content.decode()
    assert version.sha256 in page and "srcdoc=" in page
    frozen = client.get(f"/gk/{agency.pk}/reports/2025/v1/file")
    assert frozen.content == bytes(version.content)
    docx = client.get(f"/gk/{agency.pk}/reports/2025/v1/docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert read_bytes(docx.content, "r.docx").value("table3.total_handled.total") == 0
    assert client.get(f"/gk/{agency.pk}/reports/2019/").status_code == 404
