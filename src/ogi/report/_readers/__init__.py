"""Readers: turn a published report (text, HTML, PDF, DOCX, JSON) into a :class:`Report`.

Each reader registers itself under a kind; :func:`read` sniffs the content (never trusting the
extension alone), applies the size limit and dispatches. Readers that need an optional dependency raise
:class:`UnsupportedInput` with an install hint when it is missing.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .._errors import InputTooLarge, ReadError, UnsupportedInput, os_reason
from .._model import Report

#: Largest input any reader accepts, in bytes.
MAX_INPUT_BYTES = 50 * 1024 * 1024

Reader = Callable[[bytes, str], Report]
_READERS: dict[str, Reader] = {}
_loaded = False


def register(kind: str) -> Callable[[Reader], Reader]:
    def deco(fn: Reader) -> Reader:
        _READERS[kind] = fn
        return fn

    return deco


def sniff(data: bytes, name: str = "") -> str:
    """The kind of content in ``data``: pdf, docx, doc, html, json, or text."""
    head = data[:4096]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) and head[2:].decode("utf-16", "ignore").lstrip().startswith("{"):
        return "json"  # JSON saved as UTF-16 (Windows Notepad's “Unicode”)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<?xml", b"<table", b"<meta", b"<head", b"<body", b"<div")):
        return "html"
    if stripped.startswith(b"{"):
        return "json"
    if b"<table" in head.lower() or b"<html" in head.lower():
        return "html"
    if name.lower().endswith(".wps"):
        return "doc"
    return "text"


def _too_large(size: int) -> str:
    return f"文件过大（{size / 1024 / 1024:.0f} MB，上限 {MAX_INPUT_BYTES // 1024 // 1024} MB）"


def read_bytes(data: bytes, file: str) -> Report:
    """Read report content already in memory; ``file`` names it in errors."""
    if not data.strip():
        raise ReadError(file, "文件为空")
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLarge(
            file, f"文件过大（{len(data) // 1024 // 1024} MB，上限 {MAX_INPUT_BYTES // 1024 // 1024} MB）"
        )
    kind = sniff(data, file)
    _load_builtin_readers()
    reader = _READERS.get(kind)
    if reader is None:
        raise UnsupportedInput(file, f"不支持的文件类型（{kind}）")
    return reader(data, file)


def read(path: str | Path) -> Report:
    """Read the report in ``path``; raises :class:`ReadError` with a one-line Chinese message."""
    p = Path(path)
    name = str(path)
    try:
        info = p.stat()
        size, mode = info.st_size, info.st_mode
    except FileNotFoundError as exc:
        raise ReadError(name, "文件不存在") from exc
    except PermissionError as exc:
        raise ReadError(name, "没有读取该文件的权限") from exc
    except OSError as exc:
        raise ReadError(name, f"无法打开文件（{os_reason(exc)}）") from exc
    if p.is_dir():
        raise ReadError(name, "是文件夹，不是报告文件")
    if not stat.S_ISREG(mode):  # a FIFO or a device (/dev/zero) would be read forever
        raise ReadError(name, "不是普通文件（可能是管道或设备），无法作为报告读取")
    if size > MAX_INPUT_BYTES:
        raise InputTooLarge(name, _too_large(size))
    return read_bytes(_read_capped(p, name), name)


def _read_capped(path: Path, name: str) -> bytes:
    """The file's bytes, never more than the limit (a file may grow between stat and read)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise ReadError(name, f"无法读取文件（{os_reason(exc)}）") from exc
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLarge(name, _too_large(len(data)))
    return data


def read_stream(stream: BinaryIO, name: str = "<标准输入>") -> Report:
    """Read a report from a stream (standard input), never taking more than the limit into memory."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLarge(name, f"输入过大（超过 {MAX_INPUT_BYTES // 1024 // 1024} MB 上限）")
    return read_bytes(data, name)


def _load_builtin_readers() -> None:
    """Import the reader modules so that they register (lazily: PDF/DOCX libraries are heavy)."""
    global _loaded
    if _loaded:
        return
    import importlib

    for module in ("_json_reader", "_text", "_html", "pdf", "_docx"):
        try:
            importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith(__name__):
                continue  # reader not built yet
            raise
    _loaded = True


def kinds() -> list[str]:
    _load_builtin_readers()
    return sorted(_READERS)
