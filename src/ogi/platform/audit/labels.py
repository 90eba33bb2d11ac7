"""Chinese names for audit actions: apps register theirs, so the log page shows no codes."""

from __future__ import annotations

_LABELS: dict[str, str] = {
    "calendar.load_year": "载入节假日安排",
    "register.import": "导入登记台账",
    "case.register": "登记申请",
    "case.view_id_number": "查看完整证件号码和联系电话",
}


def register(code: str, label: str) -> None:
    _LABELS[code] = label


def label(code: str) -> str:
    return _LABELS.get(code, code)


_KEYS = {"event": "步骤", "on": "日期", "source": "来源", "created": "新建", "skipped": "跳过", "year": "年份",
         "recomputed": "重新计算期限"}  # fmt: skip


def detail_text(detail: dict) -> str:
    return "；".join(f"{_KEYS.get(k, k)} {v}" for k, v in detail.items())
