"""The DOCX writer's own page breaks in table 三: the grid's parts, the shared pagination rules and the
estimate of where the text falls (its agreement with LibreOffice is tested in test_libreoffice.py)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report._format import T3_HEADER_NOTE, T3_OUTCOMES_LABEL, FormatVersion
from ogi.report._generate import random_report
from ogi.report._model import Report
from ogi.report._writers._docx_pages import (
    BREAK_HEIGHT,
    CAUTION,
    LAST_ORPHANS,
    PAGE,
    RULE,
    SAFETY,
    WIDE,
    BreakOn,
    Faces,
    Flow,
    Pages,
    Plan,
)
from ogi.report._writers._gongwen import LINE_PITCH, SIZE_3
from ogi.report._writers._grid import Grid, Role, page_rows, table3_grid
from ogi.report._writers._wrap import wrap

from .helpers import reports_with_prose


def _grid() -> Grid:
    return table3_grid(random_report(random.Random(3), version=FormatVersion.V2021, split_other=True))


def _group_rows(grid: Grid, label: str) -> range:
    cell = next(c for c in grid.cells if c.text == label and c.role is Role.GROUP)
    return range(cell.row, cell.row + cell.rowspan)


# --------------------------------------------------------------------------- Grid.part


def test_a_part_repeats_the_header_rows_and_the_labels_it_continues() -> None:
    grid = _grid()
    withheld = _group_rows(grid, "（三）不予公开")
    rows = list(range(withheld[3], grid.rows))  # from the 4th row of （三） on
    part = grid.part(rows)
    assert part.rows == grid.header_rows + len(rows)
    assert part.row_cells(0)[0].text == T3_HEADER_NOTE
    assert [c for c in part.cells if c.row < 3] == [c for c in grid.cells if c.row < 3]
    first = part.row_cells(3)
    assert (first[0].text, first[0].role) == (T3_OUTCOMES_LABEL, Role.GROUP)
    assert first[0].rowspan == sum(1 for r in rows if r < _group_rows(grid, T3_OUTCOMES_LABEL).stop)
    assert (first[1].text, first[1].rowspan) == ("（三）不予公开", len(withheld) - 3)
    assert part.keep_with_next == frozenset({0, 1, 2})
    # every cell of the part is on the grid: no position empty, none twice
    covered = [(r, c.col + k) for c in part.cells for r in range(c.row, c.row + c.rowspan) for k in range(c.colspan)]
    assert sorted(covered) == [(r, k) for r in range(part.rows) for k in range(len(part.widths))]


def test_the_parts_of_a_grid_hold_its_rows_once_each() -> None:
    grid = _grid()
    cut = _group_rows(grid, "（五）不予处理")[2]
    first, second = grid.part(range(3, cut)), grid.part(range(cut, grid.rows))
    values = [c.path for part in (first, second) for c in part.cells if c.path]
    assert values == [c.path for c in grid.cells if c.path]


# --------------------------------------------------------------------------- page_rows


@settings(max_examples=60, deadline=None)
@given(room=st.floats(0, 700), seed=st.integers(0, 2**16))
def test_a_page_break_never_leaves_one_row_of_a_group_alone(room: float, seed: int) -> None:
    rng = random.Random(seed)
    grid = _grid()
    heights = [rng.uniform(15, 60) for _ in range(grid.rows)]
    pages = page_rows(grid, heights, room, 640.0, at_top=False)
    assert [r for rows in pages for r in rows] == list(range(grid.header_rows, grid.rows))
    header = sum(heights[:3])
    for i, rows in enumerate(pages):
        if not rows:
            assert i == 0  # only the table's start moves to the next page
            continue
        if i < len(pages) - 1 and grid.bad_break(rows[-1] + 1):  # only where no break on the page is better
            assert all(grid.bad_break(r + 1) for r in rows)
        if 0 < i < len(pages) - 1 and len(rows) > 1:
            assert header + sum(heights[r] for r in rows) <= 640.0 + 0.01


# --------------------------------------------------------------------------- text measure


def test_a_closing_mark_may_hang_past_the_line_end() -> None:
    def measure(token: str, size: float) -> float:
        return WIDE.width(token, size)

    text = "一二三，四"
    assert [len(line) for line in wrap(text, 30, 10, measure=measure)] == [2, 3]  # “三，” go down together
    assert [len(line) for line in wrap(text, 30, 10, measure=measure, hang=True)] == [4, 1]


def test_latin_words_are_spaced_from_cjk_text_but_not_at_a_line_end() -> None:
    faces = Faces(0.6, 0.3, 0.25, hang=False)
    assert faces.spaced("共2023年，1.属于") == "共 2023 年， 1. 属于"
    assert faces.width("2023", 10) == 24 and faces.width("1.", 10) == 9 and faces.width(" ", 10) == 2.5
    assert faces.width("年", 10, spacing=-0.25) == 9.75
    lines = wrap(faces.spaced("一二三四五六七八九1234"), 100, 10, measure=faces.width)
    assert ["".join(line) for line in lines] == ["一二三四五六七八九", "1234"]  # the gap went with the break
    assert Faces(0.5, 0.25, 0.0, hang=True).spaced("共2023年") == "共2023年"


# --------------------------------------------------------------------------- the estimate


def test_the_paragraph_above_table_3_is_not_broken_after_its_first_line() -> None:
    flow = Flow(WIDE, PAGE, cautious=True)
    flow.y = PAGE - 1.5 * LINE_PITCH  # room for one line
    flow.lines(3, LINE_PITCH, orphans=LAST_ORPHANS)
    assert (flow.page, flow.y) == (1, 3 * LINE_PITCH)  # moved whole
    flow = Flow(WIDE, PAGE, cautious=True)
    flow.y = PAGE - 1.5 * LINE_PITCH
    flow.lines(3, LINE_PITCH)
    assert (flow.page, flow.y) == (1, 2 * LINE_PITCH)  # any other paragraph is broken anywhere


def test_body_lines_hold_28_characters() -> None:
    flow = Flow(WIDE, PAGE, cautious=True)
    assert flow.body_lines("政" * 26) == 1  # the first line is indented two characters
    assert flow.body_lines("政" * 27) == 2
    assert flow.body_lines("政" * (26 + 28)) == 2
    assert SIZE_3 * 28 > 442  # 三号 at its size would not fit: the body is condensed


def _plan(report: Report) -> tuple[Grid, Plan, float]:
    """What the writer does, block by block, up to table 三: its grid, its plan and how far down the
    page the cautious estimate had the text above it."""
    from ogi.report._writers._grid import report_grids
    from ogi.report._writers._layout import preamble, sections

    pages = Pages()
    pages.title(2)
    for text in preamble(report):
        pages.paragraph(text)
    grids = report_grids(report)
    for section, heading, paragraphs in sections(report):
        grid = grids.get(section.number)
        last = len(paragraphs) - 1 if grid is not None and grid.merged_body else -1
        pages.heading(heading, grid if not paragraphs else paragraphs[0] if last == 0 else None)
        for i, text in enumerate(paragraphs):
            pages.paragraph(text, last=i == last)
        if grid is None:
            continue
        y = pages.flows[0].y
        plan = pages.table(grid)
        if section.number == "3":
            return grid, plan, y
        pages.spacer()
    raise AssertionError("no table 三")


@settings(max_examples=40, deadline=None)
@given(report=reports_with_prose())
def test_table_3_is_broken_into_parts_that_each_fit_a_page(report: Report) -> None:
    grid, plan, y = _plan(report)
    flow = Flow(WIDE, PAGE - CAUTION, cautious=True)
    heights = flow.row_heights(grid)
    body = [r for part in plan.parts for r in range(part.header_rows, part.rows)]
    assert len(body) == grid.rows - grid.header_rows
    header = sum(heights[:3])
    rows = iter(range(3, grid.rows))
    for i, part in enumerate(plan.parts):
        part_rows = [next(rows) for _ in range(part.rows - 3)]
        height = RULE + header + sum(heights[r] for r in part_rows)
        top = BREAK_HEIGHT if i or plan.break_on in (BreakOn.SEPARATOR, BreakOn.SPACER) else 0.0
        if i == 0 and plan.break_on is BreakOn.NONE:
            # under the text above, where the estimate had it, unless no row fits there: then Word and
            # LibreOffice move the table to the next page themselves (both estimates agree on it)
            flow.y = y
            top = y if flow.paginate(grid, heights, margin=BREAK_HEIGHT + SAFETY)[0] else 0.0
        assert top + height <= PAGE - SAFETY + 0.01


def test_a_table_that_fits_is_not_broken() -> None:
    grid = table3_grid(random_report(random.Random(3), version=FormatVersion.V2019, split_other=False))
    small = grid.part(range(3, 8))  # a table 三 of five rows
    pages = Pages()
    plan = pages.table(small)
    assert plan.parts == [small] and plan.break_on is BreakOn.NONE
