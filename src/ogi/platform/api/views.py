"""The JSON API: public operations (apply, track) and staff operations with tokens.

Every operation goes through what the pages use: the online application's form and ``applying.apply``, the
tracking lookup and its rate limit, the casework actions with their forms, the register import, and the policy.
OpenAPI 3 at /api/openapi.json, documentation at /api/docs.
"""

from __future__ import annotations

from typing import Any

from django.db import OperationalError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import File, Header, NinjaAPI, Path, Query, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.files import UploadedFile
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer

from ogi.platform import policy
from ogi.platform.agencies.models import Agency
from ogi.platform.casework.actions import ACTIONS, ActionDenied, ActionError, perform
from ogi.platform.casework.forms import ACTION_FORMS
from ogi.platform.casework.models import APPLICANT_TYPES, Case
from ogi.platform.casework.register_import import ImportFileError, import_rows, read_rows
from ogi.platform.casework.states import EventKind, State
from ogi.platform.public import rate
from ogi.platform.public.applying import KeyReused, apply, find
from ogi.platform.public.forms import ApplyForm

from . import errors
from .models import ApiToken, hash_token
from .schemas import (
    ActionIn,
    CaseDetailOut,
    CaseOut,
    ErrorOut,
    ImportOut,
    ReceiptOut,
    RequestIn,
    Text,
    TrackOut,
)

MAX_ID = 2**63 - 1


class _Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Chinese as it is, not \\uXXXX


api = NinjaAPI(
    renderer=_Renderer(),
    title="OGI 政府信息公开平台接口",
    version="1",
    description="供办公系统、12345热线、省级平台等对接：公众申请与查询（无需账号），机关工作人员令牌办理申请。",
    urls_namespace="api",
)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = ApiToken.objects.active().select_related("user__staff", "agency").filter(token_hash=hash_token(token))
        item = found.first()
        if item is None:
            return None
        staff = policy.staff_of(item.user)
        if staff is None or staff.agency_id != item.agency_id or not item.user.is_active:
            return None
        ApiToken.objects.filter(pk=item.pk).update(last_used_at=timezone.now())
        return item


staff_auth = TokenAuth()


def _json(request: HttpRequest, status: int, detail: str, errs: list[dict[str, str]] | None = None) -> HttpResponse:
    return api.create_response(request, errors.body(detail, errs), status=status)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _json(request, 400, "请求内容有误", errors.from_pydantic(exc.errors))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _json(request, 401, "需要有效的接口令牌（Authorization: Bearer …）")


@api.exception_handler(OperationalError)
def _database_unavailable(request: HttpRequest, exc: OperationalError) -> HttpResponse:
    """The database went away (a restart, a failover): nothing was committed, the client retries with its key."""
    response = _json(request, 503, "数据库暂时不可用，请稍后重试（在线申请请使用同一 Idempotency-Key，不会重复登记）")
    response["Retry-After"] = "1"
    return response


_GENERIC = {400: "请求内容有误", 401: "需要有效的接口令牌", 403: "没有权限", 404: "没有找到", 405: "不支持该请求方法",
            429: "请求过于频繁，请稍后再试"}  # fmt: skip


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Our own HttpErrors carry Chinese; ninja's (a body that is not JSON, …) are English and get a Chinese one."""
    message = str(exc)
    if message.isascii():
        field_errors = [{"field": "", "message": "请求体：不是有效的 JSON"}] if "parse" in message.lower() else []
        return _json(request, exc.status_code, _GENERIC.get(exc.status_code, "请求无法处理"), field_errors)
    return _json(request, exc.status_code, message)


# --------------------------------------------------------------------------------------------- public operations

_TYPE_CODES = {label: code for code, label in APPLICANT_TYPES} | {code: code for code, _ in APPLICANT_TYPES}
_FORM_TO_API = {
    "applicant_type": "applicant.type",
    "applicant_name": "applicant.name",
    "id_number": "applicant.id_number",
    "phone": "applicant.phone",
    "email": "applicant.email",
    "address": "applicant.address",
    "postcode": "applicant.postcode",
    "description": "description",
    "delivery": "delivery",
}


