"""Table rows printed with one number fewer than their cells: a blank cell that vanished in a web capture.

平潭 captures print some table 三 rows with six numbers for seven cells (“（一）予以公开0 0 0 0 0 0”). The
reader tries every position of the missing cell; it must never give a wrong cell: each cell is exact, or
ambiguous with the true value among its alternatives, and the cell that was removed is blank or ambiguous
(blank being one of its alternatives). A cell that may be “0 or blank” is ambiguous with candidates (0,).
"""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report import Report, parse_text
from ogi.report._format import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, CellKind
from ogi.report._readers._short_rows import short_row_readings, sums_hold
from ogi.report._readers._splits import tokenize

from .test_reader_variants import Item, _errors, _report, items

T3_GROUPS = ((0, 7),)


def _t3_row_values(its: list[Item]) -> list[int]:
    """Indexes of the table 三 data rows in ``its`` (the rows ending in seven value cells)."""
    out = []
    table = ""
    for i, (kind, cells) in enumerate(its):
        if kind == "h":
            table = cells[0][0]
        if kind == "r" and table == "三" and len(cells) >= 8 and all(c.isdigit() or c == "/" for c in cells[-7:]):
            out.append(i)
    return out


def _capture(its: list[Item]) -> str:
    """The report as a web capture prints it: table 三's labels run into its numbers, cells one space apart."""
    lines = []
    table = ""
    for kind, cells in its:
        if kind == "h":
            table = cells[0][0]
        values = [c for c in cells if c.isdigit() or c == "/"]
        if table == "三" and values and kind == "r":
            lines.append("".join(c for c in cells if c not in values) + " ".join(values))
        else:
            lines.append(" ".join(cells))
    return "\n".join(lines)


def _without(its: list[Item], row: int, col: int, width: int) -> list[Item]:
    kind, cells = its[row]
    k = len(cells) - width + col
    out = list(its)
    out[row] = (kind, cells[:k] + cells[k + 1 :])
    return out


def _assert_no_wrong_cell(report: Report, back: Report, removed: set[str]) -> None:
    got = dict(back.iter_cells())
    wrong = []
    for path, cell in report.iter_cells():
        read = got[path]
        if path in removed and (read.ambiguous or read.value is None):
            continue
        if read.ambiguous and cell.value in read.candidates:
            continue
        if read.ambiguous or read.value != cell.value:
            wrong.append((path, cell.value, read.value, read.candidates))
    assert not wrong, wrong[:5]
    assert _errors(back) == _errors(report) == []


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from(["2019", "2021"]), st.integers(1, 2))
def test_table3_rows_with_a_vanished_cell_read_without_a_wrong_cell(seed: int, version: str, how_many: int) -> None:
    rng = random.Random(seed)
    report = _report(seed, version)
    its = items(report)
    rows = _t3_row_values(its)
    codes = [r.code for r in report.table3_rows]
    removed = set()
    for i in sorted(rng.sample(range(len(rows)), how_many)):
        col = rng.randrange(7)
        its = _without(its, rows[i], col, 7)
        removed.add(f"table3.{codes[i]}.{T3_COLUMNS[col].code}")
    back = parse_text(_capture(its), file="capture.txt")
    _assert_no_wrong_cell(report, back, removed)
    assert sum("只印出 6 个数" in n for n in back.notes) == how_many


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from(["2019", "2021"]))
def test_table4_with_a_vanished_cell_reads_without_a_wrong_cell(seed: int, version: str) -> None:
    rng = random.Random(seed)
    report = _report(seed, version)
    its = items(report)
    last = max(i for i, (kind, cells) in enumerate(its) if kind == "r" and len(cells) == 15)
    col = rng.randrange(15)
    its = _without(its, last, col, 15)
    back = parse_text(_capture(its), file="capture.txt")
    group, column = T4_GROUPS[col // 5], T4_COLUMNS[col % 5]
    _assert_no_wrong_cell(report, back, {f"table4.{group.code}.{column.code}"})
    assert any("只印出 14 个数" in n for n in back.notes)


def test_all_zero_row_keeps_its_zeros_as_zero_or_blank() -> None:
    """Six 0s for seven cells: every cell is 0 or the vanished blank, so none is given as a plain number."""
    for seed in range(40):
        report = _report(seed, "2021")
        its = items(report)
        rows = _t3_row_values(its)
        zero = [
            i for i, r in zip(rows, report.table3_rows, strict=True) if all(c.value == 0 for c in report.table3[r.code])
        ]
        if zero:
            break
    else:
        raise AssertionError("no random report with an all-zero table 三 row")
    index = rows.index(zero[0])
    row = report.table3_rows[index]
    its = _without(its, zero[0], 5, 7)  # the capture printed “0 0 0 0 0 0”
    back = parse_text(_capture(its), file="capture.txt")
    cells = back.table3[row.code]
    assert all(c.value == 0 or c.candidates == (0,) for c in cells), cells
    assert sum(c.candidates == (0,) or c.value == 0 for c in cells) == 7
    assert any(row.label in n and "只印出 6 个数" in n for n in back.notes)
    _assert_no_wrong_cell(report, back, {f"table3.{row.code}.{T3_COLUMNS[5].code}"})


def _placements(printed: str) -> list[tuple]:
    tokens, _ = tokenize(printed)
    readings = short_row_readings(tokens, [CellKind.COUNT] * 7, T3_GROUPS)
    return [tuple(p.value if p else None for p in r) for r in readings]


def test_short_row_placements_keep_the_row_rule_with_blank_logic() -> None:
    # 3+1 < 5: a blank addend anywhere can absorb the gap of 1, or the blank is the total (5 an addend)
    assert len(_placements("3 1 0 0 0 5")) == 7
    # 3+1+0+0+0 > 3 whatever the blank addend: only a blank total (3 then an applicant cell) is possible
    assert _placements("3 1 0 0 0 3") == [(3, 1, 0, 0, 0, 3, None)]
    # a leading zero is no cell: “00” cannot be placed whole
    assert _placements("0 0 0 0 0 00") == []
    assert not sums_hold((5, 1, 0, 0, 0, None, 4), T3_GROUPS)
    assert sums_hold((3, 1, 0, 0, 0, None, 5), T3_GROUPS)
    assert sums_hold((3, 1, 0, 0, 0, 5, None), T3_GROUPS)
