"""Import an agency's existing register (登记台账) from XLSX or CSV, all rows or none.

Each row becomes a case through the same actions the pages use (register, 补正, 延期, decide, deliver), so an
imported case obeys the statute like any other and keeps its dates and outcome. The whole file runs in one
transaction: any row that fails is listed by row number and column name, and nothing is kept. A row whose
受理编号 the agency already has is skipped, so importing the same file twice creates no duplicates.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ogi.platform import policy
from ogi.platform.agencies.models import Agency
from ogi.platform.audit.log import record
from ogi.platform.identity import normalize, validate_credit_code, validate_resident_id
from ogi.report.format import T3_APPLICANT_COLUMNS, T3_OUTCOME_ROWS, normalize_label

from .actions import ActionError, Intake, perform, register
from .models import Case
from .states import Channel, IdKind

COLUMNS = (
    "受理编号", "收到申请日期", "申请方式", "申请人类型", "申请人", "证件号码", "联系电话", "申请内容",
    "补正告知日期", "补正收到日期", "延期告知日期", "答复日期", "办理结果", "信息处理费（元）", "备注",
)  # fmt: skip
REQUIRED = ("受理编号", "收到申请日期", "申请人类型", "申请人", "申请内容")

CHANNELS = {"当面": Channel.IN_PERSON, "现场": Channel.IN_PERSON, "邮寄": Channel.POST, "信函": Channel.POST,
            "在线": Channel.ONLINE, "网上": Channel.ONLINE, "网络": Channel.ONLINE, "电子邮件": Channel.ONLINE,
            "传真": Channel.FAX, "口头": Channel.ORAL}  # fmt: skip


def _applicant_types() -> dict[str, str]:
    types = {normalize_label(c.label): c.code for c in T3_APPLICANT_COLUMNS}
    for column in T3_APPLICANT_COLUMNS:
        for variant in column.variants:
            types[normalize_label(variant)] = column.code
    types.update(
        {"公民": "natural_person", "个人": "natural_person", "企业": "commercial", "律师事务所": "legal_service"}
    )
    return types


def _outcome_labels() -> dict[str, str]:
    """Every way a register writes an outcome: the row's name, its variants, with or without its number."""
    labels: dict[str, str] = {}
    for row in T3_OUTCOME_ROWS:
        for name in row.names:
            labels[normalize_label(name)] = row.code
            labels[normalize_label(row.number + name)] = row.code
        labels[normalize_label(row.full_label)] = row.code
    labels[normalize_label("其他")] = "other.other"
    labels[normalize_label("其他处理")] = "other.other"
    labels[normalize_label("撤回")] = "other.other"
    labels[normalize_label("申请人撤回")] = "other.other"
    return labels


APPLICANT_TYPES = _applicant_types()
OUTCOME_LABELS = _outcome_labels()


