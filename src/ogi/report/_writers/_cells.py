"""How a table cell is printed, the same in Markdown, HTML, DOCX and PDF.

Three kinds of empty cell must never look alike in a published report:

- blank — not filled in: an empty cell;
- “/” — printed as a slash (or “-”, “无”) in the source: “/”;
- unresolved — the reader could not tell the number (several readings fit a printed digit run):
  “？” with a circled note number (“？①”), and a note under the table that lists the readings and the
  digits as printed. ``ogi render`` refuses such a report unless told to publish it anyway.
"""

from __future__ import annotations

from decimal import Decimal

from .._checks._messages import cell_label
from .._model import Number, Report

#: How a cell printed as a slash (or dash, or 无) in the source is printed.
SLASH_MARK = "/"
#: How a cell whose number could not be read is printed, before its note number.
UNRESOLVED_MARK = "？"
#: Most readings a note lists before it only counts them.
_LISTED_READINGS = 6
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def number(value: Number) -> str:
    """A number as printed: integers plain, amounts as decimals (never exponent notation)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def unresolved(report: Report) -> list[str]:
    """Paths of the cells whose number is not known for sure (ambiguous readings), in printed order."""
    return [path for path, cell in report.iter_cells() if cell.ambiguous]


def note_mark(index: int) -> str:
    """“①” for the first note … “⑳”, then “[21]”."""
    return _CIRCLED[index] if index < len(_CIRCLED) else f"[{index + 1}]"


class CellPrinter:
    """Prints the cells of one report and numbers its unresolved cells' notes in printed order."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.marks = {path: note_mark(i) for i, path in enumerate(unresolved(report))}

    def text(self, path: str) -> str:
        cell = self.report.cell(path)
        if path in self.marks:
            return UNRESOLVED_MARK + self.marks[path]
        if cell.value is None:
            return SLASH_MARK if cell.slashed else ""
        return number(cell.value)

    def notes(self, table: str) -> list[str]:
        """The notes for the unresolved cells of ``table`` (“table3”), one line each."""
        return [self._note(path) for path in self.marks if path.startswith(table + ".")]

    def _note(self, path: str) -> str:
        """“注①：表二 … / 本年制发件数：无法确定，原文印作“77132470”，可能为7、77或771”."""
        cell = self.report.cell(path)
        label = cell_label(path, self.report.format)
        printed = f"，原文印作“{cell.raw}”" if cell.raw else ""
        values = [number(v) for v in cell.candidates]
        if len(values) <= _LISTED_READINGS:
            readings = "、".join(values[:-1]) + "或" + values[-1] if len(values) > 1 else "".join(values)
        else:
            readings = "、".join(values[:_LISTED_READINGS]) + f"等{len(values)}种"
        return f"注{self.marks[path]}：{label}：无法确定{printed}，可能为{readings}"
