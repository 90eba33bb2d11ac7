"""Error bodies of the API, all in one shape and in Chinese: ``{"detail": …, "errors": [{"field", "message"}]}``.

Schema errors (pydantic's, in English) are translated here by error type; the domain's own errors (the forms',
the actions') are already Chinese and keep the field they name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.forms.utils import ErrorDict

LABELS = {
    "agency": "机关名称",
    "applicant": "申请人",
    "applicant.type": "申请人类型",
    "applicant.name": "申请人姓名或名称",
    "applicant.id_number": "身份证明号码",
    "applicant.phone": "联系电话",
    "applicant.email": "电子邮箱",
    "applicant.address": "通信地址",
    "applicant.postcode": "邮政编码",
    "description": "所需信息的描述",
    "delivery": "获取信息的方式",
    "Idempotency-Key": "幂等键（Idempotency-Key 请求头）",
    "code": "查询码",
    "number": "申请编号",
    "on": "日期",
    "data": "办理数据",
    "file": "文件",
    "state": "状态",
    "q": "检索词",
    "limit": "每页条数",
    "offset": "起始位置",
    "case_id": "申请ID",
    "action": "操作",
    "dry_run": "只检查不导入",
    "": "请求体",
}

_MESSAGES = {
    "missing": "缺少此项",
    "json_invalid": "不是有效的 JSON",
    "string_type": "应为文本",
    "string_too_long": "内容过长",
    "string_too_short": "不能为空",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD）",
    "dict_type": "应为 JSON 对象",
    "model_type": "应为 JSON 对象",
    "model_attributes_type": "应为 JSON 对象",
    "extra_forbidden": "不认识的字段",
    "literal_error": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
}

_SOURCES = ("body", "query", "header", "path", "form", "file", "cookie")


def field_name(loc: Iterable[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
    if parts and parts[0] in ("payload", "body", "action"):
        parts = parts[1:]
    return ".".join(parts)


def label(field: str) -> str:
    return LABELS.get(field, field.rsplit(".", 1)[-1] if field else "请求体")


def from_pydantic(errors: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    out = []
    for error in errors:
        field = field_name(error.get("loc", ()))
        kind = str(error.get("type", ""))
        if kind == "value_error":
            message = str(error.get("msg", "")).removeprefix("Value error, ")
        else:
            message = _MESSAGES.get(kind, "内容不符合要求")
        out.append({"field": field, "message": f"{label(field)}：{message}"})
    return out


def from_form(errors: ErrorDict, names: Mapping[str, str]) -> list[dict[str, str]]:
    """A Django form's errors (already Chinese), with the form's field names turned into the API's."""
    out = []
    for name, messages in errors.items():
        field = names.get(name, name if name != "__all__" else "")
        for message in messages:
            out.append({"field": field, "message": f"{label(field)}：{message}" if field else str(message)})
    return out


def body(detail: str, errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"detail": detail, "errors": errors or []}
