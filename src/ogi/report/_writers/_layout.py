"""What every writer shares: the title, the opening paragraph, the headings and the sign-off.

Every writer prints the same document in the official order; only the markup differs. Keeping the
wording here means a report reads the same whichever way it was rendered. How a cell is printed is
:mod:`._cells`.
"""

from __future__ import annotations

from .._format import REPORT_TITLE, SECTIONS, FormatVersion, Section, normalize_label
from .._model import Report
from .._preamble import chinese_date


def title(report: Report) -> str:
    """The title as printed (or as set in the JSON); else built from the agency and year:
    “东沟乡人民政府2023年度政府信息公开工作年度报告”, so that agency and year survive a round trip."""
    if report.title and report.title.strip():
        return " ".join(report.title.split())
    year = f"{report.year}年度" if report.year is not None else ""
    return f"{report.agency or ''}{year}{REPORT_TITLE}"


def preamble(report: Report) -> list[str]:
    """The opening paragraphs printed between the title and 一、总体情况 (none when the report has none)."""
    if report.preamble is None:
        return []
    return [line.strip() for line in report.preamble.text.splitlines() if line.strip()]


def signoff(report: Report) -> tuple[str, str] | None:
    """(agency, date) closing the document as a 公文 does: the printed sign-off, else the agency and the
    publication date. None without a date: a sign-off is dated, and an agency line alone at the end
    would read back as prose. The agency may be "" (unknown)."""
    printed = report.signoff
    agency = (printed.agency if printed and printed.agency else None) or report.agency or ""
    when = (printed.date if printed and printed.date else None) or report.published
    return (agency, chinese_date(when)) if when else None


def heading(report: Report, section: Section) -> str:
    """The verbatim heading; the 2019 wording of 五 for 2019-format reports."""
    if report.format is FormatVersion.V2019 and section.heading_2019:
        return section.heading_2019
    return section.heading


def sections(report: Report) -> list[tuple[Section, str, list[str]]]:
    """(section, heading, prose paragraphs) in order; paragraphs are the non-empty lines of the prose.

    A section without prose ("") has no paragraphs: its heading is printed once, with no empty paragraph.
    A text that starts with the section's own heading (as older readers stored tables-only sections)
    does not print that heading a second time.
    """
    out = []
    for section in SECTIONS:
        text = report.sections.get(section.number, "")
        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        if paragraphs and normalize_label(paragraphs[0]) in _heading_forms(report, section):
            paragraphs = paragraphs[1:]
        out.append((section, heading(report, section), paragraphs))
    return out


def _heading_forms(report: Report, section: Section) -> set[str]:
    """The section's heading as either format words it, or as the report printed it."""
    forms = {section.heading, section.heading_2019, report.printed_labels.get(f"section.{section.number}")}
    return {normalize_label(f) for f in forms if f}
