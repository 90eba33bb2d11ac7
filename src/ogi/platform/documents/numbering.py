"""Document numbers: one series per kind, agency and year, e.g. ``东沟依申复〔2025〕3号``."""

from __future__ import annotations

from ogi.platform.agencies.models import Agency
from ogi.platform.casework.models import NumberSeries

from .kinds import KINDS


def issuer_code(agency: Agency) -> str:
    """The 发文机关代字: the agency's short name, else its name without 人民政府."""
    return agency.short_name or agency.name.removesuffix("人民政府")


def next_document_number(agency: Agency, kind: str, year: int) -> str:
    """Take the next number (call inside a transaction: the series row is locked until it ends)."""
    info = KINDS[kind]
    counter, _ = NumberSeries.objects.select_for_update().get_or_create(agency=agency, series=info.series, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{issuer_code(agency)}{info.prefix}〔{year}〕{counter.last}号"
