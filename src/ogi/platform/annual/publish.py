"""Drafting, acknowledging, publishing and importing annual reports: the only code that changes them.

Each function checks permission (ogi.platform.policy), writes the audit entry and runs in one transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from ogi.platform import policy
from ogi.platform.agencies.models import Agency
from ogi.platform.audit.log import record
from ogi.report import Report, ReportError, read_bytes, to_dict, write

from .compose import build_report, draft_sections
from .models import Acknowledgement, AnnualReport, ReportState, ReportVersion
from .review import issues, refusal
from .tables import count_tables, format_for_year


class ReportActionError(Exception):
    """A step the rules do not allow; the message is Chinese, for the person who tried."""


def _actor_name(actor: Any) -> str:
    staff = policy.staff_of(actor)
    if staff is not None:
        return staff.display_name
    return str(actor) if actor is policy.SYSTEM else actor.get_username()


def _require(actor: Any, agency: Agency, action: str) -> None:
    if not policy.can_handle_report(actor, agency, action):
        raise ReportActionError("您没有权限处理本机关的年度报告")


def as_published(report: AnnualReport, on: date) -> Report:
    """The draft as it would be published on ``on``: counted now, with its sections and that date."""
    return build_report(report.agency, report.year, version=report.format, sections=report.sections, published=on)


def get_or_draft(agency: Agency, year: int, actor: Any) -> AnnualReport:
    """The agency's report of ``year``; created with sections drafted from the figures when there is none."""
    existing = AnnualReport.objects.filter(agency=agency, year=year).first()
    if existing is not None:
        return existing
    _require(actor, agency, "draft")
    version = format_for_year(year)
    with transaction.atomic():
        report = AnnualReport.objects.create(
            agency=agency,
            year=year,
            format=version.value,
            sections=draft_sections(agency, year, count_tables(agency, year, version)),
        )
        record(actor, "report.draft", target=str(report), agency=agency, year=year)
    return report


def edit_sections(report: AnnualReport, actor: Any, sections: dict[str, str]) -> None:
    _require(actor, report.agency, "edit")
    with transaction.atomic():
        report.sections = {**report.sections, **{k: v.strip() for k, v in sections.items()}}
        report.save(update_fields=["sections", "updated_at"])
        record(actor, "report.edit", target=str(report), agency=report.agency, sections=sorted(sections))


def acknowledge(report: AnnualReport, actor: Any, key: str, *, publishing_on: date | None = None) -> int:
    """Acknowledge the current warnings with ``key`` (all of them when key is "*"); returns how many.

    The draft is checked as if published on ``publishing_on`` (default today), so that a late publication
    (Art. 49) is among the warnings to acknowledge."""
    _require(actor, report.agency, "acknowledge")
    if actor is policy.SYSTEM or not getattr(actor, "is_authenticated", False):
        raise ReportActionError("提示须由具名的工作人员确认")
    built = as_published(report, publishing_on or timezone.localdate())
    done = 0
    with transaction.atomic():
        for issue in issues(report, built):
            if issue.is_error or issue.acknowledged_by or (key != "*" and issue.key != key):
                continue
            Acknowledgement.objects.create(
                report=report, key=issue.key, message=issue.message, user=actor, user_name=_actor_name(actor)
            )
            done += 1
        if done:
            record(actor, "report.acknowledge", target=str(report), agency=report.agency, key=key, count=done)
    return done


def publish(report: AnnualReport, actor: Any, *, on: date, reason: str = "") -> ReportVersion:
    """Freeze the report as it is counted now: JSON and HTML with its hash; refused while errors or unacknowledged
    warnings remain. A report already published gets a new version, which needs the reason for the correction."""
    _require(actor, report.agency, "publish")
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        previous = report.current_version
        if previous is not None and not reason.strip():
            raise ReportActionError("更正已发布的报告须说明更正原因")
        built = as_published(report, on)
        why_not = refusal(issues(report, built))
        if why_not:
            raise ReportActionError(why_not)
        number = previous.number + 1 if previous else 1
        version = ReportVersion.objects.create(
            report=report,
            number=number,
            published_on=on,
            published_by=actor if getattr(actor, "is_authenticated", False) else None,
            published_by_name=_actor_name(actor),
            reason=reason.strip(),
            data=to_dict(built),
            file_name=f"{report.agency.name}{report.year}年政府信息公开工作年度报告（第{number}版）.html",
            content=write(built, "html"),
        )
        report.state = ReportState.PUBLISHED
        report.save(update_fields=["state", "updated_at"])
        record(actor, "report.publish", target=str(report), agency=report.agency, version=number, sha256=version.sha256)
    return version


def import_published(
    agency: Agency, data: bytes, file_name: str, actor: Any, *, on: date | None = None
) -> ReportVersion:
    """An earlier year's report, read from its published file by the engine's readers, kept as it was read."""
    _require(actor, agency, "import")
    try:
        parsed = read_bytes(data, file_name)
    except ReportError as exc:
        raise ReportActionError(f"无法读取 {file_name}：{exc}") from exc
    if parsed.year is None:
        raise ReportActionError(f"{file_name}：没有读出报告年度")
    with transaction.atomic():
        report, _ = AnnualReport.objects.get_or_create(
            agency=agency,
            year=parsed.year,
            defaults={"format": parsed.format.value, "sections": dict(parsed.sections), "state": ReportState.PUBLISHED},
        )
        previous = report.current_version
        number = previous.number + 1 if previous else 1
        version = ReportVersion.objects.create(
            report=report,
            number=number,
            imported=True,
            published_on=on or parsed.published or date(parsed.year + 1, 1, 31),
            published_by_name=_actor_name(actor),
            reason="从已发布文件导入",
            data=to_dict(parsed),
            file_name=file_name,
            content=data,
        )
        if report.state != ReportState.PUBLISHED:
            report.state = ReportState.PUBLISHED
            report.save(update_fields=["state", "updated_at"])
        record(actor, "report.import", target=str(report), agency=agency, file=file_name, sha256=version.sha256)
    return version
