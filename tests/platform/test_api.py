"""The JSON API: apply and track without an account, staff operations with revocable agency-scoped tokens,
Chinese 400 bodies naming each field, and the same actions and policy as the pages."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client
from django.utils import timezone

from ogi.platform.api.models import ApiToken, hash_token
from ogi.platform.audit.models import AuditEntry
from ogi.platform.casework.models import Case

from .conftest import RESIDENT_ID

REQUEST = {
    "agency": "测试县财政局",
    "applicant": {"type": "自然人", "name": "王小明", "id_number": RESIDENT_ID, "phone": "13912345678",
                  "address": "测试县人民路1号"},
    "description": "2025年部门预算",
    "delivery": "电子文本·电子邮件",
}  # fmt: skip


@pytest.fixture(autouse=True)
def no_limits(monkeypatch):
    monkeypatch.setenv("OGI_APPLY_RATE", "off")
    monkeypatch.setenv("OGI_TRACK_RATE", "off")


def token_for(user, agency) -> str:
    token = ApiToken(name="测试", user=user, agency=agency)
    secret = token.issue()
    token.save()
    return secret


def post(client: Client, path: str, body, **headers):
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers)


def test_schema_and_docs_are_served(db):
    schema = Client().get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/requests", "/api/requests/{number}", "/api/cases", "/api/cases/{case_id}"} <= set(schema["paths"])
    assert Client().get("/api/docs").status_code == 200


def test_apply_is_idempotent_and_trackable(world):
    client = Client()
    first = post(client, "/api/requests", REQUEST, **{"Idempotency-Key": "abc-1"})
    assert first.status_code == 201
    body = first.json()
    assert set(body) == {"number", "query_code", "received", "deadline"}
    assert body["received"] == timezone.localdate().isoformat()
    again = post(client, "/api/requests", REQUEST, **{"Idempotency-Key": "abc-1"})
    assert again.status_code == 200 and again.json() == body
    assert Case.objects.count() == 1
    other = post(client, "/api/requests", {**REQUEST, "description": "另一份"}, **{"Idempotency-Key": "abc-1"})
    assert other.status_code == 409 and "幂等键" in other.json()["detail"]
    tracked = client.get(f"/api/requests/{body['number']}", {"code": body["query_code"]})
    assert tracked.status_code == 200
    assert tracked.json()["state"] == "registered" and tracked.json()["events"][0]["kind"] == "received"
    assert RESIDENT_ID not in tracked.content.decode()
    wrong = client.get(f"/api/requests/{body['number']}", {"code": "WRONG12345"})
    unknown = client.get("/api/requests/2099-0001", {"code": "WRONG12345"})
    assert wrong.status_code == unknown.status_code == 404 and wrong.json() == unknown.json()


def test_400_names_each_field_in_chinese(world):
    bad = {**REQUEST, "applicant": {**REQUEST["applicant"], "id_number": RESIDENT_ID[:-1] + "1", "phone": "x"}}
    response = post(Client(), "/api/requests", bad, **{"Idempotency-Key": "k"})
    assert response.status_code == 400
    fields = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert "校验码不正确" in fields["applicant.id_number"] and "电话" in fields["applicant.phone"]
    response = post(Client(), "/api/requests", {"agency": "测试县财政局"})
    fields = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert response.status_code == 400
    assert fields["applicant"] == "申请人：缺少此项" and fields["Idempotency-Key"].endswith("缺少此项")
    unknown_agency = post(Client(), "/api/requests", {**REQUEST, "agency": "没有的机关"}, **{"Idempotency-Key": "k"})
    assert unknown_agency.json()["errors"][0]["field"] == "agency"
    not_json = Client().post("/api/requests", "{", content_type="application/json", headers={"Idempotency-Key": "k"})
    assert not_json.status_code == 400 and not_json.json()["detail"] == "请求内容有误"


def test_rate_limit_is_429_in_chinese(world, monkeypatch):
    monkeypatch.setenv("OGI_APPLY_RATE", "1/m")
    client = Client()
    assert post(client, "/api/requests", REQUEST, **{"Idempotency-Key": "a"}).status_code == 201
    response = post(client, "/api/requests", REQUEST, **{"Idempotency-Key": "b"})
    assert response.status_code == 429 and "频繁" in response.json()["detail"]


def test_staff_tokens_401_403_and_revocation(world, new_case):
    mine = new_case(date(2025, 3, 3))
    theirs = new_case(date(2025, 3, 3), agency=world.other_county)
    token = token_for(world.users["dept_officer"], world.department)
    auth = {"Authorization": f"Bearer {token}"}
    assert Client().get("/api/cases").status_code == 401
    assert Client().get("/api/cases", headers={"Authorization": "Bearer nope"}).status_code == 401
    listed = Client().get("/api/cases", headers=auth)
    assert listed.status_code == 200, listed.content.decode()
    assert [c["number"] for c in listed.json()] == [mine.number]
    assert listed.json()[0]["id_masked"] == "1101**********002X" and RESIDENT_ID not in listed.content.decode()
    assert Client().get(f"/api/cases/{theirs.pk}", headers=auth).status_code == 403
    assert Client().get("/api/cases/999999", headers=auth).status_code == 404
    assert ApiToken.objects.get().token_hash == hash_token(token) and token not in ApiToken.objects.get().token_hash
    ApiToken.objects.update(revoked_at=timezone.now())
    assert Client().get("/api/cases", headers=auth).status_code == 401


def test_actions_go_through_the_workflow_and_the_policy(world, new_case):
    today = timezone.localdate()
    case = new_case(today)
    officer = {"Authorization": f"Bearer {token_for(world.users['dept_officer'], world.department)}"}
    path = f"/api/cases/{case.pk}/actions"
    # the head's action is refused to an officer, as on the page
    response = post(Client(), f"{path}/extend", {"data": {"days": 5, "reason": "档案多", "notified_on": str(today)}},
                    **officer)  # fmt: skip
    assert response.status_code == 403
    response = post(Client(), f"{path}/decide", {"data": {"outcome": "nonsense"}}, **officer)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "data.outcome"
    response = post(Client(), f"{path}/decide", {"data": {"outcome": "granted", "summary": "同意"}}, **officer)
    assert response.status_code == 200 and response.json()["state"] == "decided"
    assert AuditEntry.objects.filter(action="case.decide", actor=world.users["dept_officer"]).exists()
    response = post(Client(), f"{path}/decide", {"data": {"outcome": "granted"}}, **officer)
    assert response.status_code == 400 and "不能作出答复决定" in response.json()["detail"]
    assert post(Client(), f"{path}/issue_document", {"data": {}}, **officer).status_code == 404


def test_register_import_through_the_api(world):
    token = token_for(world.users["dept_officer"], world.department)
    csv = "受理编号,收到申请日期,申请方式,申请人类型,申请人,申请内容\n2025-0100,2025-03-03,当面,自然人,张三,预算\n"
    upload = {"file": ("台账.csv", csv.encode("utf-8-sig"))}
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = Client().post(
        "/api/imports",
        {"file": SimpleUploadedFile(*upload["file"])},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.content.decode()
    assert response.json()["created"] == ["2025-0100"]
    assert Case.objects.filter(agency=world.department, number="2025-0100").exists()


def test_the_administrator_creates_a_token_shown_once(world):
    admin = world.client("admin")
    officer = world.users["dept_officer"]
    refused = admin.post("/admin/api/apitoken/add/", {"name": "热线", "user": world.users["county_supervisor"].pk})
    assert refused.status_code == 200 and "经办人或负责人" in refused.content.decode()
    response = admin.post("/admin/api/apitoken/add/", {"name": "12345热线", "user": officer.pk}, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    secret = next(m.split("：", 1)[1] for m in shown if "只显示这一次" in m)
    token = ApiToken.objects.get()
    assert token.agency == world.department and token.token_hash == hash_token(secret)
    assert Client().get("/api/cases", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    admin.post("/admin/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert Client().get("/api/cases", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    assert AuditEntry.objects.filter(action__in=["api.token.create", "api.token.revoke"]).count() == 2


def test_the_documentation_page_loads_nothing_from_the_internet(client):
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html and "https://" not in html.replace("https://swagger.io", "")
