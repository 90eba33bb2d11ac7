"""The public side: the column and its guide, applying online (Art. 29, Art. 31, idempotency, limits), tracking."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from ogi.platform.casework.models import Case
from ogi.platform.documents import actions as documents
from ogi.platform.public.models import OnlineApplication
from ogi.platform.public.rate import parse

from .conftest import RESIDENT_ID, act

APPLICATION = {
    "applicant_type": "natural_person",
    "applicant_name": "王小明",
    "id_number": RESIDENT_ID,
    "phone": "13912345678",
    "email": "",
    "address": "测试县人民路1号",
    "postcode": "810500",
    "description": "2025年测试县财政局部门预算",
    "delivery": "电子文本·电子邮件",
}


@pytest.fixture(autouse=True)
def no_limits(monkeypatch):
    monkeypatch.setenv("OGI_APPLY_RATE", "off")
    monkeypatch.setenv("OGI_TRACK_RATE", "off")


def _apply(client: Client, agency, key: str = "key-1", **overrides):
    return client.post(f"/gk/{agency.pk}/apply/", {**APPLICATION, "idempotency_key": key, **overrides})


def _receipt(response) -> tuple[str, str]:
    html = response.content.decode()
    number = re.search(r'id="case-number">([^<]+)<', html).group(1)
    code = re.search(r'id="query-code">([^<]+)<', html).group(1)
    return number, code


def test_apply_online_registers_one_case_with_a_hashed_query_code(world):
    response = _apply(Client(), world.department)
    assert response.status_code == 200
    number, code = _receipt(response)
    case = Case.objects.get(number=number, agency=world.department)
    assert case.channel == "online" and case.source == "online"
    assert case.received_on == timezone.localdate()  # Art. 31(三): confirmed when the receipt is shown
    assert case.id_masked == "1101**********002X" and case.delivery_form == "电子文本·电子邮件"
    assert len(code) >= 8
    online = OnlineApplication.objects.get(case=case)
    assert code not in online.code_hash and code not in online.code_sealed
    assert case.due_date is not None and case.due_date.isoformat() in response.content.decode()


def test_every_art_29_element_is_required_and_typed_values_come_back(world):
    response = Client().post(f"/gk/{world.department.pk}/apply/", {"applicant_name": "王小明", "idempotency_key": "k"})
    html = response.content.decode()
    assert response.status_code == 400
    for message in ("请选择申请人类型", "请填写身份证明号码", "请填写联系电话", "请填写通信地址",
                    "请填写所需政府信息的名称", "请填写获取信息的方式、途径"):  # fmt: skip
        assert message in html, message
    assert 'value="王小明"' in html and 'role="alert"' in html
    assert Case.objects.count() == 0


def test_id_numbers_are_checked_by_their_check_character(world):
    response = _apply(Client(), world.department, id_number=RESIDENT_ID[:-1] + "1")
    assert response.status_code == 400 and "居民身份证号校验码不正确" in response.content.decode()
    response = _apply(Client(), world.department, applicant_type="commercial", id_number="91632126ABCDEFGHJ1")
    assert response.status_code == 400 and "统一社会信用代码" in response.content.decode()


def test_the_same_key_creates_one_case_and_gets_the_same_receipt(world):
    client = Client()
    first = _receipt(_apply(client, world.department, key="double-click"))
    second = _receipt(_apply(client, world.department, key="double-click"))
    assert first == second
    assert Case.objects.count() == 1
    third = _receipt(_apply(client, world.department, key="another"))
    assert third[0] != first[0] and Case.objects.count() == 2


def test_rate_limit_answers_429_in_chinese(world, monkeypatch):
    monkeypatch.setenv("OGI_APPLY_RATE", "2/m")
    client = Client()
    assert _apply(client, world.department, key="a").status_code == 200
    assert _apply(client, world.department, key="b").status_code == 200
    response = _apply(client, world.department, key="c")
    assert response.status_code == 429 and "过于频繁" in response.content.decode()
    assert Case.objects.count() == 2


def test_rate_setting_is_parsed_strictly():
    assert parse("5/m").count == 5 and parse("5/m").seconds == 60
    assert parse("off") is None
    with pytest.raises(ValueError):
        parse("5 per minute")


def test_attachment_size_limit(world, monkeypatch):
    monkeypatch.setenv("OGI_APPLY_ATTACHMENT_MB", "0.001")
    big = SimpleUploadedFile("证明.pdf", b"x" * 2000)
    response = _apply(Client(), world.department, attachment=big)
    assert response.status_code == 400 and "附件不能超过" in response.content.decode()
    small = SimpleUploadedFile("证明.pdf", b"x" * 500)
    number, _ = _receipt(_apply(Client(), world.department, key="small", attachment=small))
    assert Case.objects.get(number=number).attachments.get().size == 500


def _track(client: Client, number: str, code: str):
    return client.post("/track/", {"number": number, "code": code}, follow=True)


def test_track_shows_state_and_deadline_but_never_the_id_number(world):
    number, code = _receipt(_apply(Client(), world.department))
    response = _track(Client(), number, code.lower())
    html = response.content.decode()
    case = Case.objects.get(number=number)
    assert "办理中" in html and case.due_date.isoformat() in html and case.due_explanation in html
    assert RESIDENT_ID not in html and case.id_masked not in html and "13912345678" not in html


def test_a_wrong_code_answers_exactly_as_an_unknown_number(world):
    number, _code = _receipt(_apply(Client(), world.department))
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"')
    wrong = _track(Client(), number, "WRONGCODE1")
    unknown = _track(Client(), "2099-9999", "WRONGCODE1")
    assert wrong.status_code == unknown.status_code == 400
    a = strip.sub("", wrong.content.decode()).replace(number, "N").replace("2099-9999", "N")
    b = strip.sub("", unknown.content.decode()).replace(number, "N").replace("2099-9999", "N")
    assert a == b and "申请编号或查询码不正确" in a
    # and the status page of a case is not reachable without the code
    assert Client().get(f"/track/{Case.objects.get(number=number).pk}/").status_code == 404


def test_guessing_is_rate_limited(world, monkeypatch):
    monkeypatch.setenv("OGI_TRACK_RATE", "3/m")
    client = Client()
    for _ in range(3):
        assert _track(client, "2025-0001", "GUESS12345").status_code == 400
    response = _track(client, "2025-0001", "GUESS12345")
    assert response.status_code == 429 and "过于频繁" in response.content.decode()


def test_answer_is_downloadable_once_delivered(world):
    number, code = _receipt(_apply(Client(), world.department))
    case = Case.objects.get(number=number)
    today = timezone.localdate()
    officer = world.users["dept_officer"]
    case = act(case, "decide", today, officer, outcome="granted")
    answer = documents.issue(documents.start(case, "answer_granted", officer), officer)
    citizen = Client()
    html = _track(citizen, number, code).content.decode()
    assert answer.number not in html  # decided and issued, but not yet delivered
    act(case, "deliver", today, officer, method="在线下载")
    html = _track(citizen, number, code).content.decode()
    assert answer.number in html
    download = citizen.get(f"/track/{case.pk}/documents/{answer.pk}.docx")
    assert hashlib.sha256(download.content).hexdigest() == answer.sha256
    assert Client().get(f"/track/{case.pk}/documents/{answer.pk}.docx").status_code == 404


def test_guide_is_edited_by_the_agency_staff_and_shown_to_everyone(world):
    url = f"/gk/{world.department.pk}/guide/edit/"
    data = {"guide": "本机关主动公开的政府信息分为机构职能、政策文件。", "channels": "当面\n邮寄", "rules": "",
            "address": "测试县人民路2号", "office_hours": "工作日 9:00-17:00", "phone": "0972-8321234",
            "postcode": "", "fax": "", "email": ""}  # fmt: skip
    assert world.client("other_officer").post(url, data).status_code == 403
    assert world.client("dept_officer").post(url, {**data, "postcode": "12"}).status_code == 400
    assert world.client("dept_officer").post(url, data).status_code == 302
    html = Client().get(f"/gk/{world.department.pk}/guide/").content.decode()
    for text in ("机构职能", "测试县人民路2号", "工作日 9:00-17:00", "0972-8321234", "application-form.docx"):
        assert text in html
    assert Client().get(f"/gk/{world.department.pk}/application-form.docx").content[:2] == b"PK"
    for part in ("rules", "catalogue", "reports"):
        assert Client().get(f"/gk/{world.department.pk}/{part}/").status_code == 200
    assert Client().get(f"/gk/{world.department.pk}/nothing/").status_code == 404


def test_an_old_received_date_is_never_taken_from_the_client(world):
    _apply(Client(), world.department, received_on="2020-01-01", arrived_at="2020-01-01T10:00")
    assert Case.objects.get().received_on == timezone.localdate() != date(2020, 1, 1)


def test_attachments_are_for_the_agency_staff_only(world):
    number, _ = _receipt(_apply(Client(), world.department, attachment=SimpleUploadedFile("证明.pdf", b"%PDF-1")))
    case = Case.objects.get(number=number)
    page = world.client("dept_officer").get(f"/cases/{case.pk}/").content.decode()
    assert "证明.pdf" in page and "在线申请" in page
    item = case.attachments.get()
    assert b"".join(world.client("dept_officer").get(f"/attachments/{item.pk}/").streaming_content) == b"%PDF-1"
    assert world.client("other_officer").get(f"/attachments/{item.pk}/").status_code == 404
    assert Client().get(f"/attachments/{item.pk}/").status_code == 302  # to the login page
