"""What a check reports: a finding with a rule id, a severity, the cells involved and a Chinese message."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from .._model import Number, Source


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "提示"}[self.value]


@dataclass(frozen=True)
class Finding:
    """One problem found in a report (or a series of reports).

    ``key`` (``"T3.balance natural_person"``) identifies the finding across runs and matches the
    ``source_checks`` entries of the corpus' expected files.
    """

    rule: str  # e.g. "T3.balance"
    severity: Severity
    message: str  # Chinese, fit for a 政务公开 officer
    subject: str = ""  # the row / column / group the rule ran along, e.g. "natural_person"
    cells: tuple[str, ...] = ()  # cell paths involved
    table: str | None = None  # "table2" | "table3" | "table4" | None for report-wide findings
    suggestion: Mapping[str, Number] = field(default_factory=dict)  # path -> value that would fix it
    source: Source | None = None
    year: int | None = None  # which report of a series

    @property
    def key(self) -> str:
        return f"{self.rule} {self.subject}".strip()
