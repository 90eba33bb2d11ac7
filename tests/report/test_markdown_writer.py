"""The Markdown writer: verbatim labels, pipe tables, and a round trip through the text reader."""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report import Cell, FormatVersion, Report, read, read_bytes, write
from ogi.report._format import (
    SECTIONS,
    T3_COLUMNS,
    T3_GROUPS,
    T3_HEADER_NOTE,
    T3_OUTCOMES_LABEL,
    T4_COLUMNS,
    T4_GROUPS,
    T4_LITIGATION,
    T4_REVIEW,
    TABLE2,
    t3_rows,
)
from ogi.report._generate import random_report

from ..conftest import SEED
from .helpers import round_trip_model


def _md(report: Report) -> str:
    return write(report, "md").decode("utf-8")


def _cells(line: str) -> list[str]:
    assert line.startswith("| ") and line.endswith(" |"), line
    return [c.strip() for c in line[2:-2].split(" | ")]


def test_title_and_headings_are_verbatim() -> None:
    for version in FormatVersion:
        text = _md(Report.zero(version, agency="东沟乡人民政府", year=2023))
        lines = text.splitlines()
        assert lines[0] == "# 东沟乡人民政府2023年度政府信息公开工作年度报告"
        headings = [line.removeprefix("## ") for line in lines if line.startswith("## ")]
        old = version is FormatVersion.V2019
        assert headings == [s.heading_2019 if old and s.heading_2019 else s.heading for s in SECTIONS]


def test_table2_blocks_have_caption_header_and_rows() -> None:
    for version in FormatVersion:
        lines = _md(Report.zero(version)).splitlines()
        for block in TABLE2[version]:
            at = lines.index(block.caption)
            assert _cells(lines[at + 2]) == [block.header, *(c.label for c in block.columns)]
            rows = [_cells(line) for line in lines[at + 4 : at + 4 + len(block.rows)]]
            assert [r[0] for r in rows] == [r.label for r in block.rows]
            assert all(r[1:] == ["0"] * len(block.columns) for r in rows)


def test_table3_has_the_note_columns_and_group_labels() -> None:
    for split in (True, False):
        lines = _md(Report.zero(FormatVersion.V2021, split_other=split)).splitlines()
        header = next(i for i, line in enumerate(lines) if line.startswith(f"| {T3_HEADER_NOTE}"))
        assert _cells(lines[header]) == [T3_HEADER_NOTE, *(c.label for c in T3_COLUMNS)]
        body = [_cells(line) for line in lines[header + 2 :] if line.startswith("| ")][:40]
        body = body[: next(i for i, c in enumerate(body) if len(c) not in (1, 8))]
        labels = [c[0] for c in body]
        expected: list[str] = []
        for row in t3_rows(split):
            if row.is_outcome and T3_OUTCOMES_LABEL not in expected:
                expected.append(T3_OUTCOMES_LABEL)
            if row.group and row.group.label not in expected and row.label != row.group.label:
                expected.append(row.group.label)
            expected.append(row.label)
        assert labels == expected
        group_rows = [c for c in body if len(c) == 1]
        assert {c[0] for c in group_rows} <= {T3_OUTCOMES_LABEL, *(g.label for g in T3_GROUPS)}


def test_table4_header_and_values() -> None:
    report = Report.zero(FormatVersion.V2021).with_cell("table4.litigation_direct.total", Cell.of(12))
    lines = _md(report).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"| {T4_REVIEW}"))
    top, middle, labels, values = (_cells(lines[i]) for i in (at, at + 2, at + 3, at + 4))
    assert top[0] == T4_REVIEW and top[5] == T4_LITIGATION and len(top) == 15
    assert middle[5] == T4_GROUPS[1].label and middle[10] == T4_GROUPS[2].label
    assert labels == [c.label for _ in T4_GROUPS for c in T4_COLUMNS]
    assert values[9] == "12" and values.count("0") == 14


def test_blanks_money_and_signs_are_printed_plainly() -> None:
    report = (
        Report.zero(FormatVersion.V2021)
        .with_cell("table2.fees.amount", Cell.of(Decimal("7730.28")))
        .with_cell("table3.granted.research", Cell())
        .with_cell("table3.granted.commercial", Cell(raw="—"))
    )
    text = _md(report)
    assert "| 行政事业性收费 | 7730.28 |" in text
    assert "| （一）予以公开 | 0 | / |  | 0 | 0 | 0 | 0 |" in text  # “/” as printed, a blank left empty
    old = Report.zero(FormatVersion.V2019).with_cell("table2.licensing.change", Cell.of(-3))
    old = old.with_cell("table2.procurement.amount", Cell.of(Decimal("251000")))
    text = _md(old)
    assert "| 行政许可 | 0 | -3 | 0 |" in text and "| 政府集中采购 | 0 | 251000 |" in text


def test_prose_paragraphs_follow_their_heading() -> None:
    report = Report.zero(FormatVersion.V2021, sections={"1": "第一段。\n\n第二段。", "6": "无。"})
    lines = _md(report).splitlines()
    at = lines.index("## 一、总体情况")
    assert lines[at + 1 : at + 5] == ["", "第一段。", "", "第二段。"]
    assert lines[-1] == "无。"


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), version=st.sampled_from(list(FormatVersion)), split=st.booleans())
def test_text_reader_reads_the_markdown_back_to_the_same_model(seed: int, version: FormatVersion, split: bool) -> None:
    report = random_report(random.Random(seed), version=version, split_other=split)
    if seed % 3 == 0:  # blank cells must stay blank
        report = report.with_cell("table3.carried_over.legal_service", Cell()).with_cell(
            "table4.review.pending", Cell()
        )
    back = read_bytes(write(report, "md"), "round-trip.md")
    assert round_trip_model(back) == round_trip_model(report)


def test_seed_survives_markdown_round_trip() -> None:
    seed = read(SEED)
    back = read_bytes(write(seed, "md"), "seed.md")
    assert round_trip_model(back) == round_trip_model(seed)
    assert back.split_other is False and back.format is FormatVersion.V2021
