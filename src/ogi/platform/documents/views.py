"""Staff pages for a case's documents: draft from the events, edit, issue, download (DOCX, PDF)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from ogi.platform import policy
from ogi.platform.casework.actions import ActionDenied, ActionError
from ogi.platform.casework.models import Case

from . import actions
from .default_template import default_template
from .files import DOCX_TYPE, download
from .forms import DocumentForm
from .kinds import DocumentKind
from .models import Document


def _document_or_404(request: HttpRequest, pk: int) -> Document:
    try:
        document = Document.objects.select_related("case__agency").get(pk=pk)
    except Document.DoesNotExist:
        raise Http404("没有找到该文书") from None
    if not policy.can_read_case(request.user, document.case):
        raise Http404("没有找到该文书")
    return document


@login_required
@require_POST
def new(request: HttpRequest, case_pk: int, kind: str) -> HttpResponse:
    try:
        case = policy.cases_for(request.user).get(pk=case_pk)
    except Case.DoesNotExist:
        raise Http404("没有找到该申请") from None
    if kind not in DocumentKind.values:
        raise Http404("没有这类文书")
    try:
        document = actions.start(case, kind, request.user)
    except ActionDenied as exc:
        raise PermissionDenied(exc.message) from None
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("casework:case", pk=case.pk)
    return redirect("documents:edit", pk=document.pk)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(request, pk)
    can_edit = policy.can_act(request.user, document.case, "issue_document") and not document.is_issued
    form = DocumentForm(request.POST or None, instance=document)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("文书已签发或您没有修改权限")
        if form.is_valid():
            try:
                actions.edit(Document.objects.get(pk=pk), request.user, **form.cleaned_data)
            except ActionError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, "已保存")
                return redirect("documents:edit", pk=pk)
    status = 400 if form.errors else 200
    return render(request, "documents/edit.html", {"document": document, "form": form, "can_edit": can_edit},
                  status=status)  # fmt: skip


@login_required
@require_POST
def issue(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(request, pk)
    try:
        issued = actions.issue(document, request.user)
    except ActionDenied as exc:
        raise PermissionDenied(exc.message) from None
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("documents:edit", pk=pk)
    messages.success(request, f"已签发，文书编号 {issued.number}")
    return redirect("documents:edit", pk=pk)


@login_required
def file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    document = _document_or_404(request, pk)
    return download(document, fmt)


@login_required
def template(request: HttpRequest) -> HttpResponse:
    """The shipped default template, for an administrator to adapt and upload for an agency."""
    if not policy.can_manage_templates(request.user):
        raise PermissionDenied("只有系统管理员可以管理文书模板")
    response = HttpResponse(default_template(), content_type=DOCX_TYPE)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''ogi-default-template.docx"
    return response
