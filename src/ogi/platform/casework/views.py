"""Staff pages of the request register: work lists, intake, the case page and its actions, register import.

Views ask ogi.platform.policy what a user may see and do, and change cases only through ``actions``.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from ogi.platform import identity, policy
from ogi.platform.audit.log import record
from ogi.platform.config import data_dir
from ogi.platform.workcalendar.service import current_calendar

from .actions import ACTIONS, ActionDenied, ActionError, Intake, available, perform, register
from .clock import count_forward
from .forms import ACTION_FORMS, ImportUploadForm, IntakeForm
from .models import Case
from .outcomes import OUTCOMES
from .register_import import ImportFileError, import_rows, read_rows
from .states import OPEN_STATES, EventKind, State
from .workflow import derive

PAGE_SIZE = 50
DUE_SOON_WORKDAYS = 3

LISTS = {
    "open": "全部在办",
    "mine": "我的在办",
    "due": "3个工作日内到期",
    "overdue": "已逾期",
    "closed": "已办结",
    "all": "全部",
}


def _case_or_404(request: HttpRequest, pk: int) -> Case:
    """A case the user may read; another agency's case is answered as if it did not exist."""
    try:
        return policy.cases_for(request.user).select_related("agency", "assignee").get(pk=pk)
    except Case.DoesNotExist:
        raise Http404("没有找到该申请") from None


def _filtered(request: HttpRequest, cases: QuerySet[Case], which: str) -> QuerySet[Case]:
    today = timezone.localdate()
    if which == "open":
        cases = cases.open()
    elif which == "mine":
        cases = cases.open().filter(assignee=request.user)
    elif which == "due":
        last_day = count_forward(current_calendar(), today, DUE_SOON_WORKDAYS).due
        cases = cases.due_by(today, last_day)
    elif which == "overdue":
        cases = cases.overdue(today)
    elif which == "closed":
        cases = cases.filter(state=State.CLOSED)
    state = request.GET.get("state", "")
    if state in State.values:
        cases = cases.filter(state=state)
    agency = request.GET.get("agency", "")
    if agency.isdigit():
        cases = cases.filter(agency_id=int(agency))
    cases = cases.search(request.GET.get("q", ""))
    if which in ("due", "overdue", "open", "mine"):
        return cases.order_by(F("due_date").asc(nulls_last=True), "received_on", "pk")
    return cases.order_by("-received_on", "-pk")


def _overview(agencies: QuerySet, today: Any) -> list[Any]:
    """Per agency: open, overdue, due soon and concluded this year — the supervisor's view.

    Two grouped counts, each read from an index alone (the open cases; this year's conclusions): one join of every
    agency with every case cost about 200 ms with 100,000 cases, most of them closed long ago; these take ~15 ms.
    """
    last_day = count_forward(current_calendar(), today, DUE_SOON_WORKDAYS).due
    rows = list(agencies.order_by("parent_id", "name"))
    cases = Case.objects.filter(agency__in=[a.pk for a in rows]).values("agency_id")
    running = {
        r["agency_id"]: r
        for r in cases.filter(state__in=OPEN_STATES).annotate(
            # Counting agency_id (never null), not the id: the (agency, state, due_date) index answers alone.
            n_open=Count("agency_id"),
            n_overdue=Count("agency_id", filter=Q(due_date__lt=today)),
            n_due=Count("agency_id", filter=Q(due_date__gte=today, due_date__lte=last_day)),
        )
    }
    concluded = {
        r["agency_id"]: r["n"] for r in cases.filter(concluded_on__year=today.year).annotate(n=Count("agency_id"))
    }
    for agency in rows:
        counts = running.get(agency.pk, {})
        agency.n_open, agency.n_overdue, agency.n_due = (counts.get(k, 0) for k in ("n_open", "n_overdue", "n_due"))
        agency.n_concluded = concluded.get(agency.pk, 0)
    return rows


@login_required
def work_list(request: HttpRequest) -> HttpResponse:
    which = request.GET.get("list", "open")
    if which not in LISTS:
        which = "open"
    base = policy.cases_for(request.user)  # one subtree walk for a supervisor, shared by the list and the counts
    cases = _filtered(request, base.select_related("agency"), which)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    counts = {
        "overdue": base.overdue(today).count(),
        "due": base.due_by(today, count_forward(current_calendar(), today, DUE_SOON_WORKDAYS).due).count(),
    }
    agencies = policy.readable_agencies(request.user)
    several = agencies.count() > 1
    overview = _overview(agencies, today) if several and not request.headers.get("HX-Request") else None
    context = {
        "overview": overview,
        "page": page,
        "lists": LISTS,
        "current": which,
        "states": State.choices,
        "agencies": agencies if several else [],
        "counts": counts,
        "today": today,
        "query": request.GET.get("q", ""),
        "can_register": policy.can_register(request.user),
    }
    template = "casework/_case_rows.html" if request.headers.get("HX-Request") else "casework/work_list.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    if not policy.can_register(request.user):
        raise PermissionDenied("您没有登记申请的权限")
    agency = policy.home_agency(request.user)
    form = IntakeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = register(
                agency,
                request.user,
                Intake(**{k: data[k] for k in Intake.__dataclass_fields__ if k in data}),
            )
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已登记，受理编号 {case.number}")
            return redirect("casework:case", pk=case.pk)
    return render(request, "casework/intake.html", {"form": form, "agency": agency}, status=400 if form.errors else 200)


