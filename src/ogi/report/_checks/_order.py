"""A deterministic order of findings: by year, table, rule, then subject in printed order."""

from __future__ import annotations

from .._format import SECTIONS, T3_ALL_ROWS, T3_COLUMN_CODES, T4_GROUPS
from ._findings import Finding

_TABLES = {"table2": 0, "table3": 1, "table4": 2, None: 3}
RULES = (
    "report.missing",
    "cells.unreadable",
    "T3.balance",
    "T3.outcomes",
    "T3.applicants",
    "T4.totals",
    "cells.type",
    "cells.blank",
    "format.version",
    "sections.missing",
    "section5.empty",
    "section6.fees",
    "text.numbers",
    "published.late",
    "X.carry",
    "X.in_force",
    "X.items_2019",
    "X.copied",
)
_RULE = {rule: i for i, rule in enumerate(RULES)}
_SUBJECT = {
    code: i
    for i, code in enumerate(
        (*T3_COLUMN_CODES, *T3_ALL_ROWS, *(g.code for g in T4_GROUPS), *(s.number for s in SECTIONS))
    )
}


def sort_key(f: Finding) -> tuple[int, int, int, int, str]:
    return (
        f.year or 0,
        _TABLES.get(f.table, 3),
        _RULE.get(f.rule, len(RULES)),
        _SUBJECT.get(f.subject, len(_SUBJECT)),
        f.subject,
    )


def ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=sort_key)
