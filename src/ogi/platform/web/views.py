from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ogi.platform import policy


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if policy.can_administer(request.user) and policy.staff_of(request.user) is None:
        return redirect("audit:log")
    return redirect("casework:list")


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "error.html", {"title": "请求有误", "message": "请求无法处理，请返回重试。"}, status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else "您没有权限执行此操作。"
    return render(request, "error.html", {"title": "没有权限", "message": message}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "error.html", {"title": "页面不存在", "message": "没有找到您要访问的内容。"}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request, "error.html", {"title": "系统错误", "message": "系统出现错误，已记录，请稍后重试。"}, status=500
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request,
        "error.html",
        {"title": "页面已过期", "message": "表单已过期或来源不正确，请刷新页面后重新提交。"},
        status=403,
    )
