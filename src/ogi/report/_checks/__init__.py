"""Consistency checks (勾稽关系) of consistency-checks.md: within one report and across a series.

``check(report)`` runs every rule of §1 on one report; ``check_series(reports)`` the rules of §2 on the
reports of one or more agencies. Both return findings in a deterministic order (table, rule, subject).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from .._model import Report
from . import _missing, _prose, _unreadable, _within
from ._findings import Finding, Severity
from ._order import ordered
from ._series import series
from ._solve import cell_map

__all__ = ["Finding", "Severity", "check", "check_series"]


def check(report: Report, *, deadline: date | None = None) -> list[Finding]:
    """Every within-report rule; ``deadline`` overrides the publication deadline (default: 1月31日 of Y+1)."""
    cells = cell_map(report)
    findings, outcomes = _within.arithmetic(report, cells)
    findings += _missing.missing_parts(report)
    findings += _unreadable.unreadable_cells(report)
    findings += _within.cell_types(report, cells)
    findings += _within.blank_cells(report, cells, outcomes)
    findings += _within.format_deviations(report)
    findings += _prose.sections(report)
    findings += _prose.text_numbers(report, cells)
    findings += _prose.published_late(report, deadline)
    return ordered(findings)


def check_series(reports: Iterable[Report]) -> list[Finding]:
    """The across-year rules (X.carry, X.in_force, X.items_2019, X.copied) for consecutive years."""
    return ordered(series(reports))
