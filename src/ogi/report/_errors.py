"""Exceptions of the report engine.

    ReportError                 base of everything the engine raises on purpose
    ├── ReadError               an input could not be read as a report (exit code 2 in the CLI)
    │   ├── UnsupportedInput    the file type is not one any reader handles, or a reader needs a
    │   │                       missing optional tool (LibreOffice for .doc)
    │   └── InputTooLarge       size, page or table limits exceeded
    ├── JSONFormatError         a report JSON document does not follow report-json.md
    └── UnresolvedCells         a report with cells whose number is not known was to be published

A broken sum is not an exception: it is a :class:`~ogi.report.Finding` with a severity.
"""

from __future__ import annotations

import errno

from ._model import Source

#: The operating system's reasons, in Chinese (its own strerror text is English).
_OS_REASONS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "是文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "符号链接循环",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统只读",
    errno.EIO: "读写出错",
    errno.EEXIST: "文件已存在",
}


def os_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in Chinese (“文件不存在”), never the English strerror."""
    return _OS_REASONS.get(exc.errno or 0, f"系统错误，代码 {exc.errno}" if exc.errno else "系统错误")


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


class UnresolvedCells(ReportError):
    """Rendering for print or screen refused: some cells' numbers are not known (several readings fit).

    ``notes`` has one Chinese line per cell (where it is, what was printed, the possible readings).
    """

    def __init__(self, notes: list[str]) -> None:
        self.notes = notes
        super().__init__(f"有 {len(notes)} 个单元格的数字无法确定，不能生成发布稿")