def _receipt(receipt: Any) -> dict[str, Any]:
    return {"number": receipt.number, "query_code": receipt.query_code, "received": receipt.received,
            "deadline": receipt.deadline}  # fmt: skip


@api.post(
    "/requests",
    response={200: ReceiptOut, 201: ReceiptOut, 400: ErrorOut, 409: ErrorOut, 429: ErrorOut},
    summary="提交政府信息公开申请",
    description="无需账号。同一 Idempotency-Key 重复提交只产生一件申请，并返回同样的回执（200）。",
    tags=["公众"],
)
def create_request(
    request: HttpRequest,
    payload: RequestIn,
    idempotency_key: Text = Header(..., alias="Idempotency-Key", min_length=1, max_length=100),  # noqa: B008
) -> Any:
    if not rate.allow("apply", rate.client_of(request)):
        limit = rate.limit_for("apply")
        return Status(429, errors.body(f"提交过于频繁（{limit.describe() if limit else ''}），请稍后再试"))
    agency = Agency.objects.filter(name=payload.agency.strip()).first()
    if agency is None:
        return Status(
            400,
            errors.body(
                "请求内容有误", [{"field": "agency", "message": f"机关名称：没有名为“{payload.agency}”的机关"}]
            ),
        )
    a = payload.applicant
    form = ApplyForm(
        {
            "applicant_type": _TYPE_CODES.get(a.type.strip(), a.type),
            "applicant_name": a.name,
            "id_number": a.id_number,
            "phone": a.phone,
            "email": a.email,
            "address": a.address,
            "postcode": a.postcode,
            "description": payload.description,
            "delivery": payload.delivery,
        }
    )
    if not form.is_valid():
        return Status(400, errors.body("请求内容有误", errors.from_form(form.errors, _FORM_TO_API)))
    try:
        receipt = apply(agency, form.cleaned_data, idempotency_key.strip())
    except KeyReused as exc:
        return Status(409, errors.body(str(exc), [{"field": "Idempotency-Key", "message": str(exc)}]))
    return Status(201 if receipt.created else 200, _receipt(receipt))


@api.get(
    "/requests/{number}",
    response={200: TrackOut, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut},
    summary="查询申请办理情况",
    description="无需账号，凭申请编号和查询码。编号或查询码不正确时一律回答 404。",
    tags=["公众"],
)
def track_request(request: HttpRequest, number: Path[Text], code: Query[Text]) -> Any:
    if not rate.allow("track", rate.client_of(request)):
        return Status(429, errors.body("查询过于频繁，请稍后再试"))
    case = find(number, code)
    if case is None:
        return Status(404, errors.body("申请编号或查询码不正确"))
    events = [
        {"date": e.on, "kind": e.kind, "label": e.get_kind_display()}
        for e in case.events.order_by("seq")
        if e.kind != EventKind.DOCUMENT_ISSUED
    ]
    return Status(
        200,
        {
            "number": case.number,
            "state": case.state,
            "state_label": case.get_state_display(),
            "received": case.received_on,
            "deadline": case.due_date,
            "deadline_explanation": case.due_explanation,
            "events": events,
        },
    )


# ---------------------------------------------------------------------------------------------- staff operations


def _cases(token: ApiToken) -> QuerySet[Case]:
    return policy.cases_for(token.user).filter(agency=token.agency).select_related("agency")


def _case_out(case: Case) -> dict[str, Any]:
    return {
        "id": case.pk,
        "number": case.number,
        "agency": case.agency.name,
        "state": case.state,
        "state_label": case.get_state_display(),
        "received": case.received_on,
        "deadline": case.due_date,
        "applicant_type": case.applicant_type,
        "applicant_name": case.applicant_name,
        "id_masked": case.id_masked,
        "outcome": case.outcome,
    }


def _case_or_error(token: ApiToken, case_id: int) -> Case:
    case = _cases(token).filter(pk=case_id).first()
    if case is not None:
        return case
    if Case.objects.filter(pk=case_id).exists():
        raise HttpError(403, "无权访问其他机关的申请")
    raise HttpError(404, "没有该申请")


