"""The document family: each kind's name, number prefix and addressee (casework-rules.md §7)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class DocumentKind(models.TextChoices):
    RECEIPT = "receipt", "登记回执"
    CORRECTION = "correction", "补正告知书"
    EXTENSION = "extension", "延期答复告知书"
    CONSULTATION = "consultation", "征求意见书"
    FEE = "fee", "收费通知书"
    ANSWER_GRANTED = "answer_granted", "答复书（予以公开）"
    ANSWER_PARTIAL = "answer_partial", "答复书（部分公开）"
    ANSWER_WITHHELD = "answer_withheld", "答复书（不予公开）"
    ANSWER_UNAVAILABLE = "answer_unavailable", "答复书（无法提供）"
    ANSWER_NOT_PROCESSED = "answer_not_processed", "答复书（不予处理）"
    ANSWER_OTHER = "answer_other", "答复书（其他）"


@dataclass(frozen=True)
class KindInfo:
    heading: str  # the document's name under the agency's name in the title
    prefix: str  # between the agency's short name and 〔year〕 in the number
    series: str  # the NumberSeries name (all 答复书 share one series)
    to_applicant: bool = True  # a 征求意见书 goes to the third party; the applicant never downloads it
    is_answer: bool = False


_ANSWER = KindInfo("政府信息公开申请答复书", "依申复", "document.answer", is_answer=True)

KINDS: dict[str, KindInfo] = {
    DocumentKind.RECEIPT: KindInfo("政府信息公开申请登记回执", "依申收", "document.receipt"),
    DocumentKind.CORRECTION: KindInfo("政府信息公开申请补正告知书", "依申补", "document.correction"),
    DocumentKind.EXTENSION: KindInfo("政府信息公开申请延期答复告知书", "依申延", "document.extension"),
    DocumentKind.CONSULTATION: KindInfo("政府信息公开征求意见书", "依申征", "document.consultation", False),
    DocumentKind.FEE: KindInfo("政府信息公开信息处理费收费通知书", "依申费", "document.fee"),
    DocumentKind.ANSWER_GRANTED: _ANSWER,
    DocumentKind.ANSWER_PARTIAL: _ANSWER,
    DocumentKind.ANSWER_WITHHELD: _ANSWER,
    DocumentKind.ANSWER_UNAVAILABLE: _ANSWER,
    DocumentKind.ANSWER_NOT_PROCESSED: _ANSWER,
    DocumentKind.ANSWER_OTHER: _ANSWER,
}

#: The 答复书 variant for each answer kind of casework.outcomes.
ANSWER_KIND_BY_OUTCOME_KIND: dict[str, str] = {
    "予以公开": DocumentKind.ANSWER_GRANTED,
    "部分公开": DocumentKind.ANSWER_PARTIAL,
    "不予公开": DocumentKind.ANSWER_WITHHELD,
    "无法提供": DocumentKind.ANSWER_UNAVAILABLE,
    "不予处理": DocumentKind.ANSWER_NOT_PROCESSED,
    "其他": DocumentKind.ANSWER_OTHER,
}
