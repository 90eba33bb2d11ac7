"""Exceptions of the report engine.

    ReportError                 base of everything the engine raises on purpose
    ├── ReadError               an input could not be read as a report (exit code 2 in the CLI)
    │   ├── UnsupportedInput    the file type is not one any reader handles, or a reader needs a
    │   │                       missing optional tool (LibreOffice for .doc)
    │   └── InputTooLarge       size, page or table limits exceeded
    └── JSONFormatError         a report JSON document does not follow report-json.md

A broken sum is not an exception: it is a :class:`~ogi.report.Finding` with a severity.
"""

from __future__ import annotations

from ._model import Source


class ReportError(Exception):
    """Base class; ``str()`` is a one-line Chinese message fit for a user."""


class ReadError(ReportError):
    """An input could not be read; names the file and, when known, page, table, row and cell."""

    def __init__(self, file: str | None, message: str, *, where: Source | None = None) -> None:
        self.file = file
        self.message = message
        self.where = where
        location = where.describe() if where else ""
        prefix = file or "<输入>"
        if location and where is not None and where.file:
            prefix = location
        elif location:
            prefix = f"{prefix} {location}"
        super().__init__(f"{prefix}：{message}")


class UnsupportedInput(ReadError):
    pass


class InputTooLarge(ReadError):
    pass


class JSONFormatError(ReportError):
    pass
