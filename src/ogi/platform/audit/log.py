"""One function writes the audit log; callers pass no personal data (the detail is shown to administrators)."""

from __future__ import annotations

from typing import Any

from .models import AuditEntry


def record(actor: Any, action: str, *, target: str = "", agency: Any = None, **detail: Any) -> AuditEntry:
    # The system acting for a person (a register import) is recorded in that person's name.
    user = actor if getattr(actor, "is_authenticated", False) else getattr(actor, "on_behalf_of", None)
    name = ""
    if user is not None:
        staff = getattr(user, "staff", None)
        name = staff.display_name if staff else user.get_username()
    elif actor is not None:
        name = str(actor)  # "系统" for the command line
    return AuditEntry.objects.create(
        actor=user, actor_name=name, agency=agency, action=action, target=target, detail=detail
    )
