"""Applying online: one function for the page and the API.

The Art. 31 legal date of receipt of an online application is the day both sides confirm it — the moment the
receipt is shown, which is when this function returns. A retry with the same idempotency key (a double click, a
client that lost the answer) gets the same case and the same query code; the same key with a different
application is refused.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from ogi.platform import identity, policy
from ogi.platform.agencies.models import Agency
from ogi.platform.casework.actions import Intake, register
from ogi.platform.casework.models import Case
from ogi.platform.casework.states import Channel, IdKind

from .models import Attachment, OnlineApplication

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read over the phone
CODE_LENGTH = 10


class KeyReused(Exception):
    """The idempotency key was already used for a different application."""


@dataclass(frozen=True)
class Receipt:
    case: Case
    query_code: str
    created: bool

    @property
    def number(self) -> str:
        return self.case.number

    @property
    def received(self) -> date:
        return self.case.received_on

    @property
    def deadline(self) -> date | None:
        return self.case.due_date


def hash_code(code: str) -> str:
    return salted_hmac("ogi.public.query-code", code.strip().upper(), algorithm="sha256").hexdigest()


def _fingerprint(agency: Agency, data: dict[str, Any]) -> str:
    fields = {k: str(data.get(k) or "") for k in sorted(data) if k != "attachment"}
    return hashlib.sha256(json.dumps([agency.pk, fields], ensure_ascii=False).encode()).hexdigest()


def _existing(key: str, fingerprint: str) -> Receipt | None:
    found = OnlineApplication.objects.select_related("case__agency").filter(idempotency_key=key).first()
    if found is None:
        return None
    if found.fingerprint != fingerprint:
        raise KeyReused("该幂等键（Idempotency-Key）已用于另一份申请，请为新申请使用新的键")
    return Receipt(found.case, identity.decrypt(found.code_sealed), created=False)


def apply(agency: Agency, data: dict[str, Any], key: str) -> Receipt:
    """Register an online application (``data``: ApplyForm's cleaned data) once per idempotency key."""
    fingerprint = _fingerprint(agency, data)
    existing = _existing(key, fingerprint)
    if existing is not None:
        return existing
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    now = timezone.now()
    is_person = data["applicant_type"] == "natural_person"
    intake = Intake(
        channel=Channel.ONLINE,
        arrived_at=now,
        received_on=timezone.localdate(now),  # Art. 31(三): confirmed by both sides when the receipt is shown
        applicant_type=data["applicant_type"],
        applicant_name=data["applicant_name"],
        description=data["description"],
        id_kind=IdKind.RESIDENT_ID if is_person else IdKind.CREDIT_CODE,
        id_number=data["id_number"],
        phone=data.get("phone") or "",
        email=data.get("email") or "",
        address=data.get("address") or "",
        postcode=data.get("postcode") or "",
        delivery_form=data.get("delivery") or "",
        source="online",
    )
    try:
        with transaction.atomic():
            case = register(agency, policy.APPLICANT, intake)
            OnlineApplication.objects.create(
                case=case,
                idempotency_key=key,
                fingerprint=fingerprint,
                code_hash=hash_code(code),
                code_sealed=identity.encrypt(code),
            )
            upload = data.get("attachment")
            if upload is not None:
                attachment = Attachment(case=case, name=upload.name[:200], size=upload.size)
                attachment.file.save(f"{secrets.token_hex(8)}.bin", File(upload), save=False)
                attachment.save()
    except IntegrityError:
        # the same key won a race in another request: answer with its receipt
        existing = _existing(key, fingerprint)
        if existing is None:
            raise
        return existing
    return Receipt(case, code, created=True)


def find(number: str, code: str) -> Case | None:
    """The case with this number whose query code matches; None for an unknown number and a wrong code alike."""
    wanted = hash_code(code)
    match = None
    for online in OnlineApplication.objects.select_related("case__agency").filter(case__number=number.strip()):
        if constant_time_compare(online.code_hash, wanted):
            match = online.case
    return match
