"""The administrator's calendar page: which years are known, and loading a year's holiday notice."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from ogi.platform import policy
from ogi.workdays import NoticeError

from .models import LoadedYear
from .service import current_calendar, load_notice_text


class NoticeForm(forms.Form):
    year = forms.IntegerField(
        label="年份（通知标题中已有年份时可不填）", min_value=2004, max_value=2100, required=False
    )
    text = forms.CharField(
        label="国务院办公厅节假日安排通知原文，或逐行“2027-01-01 休”“2027-02-07 班”",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=20000,
    )


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    if not policy.can_administer(request.user):
        raise PermissionDenied("只有系统管理员可以维护工作日历")
    form = NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            notice, recomputed = load_notice_text(
                form.cleaned_data["text"], actor=request.user, year=form.cleaned_data["year"]
            )
        except NoticeError as exc:
            form.add_error("text", str(exc))
        else:
            messages.success(request, f"已载入{notice.year}年节假日安排，重新计算了 {recomputed} 件在办申请的期限")
            return redirect("workcalendar:page")
    calendar = current_calendar()
    this_year = timezone.localdate().year
    years = [(y, calendar.knows(y)) for y in range(this_year - 1, this_year + 3)]
    example = calendar.add(timezone.localdate(), 20)
    return render(
        request,
        "workcalendar/page.html",
        {"form": form, "loaded": LoadedYear.objects.all(), "years": years, "example": example, "today": date.today()},
        status=400 if form.errors else 200,
    )
