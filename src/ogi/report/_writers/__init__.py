"""Writers: render a :class:`Report` to JSON, Markdown, HTML, DOCX or PDF.

Each writer registers under its format name and returns bytes; the matching reader reads the output
back to the same model (pinned by round-trip tests).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from .._errors import ReportError, UnresolvedCells
from .._model import Report

Writer = Callable[[Report], bytes]
_WRITERS: dict[str, Writer] = {}
_MODULES = {"json": "_json_writer", "md": "_markdown", "html": "_html", "docx": "_docx", "pdf": "_pdf"}


def register(fmt: str) -> Callable[[Writer], Writer]:
    def deco(fn: Writer) -> Writer:
        _WRITERS[fmt] = fn
        return fn

    return deco


def write(report: Report, fmt: str, *, allow_unresolved: bool = False) -> bytes:
    """The report rendered as ``fmt`` (json, md, html, docx, pdf).

    A document for print or screen is not written with cells whose number is unknown (UnresolvedCells)
    unless ``allow_unresolved``: then each shows as “？①” with a note. JSON records them as they are.
    """
    if fmt not in _WRITERS and fmt in _MODULES:
        importlib.import_module(f"{__name__}.{_MODULES[fmt]}")
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ReportError(f"不支持的输出格式：{fmt}（可选：{'、'.join(_MODULES)}）")
    if fmt != "json" and not allow_unresolved:
        from ._cells import CellPrinter

        notes = [note for table in ("table2", "table3", "table4") for note in CellPrinter(report).notes(table)]
        notes += [f"{part.describe()}未读到（{part.reason}），其单元格为空" for part in report.missing]
        notes += [f"{path} 印作“{cell.raw}”，无法读作数值" for path, cell in report.unreadable.items()]
        if notes:
            raise UnresolvedCells(notes)
    return writer(report)


def formats() -> list[str]:
    return list(_MODULES)
