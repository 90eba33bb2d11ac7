"""One function writes the audit log; callers pass no personal data (the detail is shown to administrators)."""

from __future__ import annotations

from typing import Any

from .models import AuditEntry


def record(actor: Any, action: str, *, target: str = "", agency: Any = None, **detail: Any) -> AuditEntry:
    user = actor if getattr(actor, "is_authenticated", False) else None
    name = ""
    if user is not None:
        staff = getattr(user, "staff", None)
        name = staff.display_name if staff else user.get_username()
    elif isinstance(actor, str):
        name = actor
    return AuditEntry.objects.create(
        actor=user, actor_name=name, agency=agency, action=action, target=target, detail=detail
    )
