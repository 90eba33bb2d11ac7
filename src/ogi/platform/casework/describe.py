"""One line of Chinese for each event of a case's history (the case page and, later, documents)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .outcomes import OUTCOMES
from .states import Channel, EventKind

_OPINIONS = {"agree": "同意公开", "object": "不同意公开", "no_reply": "逾期未答复"}
_PARTIES = {"third_party": "第三方", "agency": "有关行政机关"}
_FEE_BASES = {"per_application": "按件计收", "per_page": "按量计收"}


def describe(kind: str, payload: Mapping[str, Any]) -> str:
    kind = EventKind(kind)
    p = payload
    if kind is EventKind.RECEIVED:
        channel = Channel(p["channel"]).label if p.get("channel") in Channel.values else ""
        return f"申请方式：{channel}" if channel else ""
    if kind is EventKind.CORRECTION_REQUESTED:
        return f"补正事项：{p.get('items', '')}；补正期限 {p.get('reply_by', '')}"
    if kind is EventKind.CORRECTED:
        return p.get("summary", "")
    if kind is EventKind.CONSULTATION_SENT:
        return f"征求{_PARTIES.get(p.get('party_kind', ''), '')}意见：{p.get('party', '')}"
    if kind is EventKind.CONSULTATION_ANSWERED:
        return "意见：" + _OPINIONS.get(p.get("opinion", ""), "") + (f"；{p['summary']}" if p.get("summary") else "")
    if kind is EventKind.EXTENDED:
        return f"延长{p.get('days')}个工作日；理由：{p.get('reason', '')}；{p.get('notified_on', '')} 告知申请人"
    if kind is EventKind.FEE_NOTICE:
        return f"{_FEE_BASES.get(p.get('basis', ''), '')} {p.get('amount', '')} 元"
    if kind is EventKind.DECIDED:
        outcome = OUTCOMES.get(p.get("outcome", ""))
        text = f"办理结果：{outcome.label if outcome else p.get('outcome', '')}；依据：{p.get('basis', '')}"
        return text + (f"；{p['summary']}" if p.get("summary") else "")
    if kind is EventKind.DELIVERED:
        return f"送达方式：{p.get('method', '')} {p.get('record', '')}".strip()
    if kind is EventKind.WITHDRAWN:
        return p.get("reason", "")
    if kind is EventKind.DOCUMENT_ISSUED:
        return f"{p.get('title', '')} {p.get('number', '')}".strip()
    return ""
