"""The agency's 政府信息公开年报 page (no account): published reports, each version as frozen, and downloads."""

from __future__ import annotations

from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from ogi.platform.agencies.models import Agency
from ogi.report import from_dict, write

from .models import ReportVersion

DOWNLOADS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json; charset=utf-8",
}


@require_safe
def reports(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=agency_pk)
    versions = (
        ReportVersion.objects.filter(report__agency=agency)
        .select_related("report")
        .order_by("-report__year", "-number")
    )
    years: dict[int, list[ReportVersion]] = {}
    for version in versions:
        years.setdefault(version.report.year, []).append(version)
    return render(request, "annual/public_list.html", {"agency": agency, "years": years})


def _version(agency_pk: int, year: int, number: int | None) -> ReportVersion:
    versions = ReportVersion.objects.filter(report__agency_id=agency_pk, report__year=year).select_related(
        "report__agency"
    )
    version = versions.filter(number=number).first() if number else versions.order_by("-number").first()
    if version is None:
        raise Http404("没有找到该年度报告")
    return version


@require_safe
def report(request: HttpRequest, agency_pk: int, year: int, number: int | None = None) -> HttpResponse:
    version = _version(agency_pk, year, number)
    history = ReportVersion.objects.filter(report=version.report).order_by("number")
    body = bytes(version.content).decode("utf-8", errors="replace") if version.file_name.endswith(".html") else ""
    return render(
        request,
        "annual/public_report.html",
        {"agency": version.report.agency, "version": version, "history": history, "frozen_html": body},
    )


@require_safe
def frozen_file(request: HttpRequest, agency_pk: int, year: int, number: int) -> HttpResponse:
    """The file exactly as published (its SHA-256 is on the page)."""
    version = _version(agency_pk, year, number)
    content_type = "text/html; charset=utf-8" if version.file_name.endswith(".html") else "application/octet-stream"
    response = HttpResponse(bytes(version.content), content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(version.file_name)}"
    return response


@require_safe
def download(request: HttpRequest, agency_pk: int, year: int, number: int, fmt: str) -> HttpResponse:
    """DOCX, PDF or JSON of a version, written by the engine from the version's frozen JSON."""
    if fmt not in DOWNLOADS:
        raise Http404("不支持的格式")
    version = _version(agency_pk, year, number)
    # an imported report keeps what its file printed: a cell its reader could not settle prints as “？” with a note
    data = write(from_dict(version.data), fmt, allow_unresolved=version.imported)
    name = f"{version.report.agency.name}{year}年政府信息公开工作年度报告（第{version.number}版）.{fmt}"
    response = HttpResponse(data, content_type=DOWNLOADS[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
