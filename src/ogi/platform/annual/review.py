"""The checks every draft gets: the engine's own (``ogi.report.check`` and, with last year, ``check_series``),
and a warning when 总体情况 or 五 repeats more than half of last year's text.

Publishing is refused while an error remains; a warning stops it until a named user acknowledges it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ogi.report import Finding, Report, Severity, check, check_series, from_dict

from .models import AnnualReport, ReportVersion

SIMILARITY_LIMIT = 0.5
_SIMILAR_SECTIONS = {"1": "一、总体情况", "5": "五、存在的主要问题及改进情况"}


@dataclass(frozen=True)
class Issue:
    """A finding as the review page shows it, with who acknowledged it (for warnings)."""

    key: str
    severity: Severity
    message: str
    acknowledged_by: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def similarity(a: str, b: str) -> float:
    """Share of the text that is the same (difflib's ratio over characters, whitespace ignored)."""
    a, b = "".join(a.split()), "".join(b.split())
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def previous_report(report: AnnualReport) -> Report | None:
    """Last year's report as published (or imported), when OGI has it."""
    version = (
        ReportVersion.objects.filter(report__agency=report.agency, report__year=report.year - 1)
        .order_by("-number")
        .first()
    )
    return from_dict(version.data) if version else None


def _similar(current: Report, previous: Report | None) -> list[Finding]:
    if previous is None:
        return []
    out = []
    for number, heading in _SIMILAR_SECTIONS.items():
        ratio = similarity(current.sections.get(number, ""), previous.sections.get(number, ""))
        if ratio > SIMILARITY_LIMIT:
            out.append(
                Finding(
                    rule="sections.similar",
                    severity=Severity.WARNING,
                    subject=number,
                    message=f"“{heading}”与上一年度报告的相同部分有{ratio:.0%}相同，请结合本年度实际情况撰写",
                )
            )
    return out


def findings(report: AnnualReport, built: Report) -> list[Finding]:
    """Every finding on a draft: within the report, across the two years, and the repeated-text warning."""
    previous = previous_report(report)
    result = list(check(built))
    if previous is not None:
        result += [f for f in check_series([previous, built]) if f.year in (None, report.year)]
    result += _similar(built, previous)
    return result


def issues(report: AnnualReport, built: Report) -> list[Issue]:
    acknowledged = {(a.key, a.message): a.user_name for a in report.acknowledgements.all()}
    return [
        Issue(
            f.key,
            f.severity,
            f.message,
            acknowledged.get((f.key, f.message), "") if f.severity is Severity.WARNING else "",
        )
        for f in findings(report, built)
    ]


def refusal(issue_list: list[Issue]) -> str | None:
    """Why the draft may not be published yet (Chinese), or None when it may."""
    errors = [i for i in issue_list if i.is_error]
    if errors:
        return f"报告还有{len(errors)}处错误，改正后才能发布"
    open_warnings = [i for i in issue_list if not i.is_error and not i.acknowledged_by]
    if open_warnings:
        return f"还有{len(open_warnings)}条提示未经确认，请逐条确认后再发布"
    return None
