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
    assert "由以下 1 条记录构成" in drill and case.number in drill and "（一）予以公开" in drill
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
    acknowledge(report, world.users["dept_officer"], "*", publishing_on=date(2026, 1, 20))
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


def test_drill_downs_of_tables_two_and_four(world):
    from ogi.platform.catalogue.actions import publish_record, save_figures
    from ogi.platform.litigation.models import Dispute
    from ogi.platform.policy import SYSTEM

    agency = world.department
    publish_record(
        agency, SYSTEM,
        {"title": "规范性文件甲", "issuer": agency.name, "made_on": date(2025, 3, 3), "published_on": date(2025, 3, 4),
         "article": "1", "doc_kind": "normative_documents"},
    )  # fmt: skip
    save_figures(agency, 2025, SYSTEM, {"licensing.decisions": 7})
    Dispute.objects.create(agency=agency, kind="review", number="复议〔2025〕3号", filed_on=date(2025, 12, 1))
    officer = world.client("dept_officer")
    base = f"/reports/{agency.pk}/2025/cell/"
    in_force = officer.get(base + "table2.normative_documents.in_force/").content.decode()
    assert "由以下 1 条记录构成" in in_force and "规范性文件甲" in in_force
    assert "没有逐条记录" in officer.get(base + "table2.licensing.decisions/").content.decode()
    pending = officer.get(base + "table4.review.pending/").content.decode()
    assert "由以下 1 条记录构成" in pending and "复议〔2025〕3号" in pending and "尚未审结" in pending


def test_date_inputs_of_the_new_forms_render_iso_dates():
    from ogi.platform.annual.forms import PublishForm
    from ogi.platform.catalogue.forms import RecordForm
    from ogi.platform.litigation.forms import DisputeForm

    assert 'value="2026-01-20"' in str(PublishForm(initial={"on": date(2026, 1, 20)})["on"])
    assert 'value="2025-03-03"' in str(RecordForm(initial={"made_on": date(2025, 3, 3)})["made_on"])
    assert 'value="2025-05-01"' in str(DisputeForm(initial={"filed_on": date(2025, 5, 1)})["filed_on"])
