"""Staff pages of the annual report: the year's draft with its tables, drill-downs, checks and publishing.

Views ask ogi.platform.policy who may see and do what, and change reports only through ``publish``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ogi.platform import policy
from ogi.platform.agencies.models import Agency
from ogi.report import FormatVersion, Report
from ogi.report.format import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, TABLE2, t3_rows_for

from . import publish as steps
from .compose import build_report
from .forms import ImportReportForm, PublishForm, SectionsForm
from .models import AnnualReport
from .review import issues, refusal
from .tables import NoDrillDown, cell_records, format_for_year

MAX_IMPORT_BYTES = 20 * 1024 * 1024


def _agency(request: HttpRequest, agency_pk: int) -> Agency:
    agency = get_object_or_404(Agency, pk=agency_pk)
    if not policy.can_read_reports(request.user, agency):
        raise Http404("没有找到该机关")
    return agency


def _year(year: int) -> int:
    if not 2008 <= year <= timezone.localdate().year:
        raise Http404("年度不正确")
    return year


@login_required
def index(request: HttpRequest) -> HttpResponse:
    agencies = policy.readable_agencies(request.user).order_by("name")
    today = timezone.localdate()
    year = today.year - 1 if today.month < 12 else today.year
    reports = {(r.agency_id, r.year): r for r in AnnualReport.objects.filter(agency__in=agencies)}
    rows = [(a, [(y, reports.get((a.pk, y))) for y in range(year, year - 3, -1)]) for a in agencies]
    return render(request, "annual/index.html", {"rows": rows})


def table_grid(report: Report, link: Any = None) -> dict[str, Any]:
    """Rows of tables 二/三/四 for a template: (label, [(path, value)])."""
    version = report.format
    t2 = []
    for block in TABLE2[version]:
        rows = []
        for row in block.rows:
            paths = [f"table2.{row.code}.{c.code}" for c in block.columns]
            rows.append((row.label, [(p, report.value(p)) for p in paths]))
        t2.append({"caption": block.caption, "columns": [c.label for c in block.columns], "rows": rows})
    t3 = [
        (
            row.full_label,
            [(f"table3.{row.code}.{c.code}", report.value(f"table3.{row.code}.{c.code}")) for c in T3_COLUMNS],
        )
        for row in t3_rows_for(version)
    ]
    t4 = [
        (f"table4.{g.code}.{c.code}", report.value(f"table4.{g.code}.{c.code}")) for g in T4_GROUPS for c in T4_COLUMNS
    ]
    return {
        "table2": t2,
        "table3": t3,
        "t3_columns": [c.label for c in T3_COLUMNS],
        "table4": t4,
        "t4_groups": [g.label for g in T4_GROUPS],
        "t4_columns": [c.label for c in T4_COLUMNS],
    }


@login_required
def year_page(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    agency, year = _agency(request, agency_pk), _year(year)
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    if report is None:
        if request.method == "POST" and policy.can_handle_report(request.user, agency, "draft"):
            report = steps.get_or_draft(agency, year, request.user)
            messages.success(request, "已根据本年度数据生成报告草稿")
            return redirect("annual:year", agency.pk, year)
        return render(
            request,
            "annual/start.html",
            {"agency": agency, "year": year, "can_draft": policy.can_handle_report(request.user, agency, "draft")},
        )
    form = SectionsForm(initial={f"s{k}": v for k, v in report.sections.items()})
    if request.method == "POST":
        if not policy.can_handle_report(request.user, agency, "edit"):
            raise PermissionDenied("您没有权限修改本机关的年度报告")
        form = SectionsForm(request.POST)
        if form.is_valid():
            steps.edit_sections(report, request.user, form.sections())
            messages.success(request, "已保存报告文字，并重新核对")
            return redirect("annual:year", agency.pk, year)
    built = steps.as_published(report, timezone.localdate())  # checked as if published today (Art. 49 date)
    found = issues(report, built)
    return render(
        request,
        "annual/year.html",
        {
            "agency": agency,
            "year": year,
            "report": report,
            "grid": table_grid(built),
            "issues": found,
            "refusal": refusal(found),
            "form": form,
            "publish_form": PublishForm(),
            "versions": report.versions.order_by("-number"),
            "can_edit": policy.can_handle_report(request.user, agency, "edit"),
            "can_publish": policy.can_handle_report(request.user, agency, "publish"),
        },
    )


@login_required
@require_POST
def acknowledge(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    agency = _agency(request, agency_pk)
    report = get_object_or_404(AnnualReport, agency=agency, year=year)
    try:
        count = steps.acknowledge(report, request.user, request.POST.get("key", "*"))
    except steps.ReportActionError as exc:
        raise PermissionDenied(str(exc)) from exc
    messages.success(request, f"已确认 {count} 条提示")
    return redirect("annual:year", agency.pk, year)


@login_required
@require_POST
def publish(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    agency = _agency(request, agency_pk)
    report = get_object_or_404(AnnualReport, agency=agency, year=year)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写正确的发布日期")
        return redirect("annual:year", agency.pk, year)
    try:
        version = steps.publish(report, request.user, on=form.cleaned_data["on"], reason=form.cleaned_data["reason"])
    except steps.ReportActionError as exc:
        messages.error(request, str(exc))
        return redirect("annual:year", agency.pk, year)
    messages.success(request, f"已发布第{version.number}版（SHA-256 {version.sha256[:12]}…）")
    return redirect("annual:year", agency.pk, year)


@login_required
def drill_down(request: HttpRequest, agency_pk: int, year: int, path: str) -> HttpResponse:
    agency, year = _agency(request, agency_pk), _year(year)
    report = AnnualReport.objects.filter(agency=agency, year=year).first()
    version = FormatVersion(report.format) if report else format_for_year(year)
    built = build_report(agency, year, version=version)
    try:
        value = built.value(path)
        records = cell_records(agency, year, path)
    except NoDrillDown:
        return render(request, "annual/drill_down.html", {"agency": agency, "year": year, "path": path, "manual": True})
    except (KeyError, ValueError):
        raise Http404("没有这个单元格") from None
    kind = path.split(".", 1)[0]
    if kind == "table3":
        from ogi.platform.casework.outcomes import OUTCOMES

        records = [(c, OUTCOMES[c.outcome].label if c.outcome in OUTCOMES else "") for c in records]
    return render(
        request,
        "annual/drill_down.html",
        {
            "agency": agency, "year": year, "path": path, "value": value, "kind": kind,
            "records": records, "label": _cell_label(path, version),
        },
    )  # fmt: skip


def _cell_label(path: str, version: FormatVersion) -> str:
    from ogi.report.format import T3_ALL_ROWS, table2_labels

    table, _, rest = path.partition(".")
    if table == "table3":
        row, _, col = rest.rpartition(".")
        column = next(c.label for c in T3_COLUMNS if c.code == col)
        return f"表三 {T3_ALL_ROWS[row].full_label} / {column}"
    if table == "table2":
        row_label, col_label = table2_labels(version, rest)
        return f"表二 {row_label} / {col_label}"
    group, _, col = rest.partition(".")
    return (
        "表四 "
        + next(g.label for g in T4_GROUPS if g.code == group)
        + " / "
        + next(c.label for c in T4_COLUMNS if c.code == col)
    )


@login_required
def import_report(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = _agency(request, agency_pk)
    if not policy.can_handle_report(request.user, agency, "import"):
        raise PermissionDenied("您没有权限导入本机关的年度报告")
    form = ImportReportForm()
    if request.method == "POST":
        form = ImportReportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_IMPORT_BYTES:
                form.add_error("file", "文件超过 20 MB")
            else:
                try:
                    version = steps.import_published(agency, upload.read(), upload.name, request.user)
                except steps.ReportActionError as exc:
                    form.add_error("file", str(exc))
                else:
                    messages.success(request, f"已导入{version.report.year}年度报告")
                    return redirect("annual:year", agency.pk, version.report.year)
    return render(request, "annual/import.html", {"agency": agency, "form": form})
