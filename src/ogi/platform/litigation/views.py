"""The staff page of the review and litigation log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ogi.platform import policy

from .actions import DisputeError, save_dispute
from .forms import DisputeForm
from .models import Dispute


@login_required
def disputes(request: HttpRequest) -> HttpResponse:
    agency = policy.home_agency(request.user)
    if agency is None or not policy.can_handle_report(request.user, agency, "catalogue"):
        raise PermissionDenied("只有本机关的经办人和负责人可以登记复议诉讼案件")
    form = DisputeForm()
    if request.method == "POST":
        form = DisputeForm(request.POST)
        if form.is_valid():
            try:
                save_dispute(agency, request.user, form.cleaned_data)
            except DisputeError as exc:
                for field, message in exc.errors.items():
                    form.add_error(None if field == "__all__" or field not in form.fields else field, message)
            else:
                messages.success(request, "已登记")
                return redirect("litigation:list")
    listing = Dispute.objects.filter(agency=agency).select_related("case")
    return render(request, "litigation/list.html", {"agency": agency, "form": form, "disputes": listing})
