"""What several report tests share: the seed report with prose of a chosen length, and the parts of a
report a writer → reader round trip must keep."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import pymupdf
from hypothesis import strategies as st

from ogi.report import FormatVersion, Report, from_dict, to_dict
from ogi.report._generate import random_report

from ..conftest import SEED_EXPECTED, load_expected


def seed_with_sections(sections: dict[str, str]) -> Report:
    """The seed report's expected cells (exact, with its blanks) and the given prose."""
    return replace(from_dict(load_expected(SEED_EXPECTED)), sections=sections)


def tables_of(report: Report) -> dict[str, Any]:
    """What a page-layout round trip (DOCX, PDF) keeps: format, agency, year and the three tables."""
    data = to_dict(report, include_sections=False)
    return {key: data[key] for key in ("format", "agency", "year", "table2", "table3", "table4")}


def round_trip_model(report: Report) -> dict[str, Any]:
    """What a markup round trip (Markdown, HTML) keeps: the interchange form but the title.

    The reader keeps the printed title; the writer prints a canonical one.
    """
    data = to_dict(report)
    data.pop("title", None)
    return data


@st.composite
def reports_with_prose(draw: st.DrawFn) -> Report:
    """Random valid reports in either format and layout, their prose 1 to 11 times as long.

    The prose length moves the page breaks of the page-layout writers through every table.
    """
    rng = random.Random(draw(st.integers(0, 2**32)))
    version, split = draw(st.sampled_from(list(FormatVersion))), draw(st.booleans())
    times = 1 + draw(st.integers(0, 40)) // 4
    report = random_report(rng, version=version, split_other=split)
    return replace(report, sections={k: v * times for k, v in report.sections.items()})


def overprint(page: pymupdf.Page, rect: pymupdf.Rect, pitch: float, printed: str) -> None:
    """Replace the number in ``rect`` of a PDF page by ``printed``, centred and sized to stay in its column."""
    page.add_redact_annot(rect)
    page.apply_redactions(images=0, graphics=0)
    size = min(rect.height * 0.8, 0.6 * pitch / pymupdf.get_text_length(printed, "china-s", 1))
    width = pymupdf.get_text_length(printed, "china-s", size)
    centre = (rect.x0 + rect.x1) / 2
    page.insert_text((centre - width / 2, rect.y1 - 1), printed, fontsize=size, fontname="china-s")
