"""Markdown writer: the whole report as readable text with pipe tables.

The output is plain enough to paste into a 政务公开 system or a mail, and regular enough that the text
reader reads it back to the same model (pinned by a round-trip test): one pipe table per 第二十条 block
of table 二 under its caption line, table 三 with one label column and its group labels on rows of their
own, table 四 with its three header rows flattened above the one data row. Cells print as
:mod:`._cells` says (blank empty, “/” kept, an unresolved number “？①” with its note under the table).
"""

from __future__ import annotations

from .._format import (
    T3_COLUMNS,
    T3_HEADER_NOTE,
    T3_OUTCOMES_LABEL,
    T4_COLUMNS,
    T4_GROUPS,
    T4_LITIGATION,
    T4_REVIEW,
    TABLE2,
)
from .._model import Report
from . import register
from ._cells import CellPrinter
from ._layout import preamble, sections, signoff, title


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "／") for c in cells) + " |"


def _rule(width: int) -> str:
    return "|" + "---|" * width


def table2_lines(report: Report, cells: CellPrinter) -> list[str]:
    lines: list[str] = []
    for block in TABLE2[report.format]:
        lines += [block.caption, ""]
        lines.append(_row([block.header, *(c.label for c in block.columns)]))
        lines.append(_rule(1 + len(block.columns)))
        for row in block.rows:
            values = [cells.text(f"table2.{row.code}.{c.code}") for c in block.columns]
            lines.append(_row([row.label, *values]))
        lines.append("")
    return lines


def table3_lines(report: Report, cells: CellPrinter) -> list[str]:
    lines = [_row([T3_HEADER_NOTE, *(c.label for c in T3_COLUMNS)]), _rule(1 + len(T3_COLUMNS))]
    in_outcomes = False
    previous_group = None
    for row in report.table3_rows:
        if row.is_outcome and not in_outcomes:
            lines.append(_row([T3_OUTCOMES_LABEL]))
            in_outcomes = True
        group = row.group.code if row.group else None
        if row.group is not None and group != previous_group:
            lines.append(_row([row.group.label]))
        previous_group = group
        lines.append(_row([row.label, *(cells.text(f"table3.{row.code}.{c.code}") for c in T3_COLUMNS)]))
    return [*lines, ""]


def table4_lines(report: Report, cells: CellPrinter) -> list[str]:
    width = len(T4_GROUPS) * len(T4_COLUMNS)
    span = len(T4_COLUMNS)
    top = [T4_REVIEW, *[""] * (span - 1), T4_LITIGATION, *[""] * (width - span - 1)]
    middle = [*[""] * span]
    for group in T4_GROUPS[1:]:
        middle += [group.label, *[""] * (span - 1)]
    labels = [c.label for _ in T4_GROUPS for c in T4_COLUMNS]
    values = [cells.text(f"table4.{g.code}.{c.code}") for g in T4_GROUPS for c in T4_COLUMNS]
    return [_row(top), _rule(width), _row(middle), _row(labels), _row(values), ""]


_TABLES = {"2": table2_lines, "3": table3_lines, "4": table4_lines}


def to_markdown(report: Report) -> str:
    """The report as Markdown text."""
    cells = CellPrinter(report)
    lines = [f"# {title(report)}", ""]
    for paragraph in preamble(report):
        lines += [paragraph, ""]
    for section, heading, paragraphs in sections(report):
        lines += [f"## {heading}", ""]
        for paragraph in paragraphs:
            lines += [paragraph, ""]
        if section.number in _TABLES:
            lines += _TABLES[section.number](report, cells)
            lines += [line for note in cells.notes(f"table{section.number}") for line in (note, "")]
    closing = signoff(report)
    if closing is not None:
        lines += [line for line in closing if line]
    return "\n".join(lines).rstrip("\n") + "\n"


@register("md")
def write_markdown(report: Report) -> bytes:
    return to_markdown(report).encode("utf-8")
