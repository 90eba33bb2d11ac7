"""Recording review and litigation cases: the only code that writes them (permission, validation, audit)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ogi.platform import policy
from ogi.platform.agencies.models import Agency
from ogi.platform.audit.log import record as audit
from ogi.platform.casework.models import Case

from .models import Dispute


class DisputeError(Exception):
    """Input that cannot be recorded; ``errors`` maps field names to Chinese messages."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("；".join(errors.values()))
        self.errors = dict(errors)


def save_dispute(agency: Agency, actor: Any, fields: Mapping[str, Any], *, dispute: Dispute | None = None) -> Dispute:
    """Create (or update, e.g. when it is decided) a dispute, linked to the request by its 受理编号."""
    if not policy.can_handle_report(actor, agency, "catalogue"):
        raise DisputeError({"__all__": "您没有权限登记本机关的复议诉讼案件"})
    values = dict(fields)
    number = str(values.pop("case_number", "") or "").strip()
    case = None
    if number:
        case = Case.objects.filter(agency=agency, number=number).first()
        if case is None:
            raise DisputeError({"case_number": f"本机关没有受理编号为“{number}”的申请"})
    dispute = dispute or Dispute(agency=agency)
    for key, value in values.items():
        setattr(dispute, key, value)
    dispute.case = case
    try:
        dispute.full_clean()
    except ValidationError as exc:
        raise DisputeError({k: "；".join(v) for k, v in exc.message_dict.items()}) from exc
    created = dispute.pk is None
    with transaction.atomic():
        dispute.save()
        audit(actor, "dispute.create" if created else "dispute.update", target=str(dispute), agency=agency)
    return dispute
