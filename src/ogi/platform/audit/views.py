from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ogi.platform import policy

from .models import AuditEntry


@require_GET
@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    if not policy.can_administer(request.user):
        raise PermissionDenied("只有系统管理员可以查看审计日志")
    entries = AuditEntry.objects.select_related("agency")
    action = request.GET.get("action", "")
    if action:
        entries = entries.filter(action=action)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {"page": page, "action": action})
