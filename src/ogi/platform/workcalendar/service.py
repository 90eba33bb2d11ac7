"""The calendar in force (package data + loaded notices), and loading a notice.

Loading sends ``calendar_changed``; the casework app recomputes every open case's deadline on it, so this app
does not need to know about cases.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import Signal

from ogi.platform.audit.log import record
from ogi.workdays import Calendar, YearNotice, parse_notice

from .models import LoadedYear

calendar_changed = Signal()


def current_calendar() -> Calendar:
    return Calendar(loaded.notice() for loaded in LoadedYear.objects.all())


def load_notice_text(text: str, *, actor: Any, year: int | None = None) -> tuple[YearNotice, int]:
    """Parse and store a notice; returns it with the number of open cases whose deadline was recomputed."""
    notice = parse_notice(text, year=year)
    with transaction.atomic():
        LoadedYear.objects.update_or_create(
            year=notice.year,
            defaults={
                "title": notice.title,
                "days_off": sorted(d.isoformat() for d in notice.days_off),
                "days_on": sorted(d.isoformat() for d in notice.days_on),
                "source_text": text,
                "loaded_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        responses = calendar_changed.send(sender=LoadedYear, year=notice.year)
        recomputed = sum(int(r or 0) for _, r in responses)
        record(actor, "calendar.load_year", target=f"{notice.year}年", year=notice.year, recomputed=recomputed)
    return notice, recomputed
