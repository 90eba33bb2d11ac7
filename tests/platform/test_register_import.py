"""Importing a 登记台账: all rows or none, errors by row and column, no duplicates, dates and outcomes kept."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook

from ogi.cli import main
from ogi.platform.agencies.models import Agency
from ogi.platform.casework.models import Case
from ogi.platform.casework.register_import import COLUMNS, ImportFileError, import_rows, read_rows
from ogi.platform.casework.states import State
from ogi.platform.policy import SYSTEM
from tests.conftest import CORPUS

TEMPLATE = CORPUS.parent / "reference" / "register-template.csv"


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _row(n: int, received: date, **values: str) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "")
    row.update({"受理编号": f"2025-{n:04d}", "收到申请日期": received.isoformat(), "申请方式": "在线",
                "申请人类型": "自然人", "申请人": f"申请人{n}", "申请内容": "某项目批复文件",
                "答复日期": (received + timedelta(days=7)).isoformat(), "办理结果": "予以公开"})  # fmt: skip
    row.update(values)
    return row


def test_the_reference_template_imports_with_its_dates_states_and_outcomes(world):
    rows = read_rows(TEMPLATE.read_bytes(), TEMPLATE.name)
    result = import_rows(world.township, rows, SYSTEM, today=date(2026, 12, 6))
    assert result.ok, result.errors
    assert result.created == ["2025-0001", "2025-0002", "2025-0003", "2025-0004"]
    cases = {c.number: c for c in Case.objects.filter(agency=world.township)}
    assert (cases["2025-0001"].state, cases["2025-0001"].outcome) == (State.CLOSED, "granted")
    assert cases["2025-0001"].concluded_on == date(2025, 1, 20)
    second = cases["2025-0002"]
    assert (second.outcome, second.applicant_type) == ("partially_granted", "commercial")
    kinds = list(second.events.order_by("seq").values_list("kind", "on"))
    assert kinds == [
        ("received", date(2025, 2, 11)),
        ("correction_requested", date(2025, 2, 14)),
        ("corrected", date(2025, 2, 24)),
        ("extended", date(2025, 3, 20)),
        ("decided", date(2025, 4, 15)),
        ("delivered", date(2025, 4, 15)),
    ]
    assert cases["2025-0003"].outcome == "unavailable.not_held"
    open_case = cases["2025-0004"]
    assert (open_case.state, open_case.applicant_type, open_case.channel) == (State.REGISTERED, "legal_service", "fax")
    assert open_case.source == "import" and open_case.note == "年底未办结"


def test_importing_the_same_file_twice_creates_no_duplicates(world):
    rows = read_rows(TEMPLATE.read_bytes(), TEMPLATE.name)
    import_rows(world.township, rows, SYSTEM, today=date(2026, 12, 6))
    again = import_rows(world.township, rows, SYSTEM, today=date(2026, 12, 6))
    assert again.ok and again.created == [] and len(again.skipped) == 4
    assert Case.objects.filter(agency=world.township).count() == 4


def test_one_bad_row_in_a_thousand_imports_nothing_and_names_the_row_and_column(world):
    start = date(2025, 1, 6)
    rows = [_row(n, start + timedelta(days=n % 300)) for n in range(1, 1001)]
    rows[499]["收到申请日期"] = "2025-13-45"
    content = _csv(rows)
    result = import_rows(world.department, read_rows(content, "台账.csv"), SYSTEM, today=date(2026, 12, 6))
    assert not result.ok
    assert [str(e) for e in result.errors] == ["第501行“收到申请日期”列：“2025-13-45”不是日期（应为 YYYY-MM-DD）"]
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"申请人类型": "外星人"}, "第2行“申请人类型”列：“外星人”不是自然人"),
        ({"办理结果": "同意"}, "第2行“办理结果”列：“同意”不是年度报告表三的办理结果"),
        ({"证件号码": "110105194912310021"}, "第2行“证件号码”列：居民身份证号校验码不正确"),
        ({"申请方式": "飞鸽"}, "第2行“申请方式”列"),
        ({"答复日期": ""}, "第2行“答复日期”列：答复日期和办理结果应同时填写"),
        ({"补正告知日期": "2025-03-20"}, "第2行“补正告知日期”列：补正应当自收到申请之日起7个工作日内"),
        ({"答复日期": "2025-03-01"}, "第2行“答复日期”列：日期不能早于上一步办理日期 2025-03-03"),
    ],
)
def test_row_errors_are_named_in_chinese(world, change, message):
    row = _row(1, date(2025, 3, 3), **change)
    result = import_rows(world.department, [row], SYSTEM, today=date(2026, 12, 6))
    assert len(result.errors) == 1 and str(result.errors[0]).startswith(message), result.errors
    assert Case.objects.count() == 0


def test_labels_as_agencies_write_them(world):
    rows = [
        _row(1, date(2025, 3, 3), 申请人类型="社会组织", 办理结果="（三）不予公开 4.保护第三方合法权益"),
        _row(2, date(2025, 3, 3), 申请人类型="律师事务所", 办理结果="重复申请"),
        _row(3, date(2025, 3, 3), 申请人类型="企业", 办理结果="部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ]
    result = import_rows(world.department, rows, SYSTEM, today=date(2026, 12, 6))
    assert result.ok, result.errors
    got = dict(Case.objects.values_list("number", "outcome"))
    assert got == {"2025-0001": "withheld.third_party", "2025-0002": "not_processed.duplicate",
                   "2025-0003": "partially_granted"}  # fmt: skip
    assert dict(Case.objects.values_list("number", "applicant_type"))["2025-0001"] == "nonprofit"


def test_xlsx_files_read_like_csv(world, tmp_path: Path):
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    sheet.append([_row(1, date(2025, 3, 3))[c] for c in COLUMNS])
    sheet.append([])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    rows = read_rows(path.read_bytes(), path.name)
    assert len(rows) == 1 and rows[0]["受理编号"] == "2025-0001"


def test_a_file_that_is_not_a_register_is_refused_whole():
    with pytest.raises(ImportFileError, match="缺少必需的列"):
        read_rows("编号,日期\n1,2\n".encode(), "x.csv")
    with pytest.raises(ImportFileError, match="只能导入 XLSX 或 CSV"):
        read_rows(b"%PDF-1.4", "x.pdf")
    with pytest.raises(ImportFileError, match="XLSX"):
        read_rows(b"PK\x03\x04 not really", "x.xlsx")


def test_dry_run_changes_nothing(world):
    result = import_rows(world.department, [_row(1, date(2025, 3, 3))], SYSTEM, dry_run=True, today=date(2026, 12, 6))
    assert result.ok and result.created == ["2025-0001"]
    assert Case.objects.count() == 0


def test_ogi_register_import_command(world, tmp_path: Path, capsys):
    path = tmp_path / "台账.csv"
    path.write_bytes(TEMPLATE.read_bytes())
    assert main(["register", "import", "新建乡人民政府", str(path)]) == 2
    assert "--create-agency" in capsys.readouterr().err
    assert main(["register", "import", "新建乡人民政府", str(path), "--create-agency", "--dry-run"]) == 0
    assert "将导入 4 件" in capsys.readouterr().out
    assert not Agency.objects.filter(name="新建乡人民政府").exists()
    assert main(["register", "import", "新建乡人民政府", str(path), "--create-agency"]) == 0
    assert "已导入 4 件" in capsys.readouterr().out
    assert Agency.objects.get(name="新建乡人民政府").level == "township"
    assert main(["register", "import", "新建乡人民政府", str(path)]) == 0
    assert "跳过已存在的 4 件" in capsys.readouterr().out
    bad = tmp_path / "坏.csv"
    bad.write_bytes(_csv([_row(9, date(2025, 3, 3), 申请人类型="外星人")]))
    assert main(["register", "import", "新建乡人民政府", str(bad)]) == 1
    assert "第2行“申请人类型”列" in capsys.readouterr().err


def test_upload_preview_and_confirm_on_the_web(world):
    client = world.client("dept_officer")
    page = client.get("/cases/import/")
    assert page.status_code == 200
    upload = io.BytesIO(_csv([_row(1, date(2025, 3, 3)), _row(2, date(2025, 3, 4))]))
    upload.name = "台账.csv"
    preview = client.post("/cases/import/", {"file": upload})
    assert preview.status_code == 200
    assert "预检通过：共 2 行，将新建 2 件" in preview.content.decode()
    assert Case.objects.count() == 0
    token = preview.context["token"]
    done = client.post("/cases/import/", {"confirm": "1", "token": token})
    assert done.status_code == 302
    assert Case.objects.filter(agency=world.department).count() == 2
    bad = io.BytesIO(_csv([_row(9, date(2025, 3, 3), 办理结果="同意")]))
    bad.name = "坏.csv"
    refused = client.post("/cases/import/", {"file": bad})
    assert "第2行“办理结果”列" in refused.content.decode()


def test_a_pending_upload_is_stored_encrypted(world):
    from ogi.platform.casework.views import _upload_path

    client = world.client("dept_officer")
    upload = io.BytesIO(_csv([_row(1, date(2025, 3, 3), 证件号码="11010519491231002X")]))
    upload.name = "台账.csv"
    preview = client.post("/cases/import/", {"file": upload})
    stored = _upload_path(preview.context["token"]).read_bytes()
    assert b"11010519491231002X" not in stored and "申请人1".encode() not in stored
    assert client.post("/cases/import/", {"confirm": "1", "token": preview.context["token"]}).status_code == 302
    assert not _upload_path(preview.context["token"]).exists()