def _case_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    calendar = current_calendar()
    events = list(case.events.order_by("seq"))
    status = derive([e.record() for e in events], calendar)
    allowed = policy.actions_for(request.user, case)
    correction_window = None
    if (
        case.state == State.REGISTERED
        and status.correction_requested_on is None
        and status.rules.correction_window_days
    ):
        correction_window = count_forward(calendar, status.received_on, status.rules.correction_window_days)
    return {
        "case": case,
        "events": events,
        "status": status,
        "actions": [a for a in available(case) if a.name in allowed],
        "outcome": OUTCOMES.get(case.outcome) if case.outcome else None,
        "can_see_personal_data": policy.can_see_personal_data(request.user, case),
        "correction_window": correction_window,
        "today": timezone.localdate(),
        "EventKind": EventKind,
    }


@login_required
def case_page(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_or_404(request, pk)
    return render(request, "casework/case.html", _case_context(request, case))


@login_required
@require_POST
def reveal_id(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the whole ID number and phone once, on the case page, and record who saw them."""
    case = _case_or_404(request, pk)
    if not policy.can_see_personal_data(request.user, case):
        raise PermissionDenied("您没有查看完整证件号码和联系电话的权限")
    record(request.user, "case.view_id_number", target=case.number, agency=case.agency)
    context = _case_context(request, case)
    context["revealed"] = True
    context["revealed_id"] = case.id_number()
    return render(request, "casework/case.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def act(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    case = _case_or_404(request, pk)
    action = ACTIONS.get(name)
    if action is None:
        raise Http404("没有这项操作")
    if not policy.can_act(request.user, case, name):
        raise PermissionDenied("您没有权限执行此操作")
    form = ACTION_FORMS[name](request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        on = data.pop("on")
        try:
            perform(name, case, request.user, on=on, data=data)
        except ActionDenied as exc:
            raise PermissionDenied(exc.message) from None
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"已{action.label}")
            return redirect("casework:case", pk=case.pk)
    context = _case_context(request, case)
    context.update({"form": form, "action": action})
    template = "casework/_action_form.html" if request.headers.get("HX-Request") else "casework/action.html"
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
def outcome_table(request: HttpRequest) -> HttpResponse:
    return render(request, "casework/outcomes.html", {"outcomes": OUTCOMES.values()})


# ------------------------------------------------------------------------------------------------ import


UPLOAD_LIFETIME_SECONDS = 24 * 3600


def _discard_stale_uploads(folder: Any) -> None:
    """Previews never confirmed are deleted after a day: they hold applicants' personal data."""
    if not folder.is_dir():
        return
    cutoff = time.time() - UPLOAD_LIFETIME_SECONDS
    for stale in folder.glob("*.upload"):
        if stale.stat().st_mtime < cutoff:
            stale.unlink(missing_ok=True)


def _upload_path(token: str) -> Any:
    return data_dir() / "imports" / f"{token}.upload"


@login_required
@require_http_methods(["GET", "POST"])
def import_register(request: HttpRequest) -> HttpResponse:
    agency = policy.home_agency(request.user)
    if agency is None or not policy.can_act_for(request.user, agency, "import_register"):
        raise PermissionDenied("您没有导入登记台账的权限")
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "agency": agency}
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm_import(request, agency)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read(10 * 1024 * 1024 + 1)
        try:
            rows = read_rows(content, upload.name)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            result = import_rows(agency, rows, request.user, dry_run=True)
            context["result"] = result
            if result.ok:
                token = secrets.token_urlsafe(16)
                path = _upload_path(token)
                path.parent.mkdir(parents=True, exist_ok=True)
                _discard_stale_uploads(path.parent)
                path.write_bytes(identity.seal(content))
                request.session["import_upload"] = {
                    "token": token,
                    "name": upload.name,
                    "sha256": hashlib.sha256(content).hexdigest(),
                    "agency": agency.pk,
                }
                context["token"] = token
    return render(request, "casework/import.html", context, status=400 if form.errors else 200)


def _confirm_import(request: HttpRequest, agency: Any) -> HttpResponse:
    pending = request.session.get("import_upload") or {}
    if pending.get("token") != request.POST.get("token") or pending.get("agency") != agency.pk:
        messages.error(request, "导入已过期，请重新上传文件")
        return redirect("casework:import")
    path = _upload_path(pending["token"])
    try:
        content = identity.unseal(path.read_bytes())
    except FileNotFoundError:
        messages.error(request, "导入已过期，请重新上传文件")
        return redirect("casework:import")
    rows = read_rows(content, pending["name"])
    result = import_rows(agency, rows, request.user)
    path.unlink(missing_ok=True)
    del request.session["import_upload"]
    if result.ok:
        messages.success(request, f"已导入 {len(result.created)} 件，跳过已存在的 {len(result.skipped)} 件")
        return redirect(reverse("casework:list") + "?list=all")
    return render(request, "casework/import.html", {"form": ImportUploadForm(), "agency": agency, "result": result})
