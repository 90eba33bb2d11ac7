"""Who may do what: every permission of the platform is decided here and nowhere else.

Views, the import and the commands ask these functions; none checks a role itself. Staff work for one agency:
经办人 and 负责人 read and act on their own agency's cases only; a 主管部门 supervisor reads its own and every
subordinate agency's cases and changes none; the administrator manages the calendar, users and the audit log and
sees cases only as the supervisor of everything does. ``SYSTEM`` stands for the command line and the demo;
``on_behalf_of(user)`` for a register import started by ``user``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ogi.platform.agencies.models import Agency, Role, Staff


class _System:
    """The actor of `ogi` commands run by the operator of the machine, and of a register import, which replays the
    register's steps (延期 included) as the system in the name of the person who was allowed to start it."""

    is_authenticated = False
    pk = None

    def __init__(self, on_behalf_of: Any = None) -> None:
        self.on_behalf_of = on_behalf_of

    def __str__(self) -> str:
        if self.on_behalf_of is None:
            return "系统"
        staff = staff_of(self.on_behalf_of)
        return f"{staff.display_name if staff else self.on_behalf_of.get_username()}（台账导入）"


SYSTEM = _System()


def on_behalf_of(user: Any) -> _System:
    """The system acting for ``user``, whom the caller has already allowed to start the work."""
    return user if isinstance(user, _System) else _System(user)


def _is_system(user: Any) -> bool:
    return isinstance(user, _System)


class _Applicant:
    """The actor of an online application: a member of the public without an account, who may only apply."""

    is_authenticated = False
    pk = None

    def __str__(self) -> str:
        return "申请人（在线）"


APPLICANT = _Applicant()

_CASE_WORKERS = frozenset({Role.OFFICER, Role.HEAD})

#: Workflow actions and the roles that may take them on their own agency's cases.
ACTION_ROLES: dict[str, frozenset[str]] = {
    "register": _CASE_WORKERS,
    "request_correction": _CASE_WORKERS,
    "record_correction": _CASE_WORKERS,
    "lapse_correction": _CASE_WORKERS,
    "consult": _CASE_WORKERS,
    "record_consultation": _CASE_WORKERS,
    "extend": frozenset({Role.HEAD}),  # Art. 33: approved by the office's head
    "notify_fee": _CASE_WORKERS,
    "record_payment": _CASE_WORKERS,
    "lapse_fee": _CASE_WORKERS,
    "decide": _CASE_WORKERS,
    "deliver": _CASE_WORKERS,
    "withdraw": _CASE_WORKERS,
    "import_register": _CASE_WORKERS,
    "issue_document": _CASE_WORKERS,  # drafting, editing and issuing a case's documents
}


def staff_of(user: Any) -> Staff | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.staff
    except Staff.DoesNotExist:
        return None


def role_of(user: Any) -> str | None:
    if getattr(user, "is_superuser", False):
        return Role.ADMIN
    staff = staff_of(user)
    return staff.role if staff else None


def readable_agencies(user: Any) -> QuerySet[Agency]:
    if _is_system(user) or role_of(user) == Role.ADMIN:
        return Agency.objects.all()
    staff = staff_of(user)
    if staff is None or staff.agency is None:
        return Agency.objects.none()
    if staff.role == Role.SUPERVISOR:
        return Agency.objects.subtree_of(staff.agency)
    return Agency.objects.filter(pk=staff.agency_id)


def cases_for(user: Any) -> QuerySet:
    from ogi.platform.casework.models import Case

    if _is_system(user) or role_of(user) == Role.ADMIN:
        return Case.objects.all()
    return Case.objects.filter(agency__in=readable_agencies(user))


def can_read_case(user: Any, case: Any) -> bool:
    return cases_for(user).filter(pk=case.pk).exists()


def can_act_for(user: Any, agency: Agency, action: str) -> bool:
    """May ``user`` take ``action`` for ``agency`` (its own agency, in a role the action allows)?"""
    if _is_system(user):
        return True
    if user is APPLICANT:
        return action == "register"
    staff = staff_of(user)
    if staff is None or staff.agency_id != agency.pk:
        return False
    return staff.role in ACTION_ROLES.get(action, frozenset())


def can_act(user: Any, case: Any, action: str) -> bool:
    return can_act_for(user, case.agency, action)


def actions_for(user: Any, case: Any) -> frozenset[str]:
    return frozenset(
        a for a in ACTION_ROLES if a not in ("register", "import_register", "issue_document") and can_act(user, case, a)
    )


def can_see_personal_data(user: Any, case: Any) -> bool:
    """The whole ID number: only the agency's own case workers, on the case page, each view audited."""
    staff = staff_of(user)
    return staff is not None and staff.role in _CASE_WORKERS and staff.agency_id == case.agency_id


def can_register(user: Any) -> bool:
    staff = staff_of(user)
    return staff is not None and staff.agency is not None and staff.role in _CASE_WORKERS


def can_administer(user: Any) -> bool:
    """Calendar notices, the audit log, users and agencies."""
    return role_of(user) == Role.ADMIN


def home_agency(user: Any) -> Agency | None:
    staff = staff_of(user)
    return staff.agency if staff else None


#: Annual-report steps (ogi.platform.annual) and the roles that may take them for their own agency.
REPORT_ROLES: dict[str, frozenset[str]] = {
    "draft": _CASE_WORKERS,
    "edit": _CASE_WORKERS,
    "acknowledge": _CASE_WORKERS,
    "import": _CASE_WORKERS,
    "publish": frozenset({Role.HEAD}),  # the office's head signs the report off
    "catalogue": _CASE_WORKERS,  # the catalogue, the year's figures and the review/litigation log
}


def can_handle_report(user: Any, agency: Agency, action: str) -> bool:
    """May ``user`` take an annual-report (or catalogue) step for ``agency``?"""
    if user is SYSTEM:
        return True
    staff = staff_of(user)
    if staff is None or staff.agency_id != agency.pk:
        return False
    return staff.role in REPORT_ROLES.get(action, frozenset())


def can_read_reports(user: Any, agency: Agency) -> bool:
    """Drafts and their drill-downs: the agency's own staff and its supervisors."""
    return user is SYSTEM or readable_agencies(user).filter(pk=agency.pk).exists()


def can_edit_guide(user: Any, agency: Agency) -> bool:
    """The 政府信息公开指南 is kept by the agency's own case workers (and the administrator)."""
    if role_of(user) == Role.ADMIN:
        return True
    staff = staff_of(user)
    return staff is not None and staff.agency_id == agency.pk and staff.role in _CASE_WORKERS


def can_manage_templates(user: Any) -> bool:
    """Document templates and API tokens are the administrator's."""
    return can_administer(user)
