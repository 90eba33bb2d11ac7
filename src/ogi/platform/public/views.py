"""Public pages (no account): the agency's 政府信息公开 column, applying online, the receipt, tracking."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ogi.platform import policy
from ogi.platform.agencies.models import Agency
from ogi.platform.audit.log import record
from ogi.platform.casework.models import Case
from ogi.platform.casework.states import EventKind
from ogi.platform.documents.files import download
from ogi.platform.documents.models import Document

from . import rate
from .application_form import application_form
from .applying import KeyReused, apply, find
from .forms import AgencyContactForm, ApplyForm, ColumnForm, TrackForm, attachment_limit
from .models import Attachment, Column

PARTS = {
    "guide": "政府信息公开指南",
    "rules": "政府信息公开制度",
    "catalogue": "法定主动公开内容",
    "reports": "政府信息公开年报",
}
TRACKED_SESSION_KEY = "tracked_cases"


def too_many(request: HttpRequest, scope: str) -> HttpResponse:
    limit = rate.limit_for(scope)
    message = f"操作过于频繁（{limit.describe() if limit else ''}），请稍后再试。"
    return render(request, "error.html", {"title": "请求过于频繁", "message": message}, status=429)


def _column(agency: Agency) -> Column:
    column, _ = Column.objects.get_or_create(agency=agency)
    return column


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "public/index.html", {"agencies": Agency.objects.order_by("parent_id", "name")})


def column(request: HttpRequest, pk: int, part: str = "") -> HttpResponse:
    agency = get_object_or_404(Agency, pk=pk)
    if part and part not in PARTS:
        raise Http404("没有该栏目")
    context = {
        "agency": agency,
        "column": _column(agency),
        "parts": PARTS,
        "part": part,
        "part_title": PARTS.get(part, "政府信息公开"),
        "can_edit": policy.can_edit_guide(request.user, agency),
    }
    return render(request, "public/column.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit_guide(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=pk)
    if not policy.can_edit_guide(request.user, agency):
        raise PermissionDenied("只有本机关的工作人员可以修改政府信息公开指南")
    column = _column(agency)
    initial = {f: getattr(agency, f) for f in AgencyContactForm.base_fields}
    form = ColumnForm(request.POST or None, instance=column)
    contact = AgencyContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and contact.is_valid():
        column = form.save(commit=False)
        column.updated_at = timezone.now()
        column.save()
        for name, value in contact.cleaned_data.items():
            setattr(agency, name, value)
        agency.save(update_fields=list(contact.cleaned_data))
        record(request.user, "guide.edit", target=agency.name, agency=agency)
        messages.success(request, "指南已更新")
        return redirect("public:part", pk=agency.pk, part="guide")
    status = 400 if form.errors or contact.errors else 200
    return render(request, "public/edit_guide.html", {"agency": agency, "form": form, "contact": contact},
                  status=status)  # fmt: skip


def form_docx(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=pk)
    response = HttpResponse(
        application_form(agency),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''application-form.docx"
    return response


@require_http_methods(["GET", "POST"])
def apply_page(request: HttpRequest, pk: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=pk)
    if request.method == "POST" and not rate.allow("apply", rate.client_of(request)):
        return too_many(request, "apply")
    form = ApplyForm(request.POST or None, request.FILES or None)
    key = request.POST.get("idempotency_key", "").strip()[:100] or uuid.uuid4().hex
    if request.method == "POST" and form.is_valid():
        try:
            receipt = apply(agency, form.cleaned_data, key)
        except KeyReused:
            key = uuid.uuid4().hex  # the form was reused for a new application: take a new key and submit again
            receipt = apply(agency, form.cleaned_data, key)
        return render(request, "public/receipt.html", {"agency": agency, "receipt": receipt, "case": receipt.case})
    context = {"agency": agency, "form": form, "key": key, "limit_mb": attachment_limit() // (1024 * 1024)}
    return render(request, "public/apply.html", context, status=400 if form.errors else 200)


def _public_events(case: Case) -> list[tuple[Any, str]]:
    hidden = {EventKind.DOCUMENT_ISSUED}
    return [(e.on, e.get_kind_display()) for e in case.events.order_by("seq") if e.kind not in hidden]


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.POST or None)
    if request.method == "POST":
        if not rate.allow("track", rate.client_of(request)):
            return too_many(request, "track")
        if form.is_valid():
            case = find(form.cleaned_data["number"], form.cleaned_data["code"])
            if case is not None:
                tracked = set(request.session.get(TRACKED_SESSION_KEY, []))
                tracked.add(case.pk)
                request.session[TRACKED_SESSION_KEY] = sorted(tracked)
                return redirect("public:status", pk=case.pk)
            form.add_error(None, "申请编号或查询码不正确，请核对后重新输入")
    return render(request, "public/track.html", {"form": form}, status=400 if form.errors else 200)


def _tracked_case(request: HttpRequest, pk: int) -> Case:
    if pk not in request.session.get(TRACKED_SESSION_KEY, []):
        raise Http404("请先输入申请编号和查询码")
    return get_object_or_404(Case.objects.select_related("agency"), pk=pk)


def status(request: HttpRequest, pk: int) -> HttpResponse:
    case = _tracked_case(request, pk)
    context = {
        "case": case,
        "events": _public_events(case),
        "documents": Document.objects.for_applicant(case),
        "today": timezone.localdate(),
    }
    return render(request, "public/status.html", context)


def document_file(request: HttpRequest, pk: int, doc: int, fmt: str) -> HttpResponse:
    case = _tracked_case(request, pk)
    document = Document.objects.for_applicant(case).filter(pk=doc).first()
    if document is None or fmt not in ("docx", "pdf"):
        raise Http404("没有该文书")
    return download(document, fmt)


@login_required
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    """An applicant's attachment, for the staff who may read the case."""
    item = Attachment.objects.select_related("case").filter(pk=pk).first()
    if item is None or not policy.can_read_case(request.user, item.case):
        raise Http404("没有该附件")
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)
