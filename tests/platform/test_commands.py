"""The platform's `ogi` commands: workdays, createuser, demo (the serve command is driven by the browser test)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from ogi.cli import main
from ogi.platform.agencies.models import Agency, Staff
from ogi.platform.casework.models import Case
from ogi.platform.casework.outcomes import OUTCOMES
from ogi.platform.casework.states import State
from ogi.platform.demo import COUNTY, DEMO_PASSWORD, TOWNSHIP, create_demo
from ogi.platform.workcalendar.models import LoadedYear


def test_workdays_add_prints_the_date_and_its_explanation(db, capsys):
    assert main(["workdays", "add", "2025-09-26", "20"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["2025-10-30", "收到 2025-09-26，第20个工作日为 2025-10-30（含调休上班日 09-28、10-11）"]
    assert main(["workdays", "add", "2026-02-10", "20"]) == 0
    assert capsys.readouterr().out.startswith("2026-03-16\n")


def test_workdays_add_marks_an_unknown_year_provisional_and_refuses_bad_input(db, capsys):
    assert main(["workdays", "add", "2026-12-20", "20"]) == 0
    assert "暂定" in capsys.readouterr().out
    assert main(["workdays", "add", "2026-02-30", "20"]) == 2
    assert "不是日期" in capsys.readouterr().err


def test_workdays_load_year_from_a_file(db, tmp_path: Path, capsys):
    notice = tmp_path / "2027.txt"
    notice.write_text("# 2027年（测试用）\n2027-01-01 休\n2027-02-06 班\n", encoding="utf-8")
    assert main(["workdays", "load-year", str(notice), "--year", "2027"]) == 0
    assert "已载入2027年节假日安排" in capsys.readouterr().out
    assert LoadedYear.objects.get(year=2027).days_on == ["2027-02-06"]
    assert main(["workdays", "add", "2026-12-31", "1"]) == 0
    assert capsys.readouterr().out.startswith("2027-01-04\n")  # 01-01 off, then the weekend
    broken = tmp_path / "bad.txt"
    broken.write_text("2027-01-01 休\n明天 放假\n", encoding="utf-8")
    assert main(["workdays", "load-year", str(broken), "--year", "2027"]) == 2
    assert "第2行" in capsys.readouterr().err


def test_createuser_makes_staff_with_a_role(db, capsys):
    Agency.objects.create(name="某县人民政府", level="county")
    assert (
        main(["createuser", "clerk", "--role", "officer", "--agency", "某县人民政府", "--password", "x1y2z3w4v5"]) == 0
    )
    staff = Staff.objects.get(user__username="clerk")
    assert (staff.role, staff.agency.name) == ("officer", "某县人民政府")
    assert main(["createuser", "boss", "--role", "head", "--password", "x1y2z3w4v5"]) == 2
    assert "必须指定 --agency" in capsys.readouterr().err
    assert main(["createuser", "weak", "--password", "123"]) == 2
    assert "密码不符合要求" in capsys.readouterr().err
    assert main(["createuser", "root", "--password", "x1y2z3w4v5"]) == 0
    assert get_user_model().objects.get(username="root").is_superuser


@pytest.mark.django_db(transaction=True)  # the demo's reset flushes the database, outside any test transaction
def test_demo_covers_every_state_and_outcome_row_with_current_deadlines():
    today = date(2026, 12, 7)
    summary = create_demo(today=today, per_year=8)
    assert Agency.objects.filter(name=TOWNSHIP, parent__name=COUNTY).exists()
    assert Agency.objects.filter(parent__name=COUNTY, kind="department").count() == 4
    assert not Case.objects.filter(agency__name=TOWNSHIP, received_on__year=2023).exists()
    assert set(Case.objects.values_list("state", flat=True)) == set(State.values)
    assert set(OUTCOMES) <= set(Case.objects.values_list("outcome", flat=True))
    assert Case.objects.overdue(today).exists()
    assert Case.objects.due_by(today, date(2026, 12, 11)).exists()
    roles = {role for _, role, _ in summary.users}
    assert roles == {"经办人", "负责人", "主管部门", "系统管理员"}
    assert DEMO_PASSWORD in summary.describe()
    assert get_user_model().objects.get(username="donggou_officer").check_password(DEMO_PASSWORD)
    # Running it again resets rather than duplicates.
    create_demo(today=today, per_year=8)
    assert Agency.objects.filter(name=TOWNSHIP).count() == 1


@pytest.mark.django_db(transaction=True)
def test_demo_refuses_to_reset_a_database_with_real_agencies():
    from ogi.platform.demo import DemoRefused

    Agency.objects.create(name="真实机关", level="county")
    try:
        create_demo(per_year=2)
    except DemoRefused as exc:
        assert "非演示机关" in str(exc)
    else:
        raise AssertionError("demo reset a database with real data")
    assert Agency.objects.filter(name="真实机关").exists()


def test_workdays_load_year_reads_gb18030_files_and_names_a_missing_one(db, tmp_path: Path, capsys):
    notice = tmp_path / "2027-gbk.txt"
    notice.write_bytes("2027-01-01 休\n".encode("gb18030"))
    assert main(["workdays", "load-year", str(notice), "--year", "2027"]) == 0
    assert main(["workdays", "load-year", str(tmp_path / "无.txt")]) == 2
    assert "无法读取" in capsys.readouterr().err
