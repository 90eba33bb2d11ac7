"""The HTML writer: a standalone page in the official layout, checked with an HTML parser."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from decimal import Decimal
from html import escape
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report import Cell, FormatVersion, Report, read, read_bytes
from ogi.report._format import (
    SECTIONS,
    T3_APPLICANTS,
    T3_COLUMN_CODES,
    T3_COLUMNS,
    T3_GROUPS,
    T3_HEADER_NOTE,
    T3_LEGAL_PERSONS,
    T3_OUTCOMES_LABEL,
    T4_CELL_CODES,
    T4_COLUMNS,
    T4_GROUPS,
    T4_LITIGATION,
    T4_REVIEW,
    TABLE2,
    t3_rows,
    table2_cell_codes,
)
from ogi.report._generate import random_report
from ogi.report._writers import write
from ogi.report._writers._grid import Role, report_grids
from ogi.report._writers._layout import title

from ..conftest import SEED
from .helpers import round_trip_model


def _soup(report: Report) -> BeautifulSoup:
    return BeautifulSoup(write(report, "html", allow_unresolved=True).decode("utf-8"), "html.parser")


def _grid(table: Tag) -> list[list[Tag]]:
    """The table expanded to a rectangular grid: each cell repeated over the slots it spans."""
    grid: dict[tuple[int, int], Tag] = {}
    for r, tr in enumerate(table.find_all("tr")):
        c = 0
        for cell in tr.find_all(["th", "td"]):
            while (r, c) in grid:
                c += 1
            for dr in range(int(cell.get("rowspan", 1))):
                for dc in range(int(cell.get("colspan", 1))):
                    assert (r + dr, c + dc) not in grid, f"overlapping spans at row {r + dr} col {c + dc}"
                    grid[r + dr, c + dc] = cell
            c += int(cell.get("colspan", 1))
    rows = 1 + max(r for r, _ in grid)
    width = 1 + max(c for _, c in grid)
    assert len(grid) == rows * width, "the spans do not fill a rectangle"
    return [[grid[r, c] for c in range(width)] for r in range(rows)]


def _th(table: Tag, text: str) -> Tag:
    (cell,) = [th for th in table.find_all("th") if th.get_text() == text]
    return cell


def _spans(cell: Tag) -> tuple[int, int, str]:
    return int(cell.get("colspan", 1)), int(cell.get("rowspan", 1)), cell["scope"]


def _value(text: str) -> int | Decimal | None:
    if text in ("", "/"):
        return None
    return Decimal(text) if "." in text else int(text)


def test_page_is_standalone_html5_for_print() -> None:
    report = Report.zero(FormatVersion.V2021, agency="测试市人民政府办公室", year=2025)
    raw = write(report, "html").decode("utf-8")
    soup = BeautifulSoup(raw, "html.parser")
    assert raw.startswith("<!DOCTYPE html>")
    assert soup.html["lang"] == "zh-CN"
    assert soup.find("meta", charset=True)["charset"].lower() == "utf-8"
    assert soup.title.get_text() == "测试市人民政府办公室2025年度政府信息公开工作年度报告"
    assert soup.h1.get_text() == soup.title.get_text()
    css = soup.style.get_text()
    assert "@media print" in css
    assert "size: A4" in css
    assert "page-break-inside: avoid" in css
    assert not soup.find_all(["script", "link"]), "standalone: no external resources"


def test_table3_header_has_the_official_merged_cells() -> None:
    table = _soup(Report.zero(FormatVersion.V2021)).find("table", class_="table3")
    assert _spans(_th(table, T3_HEADER_NOTE)) == (3, 3, "col")
    assert _spans(_th(table, T3_APPLICANTS)) == (7, 1, "colgroup")
    assert _spans(_th(table, T3_COLUMNS[0].label)) == (1, 2, "col")
    assert _spans(_th(table, T3_LEGAL_PERSONS)) == (5, 1, "colgroup")
    assert _spans(_th(table, T3_COLUMNS[-1].label)) == (1, 2, "col")
    for col in T3_COLUMNS[1:-1]:
        assert _spans(_th(table, col.label)) == (1, 1, "col")


def test_table3_group_labels_span_their_rows() -> None:
    for split in (True, False):
        rows = t3_rows(split)
        table = _soup(Report.zero(FormatVersion.V2021, split_other=split)).find("table", class_="table3")
        outcomes = [r for r in rows if r.is_outcome]
        assert _spans(_th(table, T3_OUTCOMES_LABEL)) == (1, len(outcomes) + 1, "rowgroup")  # + （七）总计
        for group in T3_GROUPS:
            members = [r for r in rows if r.group is group]
            if members:
                assert _spans(_th(table, group.label)) == (1, len(members), "rowgroup")
        for row in rows:
            header = _th(table, row.label)
            assert header["scope"] == "row"
            expected_span = 1 if row.group else 2 if row.is_outcome or row.code == "total_handled" else 3
            assert int(header.get("colspan", 1)) == expected_span


def test_table4_header_has_the_official_merged_cells() -> None:
    table = _soup(Report.zero(FormatVersion.V2019)).find("table", class_="table4")
    assert _spans(_th(table, T4_REVIEW)) == (5, 1, "colgroup")
    assert _spans(_th(table, T4_LITIGATION)) == (10, 1, "colgroup")
    for group in T4_GROUPS[1:]:
        assert _spans(_th(table, group.label)) == (5, 1, "colgroup")
    header_rows = table.thead.find_all("tr")
    review_labels = header_rows[1].find_all("th")[: len(T4_COLUMNS)]
    assert [(th.get_text(), *_spans(th)) for th in review_labels] == [(c.label, 1, 2, "col") for c in T4_COLUMNS]
    assert [th.get_text() for th in header_rows[2].find_all("th")] == [
        c.label for _ in T4_GROUPS[1:] for c in T4_COLUMNS
    ]
    assert len(_grid(table)[0]) == 15


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), version=st.sampled_from(list(FormatVersion)), split=st.booleans())
def test_tables_are_the_grid_the_docx_and_pdf_writers_draw(seed: int, version: FormatVersion, split: bool) -> None:
    """One layout: every grid cell stands at its row and column in the page, with its spans and text."""
    report = random_report(random.Random(seed), version=version, split_other=split)
    soup = _soup(report)
    for number, grid in report_grids(report).items():
        table = soup.find("table", class_=f"table{number}")
        page = _grid(table)
        assert (len(page), len(page[0])) == (grid.rows, len(grid.widths))
        assert len(table.find_all(["th", "td"])) == len(grid.cells)
        assert len(table.thead.find_all("tr") if table.thead else []) == grid.header_rows
        kept = {r for r, tr in enumerate(table.find_all("tr")) if "keep" in tr.get("class", [])}
        assert kept == set(grid.keep_with_next)
        for spec in grid.cells:
            tag = page[spec.row][spec.col]
            assert (int(tag.get("rowspan", 1)), int(tag.get("colspan", 1))) == (spec.rowspan, spec.colspan)
            assert tag.name == ("td" if spec.role is Role.VALUE else "th")
            if spec.role is not Role.VALUE:
                assert (tag.get_text(), tag["scope"]) == (spec.text, grid.scope(spec))
            elif spec.text:
                assert tag.get_text() == spec.text


def test_table2_captions_span_all_columns() -> None:
    for version in FormatVersion:
        table = _soup(Report.zero(version)).find("table", class_="table2")
        width = len(_grid(table)[0])
        for block in TABLE2[version]:
            assert _spans(_th(table, block.caption)) == (width, 1, "colgroup")


def test_every_label_is_printed_verbatim() -> None:
    for version in FormatVersion:
        for split in (True, False):
            soup = _soup(Report.zero(version, split_other=split))
            texts = {t.get_text() for t in soup.find_all(["th", "h2"])}
            wanted = {
                s.heading_2019 if version is FormatVersion.V2019 and s.heading_2019 else s.heading for s in SECTIONS
            }
            for block in TABLE2[version]:
                wanted |= {
                    block.caption,
                    block.header,
                    *(c.label for c in block.columns),
                    *(r.label for r in block.rows),
                }
            wanted |= {r.label for r in t3_rows(split)} | {g.label for g in T3_GROUPS}
            wanted |= {T3_HEADER_NOTE, T3_APPLICANTS, T3_LEGAL_PERSONS, T3_OUTCOMES_LABEL, T4_REVIEW, T4_LITIGATION}
            wanted |= {c.label for c in (*T3_COLUMNS, *T4_GROUPS, *T4_COLUMNS)}
            assert wanted <= texts, wanted - texts
    assert "3.危及“三安全一稳定”" in texts


def test_text_is_escaped() -> None:
    agency = '<script>alert("x")</script>&局'
    report = Report.zero(FormatVersion.V2021, agency=agency, year=2024, sections={"1": "甲<b>乙</b>&丙"})
    raw = write(report, "html").decode("utf-8")
    assert "<script>" not in raw and "<b>" not in raw
    soup = BeautifulSoup(raw, "html.parser")
    assert soup.h1.get_text() == f"{agency}2024年度政府信息公开工作年度报告"
    assert soup.find("section", id="section-1").p.get_text() == "甲<b>乙</b>&丙"


def test_blank_and_ambiguous_cells_are_marked() -> None:
    report = (
        Report.zero(FormatVersion.V2021)
        .with_cell("table3.granted.research", Cell())
        .with_cell("table3.granted.commercial", Cell(raw="/"))
        .with_cell("table2.regulations.issued", Cell(candidates=(1, 10), raw="110"))
    )
    soup = _soup(report)
    table2_values = [td for td in soup.find("table", class_="table2").find_all("td")]
    assert table2_values[0].get_text() == "？①"
    assert "ambiguous" in table2_values[0]["class"] and "1、10" in table2_values[0]["title"]
    note = soup.find("p", class_="note").get_text()
    assert note.startswith("注①：表二 规章 / 本年制发件数") and "“110”" in note and "1或10" in note
    granted = _th(soup.find("table", class_="table3"), "（一）予以公开").find_parent("tr")
    assert [td.get_text() for td in granted.find_all("td")] == ["0", "/", "", "0", "0", "0", "0"]


def _read_back(report: Report) -> dict[str, int | Decimal | None]:
    """Cell values recovered from the page by grid position — what an HTML reader would see."""
    soup = _soup(report)
    values: dict[str, int | Decimal | None] = {}
    t2 = _grid(soup.find("table", class_="table2"))
    labels = {r.label: (block, r) for block in TABLE2[report.format] for r in block.rows}
    for line in t2:
        if line[0].get_text() in labels:
            block, row = labels[line[0].get_text()]
            cells = list({id(td): td for td in line[1:]}.values())  # a spanned cell once
            for col, td in zip(block.columns, cells, strict=True):
                values[f"table2.{row.code}.{col.code}"] = _value(td.get_text())
    t3 = _grid(soup.find("table", class_="table3"))
    by_label = {r.label: r for r in report.table3_rows}
    for line in t3[3:]:
        row = by_label[line[2].get_text()]
        assert len(line) == 10
        for col, td in zip(T3_COLUMN_CODES, line[3:], strict=True):
            values[f"table3.{row.code}.{col}"] = _value(td.get_text())
    t4 = _grid(soup.find("table", class_="table4"))
    for code, td in zip(T4_CELL_CODES, t4[3], strict=True):
        values[f"table4.{code}"] = _value(td.get_text())
    return values


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), version=st.sampled_from(list(FormatVersion)), split=st.booleans())
def test_cells_sit_where_the_official_layout_puts_them(seed: int, version: FormatVersion, split: bool) -> None:
    report = random_report(random.Random(seed), version=version, split_other=split)
    report = report.with_cell("table3.carried_forward.other", Cell())  # a blank cell too
    assert _read_back(report) == {path: cell.value for path, cell in report.iter_cells()}
    assert _soup(report).h1.get_text() == title(report)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), version=st.sampled_from(list(FormatVersion)), split=st.booleans())
def test_html_reader_reads_the_page_back_to_the_same_model(seed: int, version: FormatVersion, split: bool) -> None:
    report = random_report(random.Random(seed), version=version, split_other=split)
    if seed % 3 == 0:
        last = table2_cell_codes(version)[-1]  # 行政事业性收费 / 政府集中采购, money in both formats
        report = report.with_cell("table3.new_received.research", Cell()).with_cell(f"table2.{last}", Cell())
    assert round_trip_model(read_bytes(write(report, "html"), "round-trip.html")) == round_trip_model(report)


def test_seed_survives_html_round_trip() -> None:
    seed = read(SEED)
    assert round_trip_model(read_bytes(write(seed, "html"), "seed.html")) == round_trip_model(seed)


# --------------------------------------------------------------------------- screens and print


def test_each_table_has_a_caption_and_scrolls_sideways_in_its_container() -> None:
    soup = _soup(Report.zero(FormatVersion.V2021, agency="测试局", year=2023))
    tables = soup.find_all("table")
    assert [t.caption.get_text() for t in tables] == [
        "表二 主动公开政府信息情况",
        "表三 收到和处理政府信息公开申请情况",
        "表四 政府信息公开行政复议、行政诉讼情况",
    ]
    for table in tables:
        box = table.parent
        assert "table-scroll" in box["class"] and box["role"] == "region" and box["aria-label"]
    css = soup.style.get_text()
    assert re.search(r"\.table-scroll \{[^}]*overflow-x: auto", css)


def test_printing_repeats_headers_numbers_pages_and_lets_merged_groups_break() -> None:
    css = _soup(Report.zero(FormatVersion.V2021)).style.get_text()
    print_rules = css[css.index("@media print") :]
    assert "thead { display: table-header-group; }" in print_rules
    assert re.search(r"th\[rowspan\], td\[rowspan\] \{ break-inside: auto; \}", print_rules)
    assert re.search(r"@page \{[^}]*@bottom-center \{ content: [^}]*counter\(page\)", css)


def test_table4_fits_a_390px_phone_and_tables_2_3_scroll(tmp_path: Path) -> None:
    """Laid out by the real Chromium at 390 px: table 四 fits, no column cut off; the wider tables
    scroll inside their container instead of widening the page."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Chromium is not installed: run `make test` as root or install chromium"
    probe = """<script>
    const fits = [...document.querySelectorAll('.table-scroll')].map(
      box => box.firstElementChild.getBoundingClientRect().width <= box.clientWidth + 1);
    const out = parent.document.body;
    out.setAttribute('data-fits', fits.join(','));
    out.setAttribute('data-page', document.documentElement.scrollWidth <= window.innerWidth);
    out.setAttribute('data-width', window.innerWidth);
    </script>"""
    html = write(Report.zero(FormatVersion.V2021, agency="测试局", year=2023), "html").decode()
    framed = escape(html.replace("</body>", probe + "</body>"), quote=True)
    # headless Chromium's window is at least 500 px wide: a 390 px frame is the phone's viewport
    page = tmp_path / "phone.html"
    page.write_text(f'<html><body><iframe width="390" height="800" srcdoc="{framed}"></iframe></body></html>')
    dom = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert 'data-width="390"' in dom
    assert 'data-fits="false,false,true"' in dom  # tables 二 and 三 scroll; table 四 fits
    assert 'data-page="true"' in dom  # the page itself never scrolls sideways