class ImportFileError(Exception):
    """The file as a whole cannot be read (format, size, header); the message is for the user."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行" + (f"“{self.column}”列" if self.column else "")
        return f"{where}：{self.message}"


@dataclass
class ImportResult:
    rows: int = 0
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


# ------------------------------------------------------------------------------------------------ reading


def read_rows(content: bytes, filename: str) -> list[dict[str, str]]:
    """The file's rows as {column: text}, keyed by the template's column names."""
    if len(content) > settings.OGI_IMPORT_MAX_BYTES:
        raise ImportFileError(
            f"文件过大（{len(content) // 1024 // 1024} MB），上限为 {settings.OGI_IMPORT_MAX_BYTES // 1024 // 1024} MB"
        )
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = list(_xlsx_rows(content))
    elif name.endswith(".csv") or name.endswith(".txt"):
        table = list(_csv_rows(content))
    else:
        raise ImportFileError("只能导入 XLSX 或 CSV 文件（可用模板 register-template.csv）")
    if not table:
        raise ImportFileError("文件是空的")
    header = [str(h or "").strip().lstrip("\ufeff") for h in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFileError("缺少必需的列：" + "、".join(missing) + "（列名应与登记台账模板一致）")
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise ImportFileError("无法识别的列：" + "、".join(unknown))
    rows = [dict(zip(header, (_cell(v) for v in values), strict=False)) for values in table[1:]]
    rows = [r for r in rows if any(r.values())]
    if len(rows) > settings.OGI_IMPORT_MAX_ROWS:
        raise ImportFileError(f"行数过多（{len(rows)}行），一次最多导入 {settings.OGI_IMPORT_MAX_ROWS} 行")
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError("无法识别文件编码（请另存为 UTF-8 或 GBK 编码的 CSV）")
    yield from csv.reader(io.StringIO(text))


def _xlsx_rows(content: bytes) -> Iterator[tuple[Any, ...]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError("无法读取该 XLSX 文件（文件可能已损坏）") from exc
    try:
        sheet = book.worksheets[0]
        for i, row in enumerate(sheet.iter_rows(values_only=True)):
            if i > settings.OGI_IMPORT_MAX_ROWS + 1:
                raise ImportFileError(f"行数过多，一次最多导入 {settings.OGI_IMPORT_MAX_ROWS} 行")
            yield row
    finally:
        book.close()


# ------------------------------------------------------------------------------------------------ importing


class _RowFailed(Exception):
    def __init__(self, column: str, message: str) -> None:
        self.column, self.message = column, message


def _date(row: dict[str, str], column: str, required: bool = False) -> date | None:
    text = row.get(column, "")
    if not text:
        if required:
            raise _RowFailed(column, "不能为空")
        return None
    text = text.replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 10 else datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise _RowFailed(column, f"“{text}”不是日期（应为 YYYY-MM-DD）") from None


def _intake(row: dict[str, str]) -> Intake:
    received = _date(row, "收到申请日期", required=True)
    assert received is not None
    channel_text = row.get("申请方式", "") or "当面"
    channel = CHANNELS.get(channel_text)
    if channel is None:
        raise _RowFailed("申请方式", f"“{channel_text}”不是当面、邮寄、在线、传真或口头")
    type_text = row.get("申请人类型", "")
    applicant_type = APPLICANT_TYPES.get(normalize_label(type_text))
    if applicant_type is None:
        raise _RowFailed("申请人类型", f"“{type_text}”不是自然人、商业企业、科研机构、社会公益组织、法律服务机构或其他")
    for column in ("申请人", "申请内容"):
        if not row.get(column):
            raise _RowFailed(column, "不能为空")
    id_number, id_kind = normalize(row.get("证件号码", "")), IdKind.NONE
    if id_number:
        id_kind = IdKind.RESIDENT_ID if applicant_type == "natural_person" else IdKind.CREDIT_CODE
        validator = validate_resident_id if id_kind == IdKind.RESIDENT_ID else validate_credit_code
        try:
            validator(id_number)
        except ValidationError as exc:
            raise _RowFailed("证件号码", exc.messages[0]) from None
    arrived = timezone.make_aware(datetime.combine(received, time(9, 0)))
    return Intake(
        channel=channel, arrived_at=arrived, received_on=received, applicant_type=applicant_type,
        applicant_name=row["申请人"], description=row["申请内容"], id_kind=id_kind, id_number=id_number,
        phone=row.get("联系电话", ""), note=row.get("备注", ""), number=row["受理编号"], source="import",
    )  # fmt: skip


_FIELD_COLUMNS = {"received_on": "收到申请日期", "number": "受理编号"}


def _apply_row(agency: Agency, row: dict[str, str], today: date, actor: Any) -> Case:
    intake = _intake(row)
    try:
        case = register(agency, actor, intake, today=today)
    except ActionError as exc:
        raise _RowFailed(_FIELD_COLUMNS.get(exc.field or "", ""), exc.message) from None
    asked, corrected = _date(row, "补正告知日期"), _date(row, "补正收到日期")
    extended, answered = _date(row, "延期告知日期"), _date(row, "答复日期")
    outcome_text = row.get("办理结果", "")
    outcome = OUTCOME_LABELS.get(normalize_label(outcome_text)) if outcome_text else None
    if outcome_text and outcome is None:
        raise _RowFailed("办理结果", f"“{outcome_text}”不是年度报告表三的办理结果")
    if bool(outcome) != bool(answered):
        raise _RowFailed("办理结果" if answered else "答复日期", "答复日期和办理结果应同时填写（未办结的都留空）")
    fee = row.get("信息处理费（元）", "")
    if fee:
        try:
            if Decimal(fee) < 0:
                raise InvalidOperation
        except InvalidOperation:
            raise _RowFailed("信息处理费（元）", f"“{fee}”不是金额") from None

    def step(column: str, name: str, on: date, data: dict[str, Any]) -> None:
        try:
            perform(name, case, actor, on=on, data=data, today=today)
        except ActionError as exc:
            raise _RowFailed(column, exc.message) from None

    if asked:
        if corrected:
            reply_by = corrected if corrected > asked else asked + timedelta(days=1)
        elif answered and outcome == "other.no_correction":
            reply_by = max(asked + timedelta(days=1), answered - timedelta(days=1))
        else:
            reply_by = asked + timedelta(days=21)
        step("补正告知日期", "request_correction", asked, {"items": "（台账导入）", "reply_by": reply_by})
    elif corrected:
        raise _RowFailed("补正收到日期", "填写了补正收到日期，但没有补正告知日期")
    if corrected:
        step("补正收到日期", "record_correction", corrected, {})
    if extended:
        step("延期告知日期", "extend", extended, {"days": 20, "reason": "（台账导入）", "notified_on": extended})
    if outcome and answered:
        if outcome == "other.no_correction" and asked and not corrected:
            step("答复日期", "lapse_correction", answered, {})
        else:
            step("答复日期", "decide", answered, {"outcome": outcome, "basis": ""})
            step("答复日期", "deliver", answered, {"method": "（台账导入）"})
    return case


class _Rollback(Exception):
    pass


def import_rows(
    agency: Agency, rows: Iterable[dict[str, str]], actor: Any, *, dry_run: bool = False, today: date | None = None
) -> ImportResult:
    if not policy.can_act_for(actor, agency, "import_register"):
        raise ImportFileError("您没有权限为该机关导入登记台账")
    today = today or timezone.localdate()
    result = ImportResult(dry_run=dry_run)
    existing = set(Case.objects.filter(agency=agency).values_list("number", flat=True))
    seen: dict[str, int] = {}
    try:
        with transaction.atomic():
            for index, row in enumerate(rows, start=2):  # row 1 is the header
                result.rows += 1
                number = row.get("受理编号", "")
                if not number:
                    result.errors.append(RowError(index, "受理编号", "不能为空"))
                    continue
                if number in seen:
                    result.errors.append(RowError(index, "受理编号", f"与第{seen[number]}行重复"))
                    continue
                seen[number] = index
                if number in existing:
                    result.skipped.append(number)
                    continue
                try:
                    with transaction.atomic():
                        _apply_row(agency, row, today, policy.on_behalf_of(actor))
                    result.created.append(number)
                except _RowFailed as exc:
                    result.errors.append(RowError(index, exc.column, exc.message))
            if result.errors or dry_run:
                raise _Rollback
            record(actor, "register.import", agency=agency, created=len(result.created), skipped=len(result.skipped))
    except _Rollback:
        pass
    return result