@api.get("/cases", response={200: list[CaseOut], 401: ErrorOut}, auth=staff_auth, summary="本机关的申请",
         tags=["机关"])  # fmt: skip
def list_cases(
    request: HttpRequest,
    state: Text = "",
    q: Text = "",
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> Any:
    cases = _cases(request.auth)
    if state in State.values:
        cases = cases.filter(state=state)
    elif state:
        raise HttpError(400, f"状态只能是：{'、'.join(State.values)}")
    cases = cases.search(q).order_by("-received_on", "-pk")
    return [_case_out(c) for c in cases[offset : offset + limit]]


@api.get("/cases/{case_id}", response={200: CaseDetailOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
         auth=staff_auth, summary="申请详情与办理过程", tags=["机关"])  # fmt: skip
def read_case(request: HttpRequest, case_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    case = _case_or_error(request.auth, case_id)
    out = _case_out(case)
    out.update(
        description=case.description,
        channel=case.channel,
        deadline_explanation=case.due_explanation,
        events=[
            {
                "seq": e.seq,
                "date": e.on,
                "kind": e.kind,
                "label": e.get_kind_display(),
                "summary": e.summary,
                "actor": e.actor_name,
            }
            for e in case.events.order_by("seq")
        ],
    )
    return out


@api.post(
    "/cases/{case_id}/actions/{action}",
    response={200: CaseDetailOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    auth=staff_auth,
    summary="办理申请（告知补正、征求意见、延期、收费、答复、送达、撤回等）",
    description="操作名与字段同页面上的办理表单：" + "、".join(f"{n}（{a.label}）" for n, a in ACTIONS.items()),
    tags=["机关"],
)
def act(request: HttpRequest, action: Text, body: ActionIn, case_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    case = _case_or_error(request.auth, case_id)
    if action not in ACTION_FORMS:
        return Status(404, errors.body(f"没有这项操作：{action}"))
    values = {k: "" if v is None else str(v).lower() if isinstance(v, bool) else str(v) for k, v in body.data.items()}
    values["on"] = (body.on or timezone.localdate()).isoformat()
    form = ACTION_FORMS[action](values)
    if not form.is_valid():
        names = {name: f"data.{name}" for name in form.fields} | {"on": "on"}
        return Status(400, errors.body("请求内容有误", errors.from_form(form.errors, names)))
    data = dict(form.cleaned_data)
    on = data.pop("on")
    try:
        perform(action, case, request.auth.user, on=on, data=data)
    except ActionDenied as exc:
        return Status(403, errors.body(exc.message))
    except ActionError as exc:
        field = f"data.{exc.field}" if exc.field and exc.field != "on" else (exc.field or "")
        return Status(400, errors.body(exc.message, [{"field": field, "message": exc.message}]))
    return Status(200, read_case(request, case.pk))


@api.post("/imports", response={200: ImportOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
          auth=staff_auth, summary="导入登记台账（XLSX 或 CSV，全部无误才导入）", tags=["机关"])  # fmt: skip
def import_register(request: HttpRequest, file: File[UploadedFile], dry_run: Query[bool] = False) -> Any:
    token: ApiToken = request.auth
    if not policy.can_act_for(token.user, token.agency, "import_register"):
        return Status(403, errors.body("您没有权限为该机关导入登记台账"))
    if file.size is not None and file.size > 10 * 1024 * 1024:
        return Status(400, errors.body("文件不能超过 10 MB", [{"field": "file", "message": "文件：不能超过 10 MB"}]))
    try:
        rows = read_rows(file.read(), file.name or "upload.csv")
        result = import_rows(token.agency, rows, token.user, dry_run=dry_run)
    except ImportFileError as exc:
        return Status(400, errors.body(str(exc), [{"field": "file", "message": f"文件：{exc}"}]))
    out = {
        "rows": result.rows,
        "created": result.created,
        "skipped": result.skipped,
        "errors": [{"field": f"第{e.row}行·{e.column}", "message": e.message} for e in result.errors],
        "dry_run": result.dry_run,
    }
    if result.errors:
        return Status(400, errors.body("台账有误，未导入任何记录", out["errors"]))
    return Status(200, out)
