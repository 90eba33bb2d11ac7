"""The report of an agency-year as pages, downloads and ``ogi report build`` give it.

A published report is its latest frozen version; an unpublished one is counted now, with the draft's sections
(or, when nobody has drafted it yet, the sections drafted from the figures, without saving anything).
"""

from __future__ import annotations

from ogi.platform.agencies.models import Agency
from ogi.report import Report, from_dict

from .compose import build_report, draft_sections
from .models import AnnualReport, ReportVersion
from .tables import count_tables, format_for_year


def report_of(agency: Agency, year: int, *, fresh: bool = False) -> Report:
    if not fresh:
        version = ReportVersion.objects.filter(report__agency=agency, report__year=year).order_by("-number").first()
        if version is not None:
            return from_dict(version.data)
    draft = AnnualReport.objects.filter(agency=agency, year=year).first()
    if draft is not None:
        return build_report(agency, year, version=draft.format, sections=draft.sections)
    tables = count_tables(agency, year, format_for_year(year))
    return build_report(agency, year, sections=draft_sections(agency, year, tables), tables=tables)
