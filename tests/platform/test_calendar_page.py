"""The administrator loads a year's holiday notice on the calendar page; open deadlines are recomputed."""

from __future__ import annotations

from datetime import date

from ogi.platform.workcalendar.models import LoadedYear

NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日放假，共3天。
"""


def test_the_admin_loads_a_notice_and_open_cases_are_recomputed(world, new_case):
    case = new_case(date(2026, 12, 15), today=date(2026, 12, 15))
    assert case.due_provisional
    client = world.client("admin")
    page = client.get("/calendar/")
    assert page.status_code == 200 and "尚未公布或未载入" in page.content.decode()
    response = client.post("/calendar/", {"text": NOTICE_2027}, follow=True)
    assert "已载入2027年节假日安排，重新计算了 1 件在办申请的期限" in response.content.decode()
    assert LoadedYear.objects.get(year=2027).days_off == ["2027-01-01"]
    case.refresh_from_db()
    assert not case.due_provisional


def test_an_unreadable_notice_comes_back_with_its_text_and_the_line(world):
    client = world.client("admin")
    response = client.post("/calendar/", {"year": "2027", "text": "2027-01-01 休\n某月某日 放假"})
    html = response.content.decode()
    assert response.status_code == 400 and "第2行" in html and "某月某日 放假" in html
    assert not LoadedYear.objects.exists()


def test_officers_cannot_load_notices(world):
    assert world.client("dept_officer").post("/calendar/", {"text": NOTICE_2027}).status_code == 403
    assert not LoadedYear.objects.exists()


def test_an_oversized_register_upload_is_refused_before_reading(world, settings):
    import io

    settings.OGI_IMPORT_MAX_BYTES = 100
    upload = io.BytesIO(b"x" * 101)
    upload.name = "big.csv"
    response = world.client("dept_officer").post("/cases/import/", {"file": upload})
    assert response.status_code == 400 and "文件过大" in response.content.decode()
