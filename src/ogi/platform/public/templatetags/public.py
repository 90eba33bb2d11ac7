from __future__ import annotations

from typing import Any

from django import template

from ogi.platform.casework.models import Case

register = template.Library()


@register.inclusion_tag("public/_case_attachments.html")
def case_attachments(case: Case) -> dict[str, Any]:
    """The attachments of an online application, on the staff's case page."""
    return {"attachments": list(case.attachments.all()), "online": getattr(case, "online", None) is not None}
