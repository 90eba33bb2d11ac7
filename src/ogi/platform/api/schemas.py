"""The API's request and response shapes (they make the OpenAPI schema)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator


def _storable(value: str) -> str:
    """Text a database can store: no NUL character (PostgreSQL refuses it), no lone surrogate."""
    if "\x00" in value:
        raise ValueError("不能包含空字符")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("含有无效字符") from None
    return value


Text = Annotated[str, AfterValidator(_storable)]


class ApplicantIn(Schema):
    type: Text = Field(..., description="申请人类型：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他")
    name: Text = Field(..., max_length=100, description="姓名或名称")
    id_number: Text = Field(..., max_length=40, description="居民身份证号码（自然人）或统一社会信用代码")
    phone: Text = Field(..., max_length=40)
    address: Text = Field(..., max_length=200)
    email: Text = Field("", max_length=254)
    postcode: Text = Field("", max_length=10)


class RequestIn(Schema):
    agency: Text = Field(..., max_length=100, description="受理机关全称")
    applicant: ApplicantIn
    description: Text = Field(..., max_length=2000, description="所需政府信息的名称、文号或特征性描述")
    delivery: Text = Field(..., max_length=100, description="获取信息的方式、途径，例如“电子文本·电子邮件”")


class ReceiptOut(Schema):
    number: str
    query_code: str
    received: date
    deadline: date | None


class EventOut(Schema):
    date: date
    kind: str
    label: str


class TrackOut(Schema):
    number: str
    state: str
    state_label: str
    received: date
    deadline: date | None
    deadline_explanation: str
    events: list[EventOut]


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[FieldError] = []


class CaseOut(Schema):
    id: int
    number: str
    agency: str
    state: str
    state_label: str
    received: date
    deadline: date | None
    applicant_type: str
    applicant_name: str
    id_masked: str
    outcome: str


class StaffEventOut(Schema):
    seq: int
    date: date
    kind: str
    label: str
    summary: str
    actor: str


class CaseDetailOut(CaseOut):
    description: str
    channel: str
    deadline_explanation: str
    events: list[StaffEventOut]


class ActionIn(Schema):
    on: date | None = Field(None, description="办理日期（默认今天）")
    data: dict[str, Text | int | float | bool | None] = Field(default_factory=dict, description="该操作表单的字段")


class ImportOut(Schema):
    rows: int
    created: list[str]
    skipped: list[str]
    errors: list[FieldError]
    dry_run: bool
