"""Intake and action pages: a bad form comes back with what was typed and a Chinese message; nothing is saved."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ogi.platform.casework.models import Case
from ogi.platform.casework.states import State

from .conftest import RESIDENT_ID


def _form(**overrides: str) -> dict[str, str]:
    today = timezone.localdate()
    data = {
        "channel": "in_person",
        "arrived_at": f"{today.isoformat()}T09:30",
        "received_on": today.isoformat(),
        "applicant_type": "natural_person",
        "applicant_name": "王小明",
        "id_kind": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": "13912345678",
        "description": "本村2025年低保名单",
        "delivery_form": "电子邮件",
    }
    data.update(overrides)
    return data


def test_an_officer_registers_a_request_and_lands_on_its_page(world):
    client = world.client("dept_officer")
    response = client.post("/cases/new/", _form())
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    assert (case.agency, case.state, case.assignee) == (world.department, State.REGISTERED, world.users["dept_officer"])
    assert RESIDENT_ID not in case.id_encrypted and case.id_masked == "1101**********002X"
    page = client.get(response["Location"]).content.decode()
    assert "答复期限" in page and case.due_date.isoformat() in page


def test_a_wrong_check_digit_redisplays_the_form_with_the_input(world):
    client = world.client("dept_officer")
    response = client.post("/cases/new/", _form(id_number="110105194912310021"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "居民身份证号校验码不正确" in html and "请修改以下内容后重新提交" in html
    assert 'value="王小明"' in html and "本村2025年低保名单" in html and 'value="110105194912310021"' in html
    assert Case.objects.count() == 0


def test_missing_elements_of_article_29_are_named(world):
    client = world.client("dept_officer")
    response = client.post("/cases/new/", _form(phone="", description="", applicant_name=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert "请至少填写一种联系方式" in html and html.count("这个字段是必填项") >= 2
    credit = client.post(
        "/cases/new/", _form(applicant_type="commercial", id_kind="credit_code", id_number="91350100M000100Y4A")
    )
    assert "统一社会信用代码校验码不正确" in credit.content.decode()
    assert Case.objects.count() == 0


def test_statute_errors_from_the_action_come_back_on_the_form(world):
    client = world.client("dept_officer")
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post("/cases/new/", _form(received_on=yesterday.isoformat()))
    assert response.status_code == 400
    assert "法定收到日期不能早于申请到达的日期" in response.content.decode()
    assert Case.objects.count() == 0
    client.post("/cases/new/", _form())
    case = Case.objects.get()
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client.post(f"/cases/{case.pk}/act/decide/", {"on": future, "outcome": "granted", "summary": "已提供"})
    html = response.content.decode()
    assert response.status_code == 400 and "日期不能晚于今天" in html and "已提供" in html
    response = client.post(f"/cases/{case.pk}/act/decide/", {"on": timezone.localdate().isoformat(), "outcome": ""})
    assert response.status_code == 400 and "办理结果" in response.content.decode()
    case.refresh_from_db()
    assert case.state == State.REGISTERED and case.events.count() == 1


def test_htmx_loads_an_action_form_as_a_fragment(world):
    client = world.client("dept_officer")
    client.post("/cases/new/", _form())
    case = Case.objects.get()
    fragment = client.get(f"/cases/{case.pk}/act/request_correction/", headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in html and "需要补正的事项" in html


def test_work_lists_show_due_and_overdue(world, new_case):
    today = timezone.localdate()
    long_ago = today - timedelta(days=60)
    overdue = new_case(long_ago, today=today)
    fresh = new_case(today, today=today)
    client = world.client("dept_officer")
    overdue_page = client.get("/cases/?list=overdue")
    numbers = [c.number for c in overdue_page.context["page"]]
    assert numbers == [overdue.number]
    assert "（已逾期）" in overdue_page.content.decode()
    assert [c.number for c in client.get("/cases/?list=open").context["page"]] == [overdue.number, fresh.number]
    search = client.get("/cases/", {"list": "all", "q": RESIDENT_ID})
    assert search.context["page"].paginator.count == 2
