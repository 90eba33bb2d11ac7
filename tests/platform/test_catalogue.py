"""The catalogue: 索引号 from the template, the Art. 26 flag, public browsing, Chinese search, figures import."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ogi.platform.annual.tables import count_tables
from ogi.platform.catalogue.actions import CatalogueError, import_figures, publish_record, save_figures
from ogi.platform.catalogue.models import CatalogueSettings, YearFigures
from ogi.platform.policy import SYSTEM


def _publish(agency, title, made, published, **more):
    fields = {"title": title, "issuer": agency.name, "made_on": made, "published_on": published, "article": "1"}
    fields.update(more)
    return publish_record(agency, SYSTEM, fields)


def test_index_numbers_follow_the_agency_template(world):
    agency = world.department
    agency.credit_code = "11632126MB1234567Q"
    agency.save()
    first = _publish(agency, "关于印发农村低保实施办法的通知", date(2025, 3, 3), date(2025, 3, 5))
    second = _publish(agency, "部门预算", date(2025, 4, 1), date(2025, 4, 2), article="7")
    assert (first.index_number, second.index_number) == (
        "11632126MB1234567Q/2025-00001",
        "11632126MB1234567Q/2025-00002",
    )
    CatalogueSettings.objects.filter(agency=agency).update(
        index_template="{机关代码}/{year}{month}-{seq:04d}", organisation_code="014416330"
    )
    third = _publish(agency, "统计公报", date(2025, 5, 6), date(2025, 5, 6), article="4")
    assert third.index_number == "014416330/202505-0003"


def test_publishing_after_twenty_working_days_is_flagged(world):
    agency = world.department
    # from Friday 2025-09-26, 20 working days over the National Day holiday (1–8 October off; Sunday 28 September
    # and Saturday 11 October worked): 9/28, 9/29, 9/30, 10/9, 10/10, 10/11, then 14 weekdays to 30 October
    on_time = _publish(agency, "按时公开", date(2025, 9, 26), date(2025, 10, 30))
    late = _publish(agency, "逾期公开", date(2025, 9, 26), date(2025, 10, 31))
    assert (on_time.late, late.late) == (False, True)


def test_bad_records_are_refused_in_chinese(world):
    with pytest.raises(CatalogueError, match="公开日期不能早于成文日期"):
        _publish(world.department, "倒填", date(2025, 3, 3), date(2025, 3, 1))
    with pytest.raises(CatalogueError, match="没有权限"):
        publish_record(world.department, world.users["county_officer"], {})


def test_public_pages_browse_search_and_download(world, client):
    agency = world.department
    low = _publish(agency, "关于调整农村最低生活保障标准的通知", date(2025, 3, 3), date(2025, 3, 5), article="11",
                   body="各乡镇人民政府：现将农村低保标准调整如下。")  # fmt: skip
    _publish(agency, "2025年部门预算公开", date(2025, 2, 1), date(2025, 2, 3), article="7")
    _publish(agency, "2024年部门决算公开", date(2024, 8, 1), date(2024, 8, 2), article="7")
    url = f"/gk/{agency.pk}/catalogue/"
    assert "共 3 条" in client.get(url).content.decode()
    assert "共 2 条" in client.get(url, {"category": "7"}).content.decode()
    assert "共 1 条" in client.get(url, {"category": "7", "year": "2024"}).content.decode()
    found = client.get(url, {"q": "低保标准"}).content.decode()
    assert "共 1 条" in found and "农村最低生活保障" in found
    assert "共 2 条" in client.get(url, {"q": "部门"}).content.decode()
    assert "共 0 条" in client.get(url, {"q": "拆迁补偿"}).content.decode()
    assert "共 1 条" in client.get(url, {"q": "决"}).content.decode()  # a single character
    from ogi.platform.catalogue.models import Attachment

    file = Attachment.objects.create(record=low, name="标准表.xlsx", content=b"PK-data")
    assert client.get(f"{url}{low.pk}/").status_code == 200
    assert client.get(f"{url}{low.pk}/attachments/{file.pk}").content == b"PK-data"
    assert client.get(f"/gk/{world.county.pk}/catalogue/{low.pk}/").status_code == 404


def test_figures_entered_and_imported_from_csv(world):
    agency = world.department
    with pytest.raises(CatalogueError, match="行政许可：“-3”不能为负数"):
        save_figures(agency, 2025, SYSTEM, {"licensing.decisions": "-3"})
    csv = "年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）\n2024,10,2,0,1.5\n2025,12,3,1,7730.28\n".encode()
    result = import_figures(agency, SYSTEM, csv, "figures.csv")
    assert result.years == [2024, 2025] and not result.errors
    t2 = count_tables(agency, 2025).table2
    assert (t2["licensing.decisions"], t2["punishment.decisions"], t2["fees.amount"]) == (12, 3, Decimal("7730.28"))
    bad = import_figures(agency, SYSTEM, "年度,行政许可\n2023,很多\n".encode(), "f.csv")
    assert bad.errors == ["2023年 行政许可：“很多”应为整数"] and not YearFigures.objects.filter(year=2023).exists()


def test_staff_publish_a_record_through_the_page(world):
    officer = world.client("dept_officer")
    response = officer.post("/catalogue/", {"title": "", "issuer": "x", "made_on": "2025-03-03"})
    assert response.status_code == 200 and "请修改以下内容" in response.content.decode()
    response = officer.post(
        "/catalogue/",
        {"title": "行政规范性文件甲", "issuer": "测试县财政局", "made_on": "2025-03-03", "published_on": "2025-03-04",
         "article": "1", "doc_kind": "normative_documents"},
        follow=True,
    )  # fmt: skip
    assert "已发布，索引号" in response.content.decode()
    assert count_tables(world.department, 2025).table2["normative_documents.issued"] == 1
    assert world.client("county_supervisor").get("/catalogue/").status_code == 403
