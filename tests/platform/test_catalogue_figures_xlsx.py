"""Yearly figures from an XLSX file, 2019-format columns included; a local category on the public page."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from ogi.platform.annual.tables import count_tables
from ogi.platform.catalogue.actions import CatalogueError, import_figures, publish_record
from ogi.platform.catalogue.models import LocalCategory
from ogi.platform.policy import SYSTEM
from ogi.report import FormatVersion


def test_figures_from_xlsx_fill_table_two_of_either_format(world):
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["年度", "行政许可/上一年项目数量", "行政许可/本年增/减", "行政许可/处理决定数量", "政府集中采购/采购总金额"]
    )
    sheet.append([2020, 25, "-2", 130, 251000.5])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_figures(world.department, SYSTEM, buffer.getvalue(), "年度数据.xlsx")
    assert result.years == [2020] and not result.errors
    t2 = count_tables(world.department, 2020, FormatVersion.V2019).table2
    assert (t2["licensing.last_year_items"], t2["licensing.change"], t2["licensing.decisions"]) == (25, -2, 130)
    assert t2["procurement.amount"] == Decimal("251000.5") and t2["punishment.decisions"] == 0


def test_unknown_columns_are_named(world):
    with pytest.raises(CatalogueError, match=r"^无法识别的列：行政审批$"):
        import_figures(world.department, SYSTEM, "年度,行政审批\n2025,3\n".encode(), "x.csv")


def test_a_local_category_is_browsable(world, client):
    agency = world.township
    category = LocalCategory.objects.create(agency=agency, name="农村土地承包经营权流转")
    publish_record(
        agency, SYSTEM,
        {"title": "土地流转合同公示", "issuer": agency.name, "made_on": date(2025, 4, 1),
         "published_on": date(2025, 4, 2), "local_category": category},
    )  # fmt: skip
    page = client.get(f"/gk/{agency.pk}/catalogue/", {"category": f"local-{category.pk}"}).content.decode()
    assert "共 1 条" in page and "土地流转合同公示" in page and "农村土地承包经营权流转（1）" in page


def test_staff_add_a_local_category(world):
    officer = world.client("dept_officer")
    assert (
        "已增设类别“市政建设”"
        in officer.post("/catalogue/categories/", {"name": " 市政建设 "}, follow=True).content.decode()
    )
    assert (
        "已有类别“市政建设”"
        in officer.post("/catalogue/categories/", {"name": "市政建设"}, follow=True).content.decode()
    )
    assert "请填写类别名称" in officer.post("/catalogue/categories/", {"name": ""}, follow=True).content.decode()
    assert list(LocalCategory.objects.values_list("agency", "name")) == [(world.department.pk, "市政建设")]
