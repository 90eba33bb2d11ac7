from __future__ import annotations

from typing import Any

from django import template

from ogi.platform import policy
from ogi.platform.casework.models import Case

from ..drafting import available_kinds
from ..kinds import DocumentKind

register = template.Library()


@register.inclusion_tag("documents/_case_documents.html", takes_context=True)
def case_documents(context: Any, case: Case) -> dict[str, Any]:
    user = context["request"].user
    can = policy.can_act(user, case, "issue_document")
    return {
        "case": case,
        "documents": case.documents.order_by("created_at", "pk"),
        "kinds": [(k, DocumentKind(k).label) for k in available_kinds(case)] if can else [],
        "csrf_token": context.get("csrf_token"),
    }
