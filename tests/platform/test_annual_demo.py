"""The demo's reports: 东沟乡人民政府 2023 with the seed's figures and texts, the county's reports of last year;
``ogi report build`` gives the same report; the statutory date on the dashboard from December."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from ogi.cli import main
from ogi.platform.agencies.models import Agency
from ogi.platform.annual.context import report_due
from ogi.platform.annual.models import ReportVersion
from ogi.platform.demo import COUNTY, DEPARTMENTS, TOWNSHIP, create_demo
from ogi.report import read

CORPUS = Path(os.environ.get("OGI_CORPUS", Path(__file__).resolve().parents[3] / "shared" / "corpus"))
SEED = CORPUS / "seed" / "000_614567a681452a82"


def _zero_for_blank(table: dict) -> dict:
    return {k: [0 if v is None else v for v in vs] if isinstance(vs, list) else (0 if vs is None else vs)
            for k, vs in table.items()}  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_demo_publishes_the_seed_report_and_the_countys_reports(capsys, tmp_path):
    create_demo(today=date(2026, 12, 7), per_year=6)
    expected = json.loads(SEED.with_suffix(".expected.json").read_text(encoding="utf-8"))
    seed = ReportVersion.objects.get(report__agency__name=TOWNSHIP, report__year=2023)
    assert seed.data["table2"] == expected["table2"] and seed.data["table4"] == expected["table4"]
    # the seed leaves the applicant columns blank and has one （六） row; OGI writes explicit 0s and the 2021 split
    table3 = _zero_for_blank(expected["table3"])
    other = table3.pop("other")
    generated = dict(seed.data["table3"])
    assert [
        sum(v)
        for v in zip(
            *(generated.pop(k) for k in ("other.no_correction", "other.unpaid_fee", "other.other")), strict=True
        )
    ] == other
    assert generated == table3
    source = read(SEED.with_suffix(".txt"))
    assert seed.data["sections"]["1"] == source.sections["1"] and seed.data["sections"]["5"] == source.sections["5"]
    assert seed.published_on == date(2024, 1, 18) and seed.intact()
    for name in (COUNTY, *(n for n, _ in DEPARTMENTS)):
        version = ReportVersion.objects.get(report__agency__name=name, report__year=2025)
        assert version.data["table3"]["new_received"][6] > 0
        assert version.data["table2"]["normative_documents.issued"] == 2
    # the command line gives the same report
    assert main(["report", "build", TOWNSHIP, "2023", "--to", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == seed.data
    out = tmp_path / "r.docx"
    assert main(["report", "build", COUNTY, "2025", "--to", "docx", "-o", str(out)]) == 0
    assert (
        read(out).value("table3.new_received.total")
        == ReportVersion.objects.get(report__agency__name=COUNTY, report__year=2025).data["table3"]["new_received"][6]
    )
    assert main(["report", "build", "没有这个机关", "2025"]) == 2
    assert "没有名为" in capsys.readouterr().err
    # the statutory date: from December on, until it has passed
    township = Agency.objects.get(name=TOWNSHIP)
    assert report_due(township, date(2026, 11, 30)) == ""
    assert report_due(township, date(2026, 12, 1)).startswith("2026年度政府信息公开工作年度报告应于2027年3月31日前公布")
    department = Agency.objects.get(name=DEPARTMENTS[0][0])
    assert "2026年1月31日" in report_due(department, date(2026, 1, 5)) and "已发布" in report_due(
        department, date(2026, 1, 5)
    )
    assert report_due(department, date(2026, 2, 1)) == ""
    # every page of the demo renders for the township's officer, and the public pages for anyone
    from django.test import Client

    officer = Client()
    officer.force_login(get_user_model().objects.get(username="dept1_officer"))
    for url in (
        "/reports/",
        f"/reports/{department.pk}/2025/",
        f"/reports/{department.pk}/2026/",
        "/catalogue/",
        "/catalogue/figures/2025/",
        "/disputes/",
        f"/reports/{department.pk}/2025/cell/table4.review.total/",
    ):
        response = officer.get(url)
        assert response.status_code == 200, url
        assert "2026年度政府信息公开工作年度报告应于2027年1月31日前公布" in response.content.decode(), url
    public = Client()
    for url in (
        f"/gk/{township.pk}/reports/",
        f"/gk/{township.pk}/reports/2023/",
        f"/gk/{department.pk}/catalogue/",
        f"/gk/{department.pk}/catalogue/?q=低保",
    ):
        assert public.get(url).status_code == 200, url
    assert "东沟乡人民政府2023年政府信息公开工作年度报告" in public.get(f"/gk/{township.pk}/reports/").content.decode()
