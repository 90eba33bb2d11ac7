"""Drafting, editing and issuing a document: each checks the policy, writes the audit log, and issuing appends the
case's ``document_issued`` event through casework's ``perform`` (so the case log is the one record of it).
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from ogi.platform import policy
from ogi.platform.audit.log import record
from ogi.platform.casework.actions import ActionDenied, ActionError, perform
from ogi.platform.casework.models import Case

from .drafting import NotApplicable, available_kinds, draft_of
from .models import Document, DocumentStatus
from .numbering import next_document_number
from .rendering import render

EDITABLE = ("title", "addressee", "body", "remedy", "closing", "contact")


def _allowed(actor: Any, case: Case) -> None:
    if not policy.can_act(actor, case, "issue_document"):
        raise ActionDenied("您没有权限办理本申请的文书")


def _contact(actor: Any, case: Case) -> str:
    staff = policy.staff_of(actor)
    parts = []
    if staff is not None:
        parts.append(f"联系人：{staff.display_name}")
    if case.agency.phone:
        parts.append(f"联系电话：{case.agency.phone}")
    return "，".join(parts)


def start(case: Case, kind: str, actor: Any) -> Document:
    """A new draft of ``kind`` written from the case's events."""
    _allowed(actor, case)
    if kind not in available_kinds(case):
        raise ActionError("本申请的办理过程不支持生成此类文书", "kind")
    try:
        d = draft_of(case, kind)
    except NotApplicable as exc:
        raise ActionError(str(exc), "kind") from None
    document = Document.objects.create(
        case=case,
        kind=kind,
        title=d.title,
        addressee=d.addressee,
        body="\n".join(d.paragraphs),
        remedy=d.remedy,
        closing=d.closing,
        contact=_contact(actor, case),
    )
    record(actor, "document.draft", target=case.number, agency=case.agency, document=document.get_kind_display())
    return document


def edit(document: Document, actor: Any, **fields: str) -> Document:
    _allowed(actor, document.case)
    if document.is_issued:
        raise ActionError("文书已签发，不能修改")
    for name in EDITABLE:
        if name in fields:
            setattr(document, name, fields[name])
    if not document.paragraphs:
        raise ActionError("正文不能为空", "body")
    document.save()
    record(actor, "document.edit", target=document.case.number, agency=document.case.agency)
    return document


def issue(document: Document, actor: Any, *, today: date | None = None) -> Document:
    """Number, render and freeze the document, and record the issue as an event of the case."""
    case = document.case
    _allowed(actor, case)
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = Document.objects.select_for_update().select_related("case__agency").get(pk=document.pk)
        if locked.is_issued:
            raise ActionError("文书已签发")
        locked.number = next_document_number(case.agency, locked.kind, today.year)
        locked.dated = today
        content = render(locked)
        locked.sha256 = hashlib.sha256(content).hexdigest()
        locked.file.save(f"{locked.kind}-{locked.sha256[:12]}.docx", ContentFile(content), save=False)
        locked.status = DocumentStatus.ISSUED
        locked.issued_at = timezone.now()
        staff = policy.staff_of(actor)
        locked.issued_by = staff.display_name if staff else str(actor)
        Document.objects.filter(pk=locked.pk).update(
            **{f: getattr(locked, f) for f in ("number", "dated", "sha256", "file", "status", "issued_at", "issued_by")}
        )
        perform(
            "issue_document",
            case,
            actor,
            on=today,
            today=today,
            data={
                "document": locked.pk,
                "kind": locked.kind,
                "title": locked.title,
                "number": locked.number,
                "sha256": locked.sha256,
            },
        )
    return locked
