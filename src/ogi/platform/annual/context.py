"""The statutory date of last year's report on every staff page, from December until the date has passed."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from ogi.platform import policy
from ogi.report import statutory_deadline

from .models import AnnualReport


def report_due(agency: Any, today: Any) -> str:
    """“2025年度报告应于2026年1月31日前公布（…）；当前：草稿” for December of Y to the deadline in Y+1, else ""."""
    year = today.year if today.month == 12 else today.year - 1
    due, reason = statutory_deadline(agency.name, year)
    if today > due:
        return ""
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    state = report.get_state_display() if report else "尚未起草"
    return (
        f"{year}年度政府信息公开工作年度报告应于{due.year}年{due.month}月{due.day}日前公布（{reason}）；当前：{state}"
    )


def deadline(request: HttpRequest) -> dict[str, Any]:
    agency = policy.home_agency(getattr(request, "user", None))
    if agency is None:
        return {}
    return {"report_deadline": report_due(agency, timezone.localdate())}
