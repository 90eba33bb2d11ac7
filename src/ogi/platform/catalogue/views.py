"""Staff pages of the catalogue: records, a year's figures and their import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ogi.platform import policy
from ogi.platform.agencies.models import Agency
from ogi.platform.annual.tables import format_for_year

from .actions import (
    CatalogueError,
    add_local_category,
    figures_template,
    import_figures,
    publish_record,
    save_figures,
)
from .forms import FiguresForm, FiguresUploadForm, RecordForm
from .models import Record, YearFigures


def _own_agency(request: HttpRequest) -> Agency:
    agency = policy.home_agency(request.user)
    if agency is None or not policy.can_handle_report(request.user, agency, "catalogue"):
        raise PermissionDenied("只有本机关的经办人和负责人可以维护主动公开目录")
    return agency


@login_required
def records(request: HttpRequest) -> HttpResponse:
    agency = _own_agency(request)
    form = RecordForm(agency=agency)
    if request.method == "POST":
        form = RecordForm(request.POST, request.FILES, agency=agency)
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k != "attachment"}
            upload = form.cleaned_data.get("attachment")
            files = [(upload.name, upload.read(), upload.content_type or "application/octet-stream")] if upload else []
            try:
                record = publish_record(agency, request.user, fields, files)
            except CatalogueError as exc:
                form.add_error(None, str(exc))
            else:
                note = "（公开日期晚于成文后20个工作日，已标记逾期公开）" if record.late else ""
                messages.success(request, f"已发布，索引号 {record.index_number}{note}")
                return redirect("catalogue:records")
    listing = Record.objects.filter(agency=agency).search(request.GET.get("q", ""))[:200]
    context = {"agency": agency, "form": form, "records": listing, "year_now": timezone.localdate().year}
    return render(request, "catalogue/records.html", context)


@login_required
@require_POST
def add_category(request: HttpRequest) -> HttpResponse:
    """A local category (Art. 21) beside the statutory ones."""
    agency = _own_agency(request)
    try:
        category = add_local_category(agency, request.user, request.POST.get("name", ""))
    except CatalogueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已增设类别“{category.name}”")
    return redirect("catalogue:records")


@login_required
def figures(request: HttpRequest, year: int) -> HttpResponse:
    agency = _own_agency(request)
    if not 2008 <= year <= timezone.localdate().year:
        raise Http404("年度不正确")
    version = format_for_year(year)
    stored = YearFigures.objects.filter(agency=agency, year=year).first()
    form = FiguresForm(initial=stored.cells if stored else {}, version=version)
    upload = FiguresUploadForm()
    if request.method == "POST" and "file" in request.FILES:
        upload = FiguresUploadForm(request.POST, request.FILES)
        if upload.is_valid():
            f = upload.cleaned_data["file"]
            try:
                result = import_figures(agency, request.user, f.read(), f.name)
            except CatalogueError as exc:
                upload.add_error("file", str(exc))
            else:
                if result.errors:
                    for error in result.errors:
                        upload.add_error("file", error)
                else:
                    messages.success(request, "已导入" + "、".join(f"{y}年" for y in result.years) + "的数据")
                    return redirect("catalogue:figures", year)
    elif request.method == "POST":
        form = FiguresForm(request.POST, version=version)
        if form.is_valid():
            try:
                save_figures(agency, year, request.user, form.cleaned_data)
            except CatalogueError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"已保存{year}年数据")
                return redirect("catalogue:figures", year)
    return render(request, "catalogue/figures.html", {"agency": agency, "year": year, "form": form, "upload": upload})


@login_required
def template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(figures_template(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="figures-template.csv"'
    return response
