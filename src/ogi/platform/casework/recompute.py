"""Recompute open cases when the calendar changes (a year's notice loaded)."""

from __future__ import annotations

from typing import Any

from ogi.platform.workcalendar.service import current_calendar

from .actions import refresh
from .models import Case


def recompute_open_cases(sender: Any = None, **kwargs: Any) -> int:
    calendar = current_calendar()
    changed = 0
    for case in Case.objects.open().iterator(chunk_size=500):
        changed += refresh(case, calendar)
    return changed
