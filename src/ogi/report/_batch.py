"""Checking many report files: read + check each (in parallel), never stopping at a bad file.

The command line and (later) the web app's bulk upload both need the same thing: for each file, the
report and its findings, or the one-line reason it could not be read. A result is plain data that
crosses process boundaries and turns into JSON.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._checks import Finding, Severity, check
from ._errors import ReportError
from ._json import _number_out
from ._model import Report, Source
from ._readers import read, sniff


@dataclass(frozen=True)
class FileCheck:
    """The outcome of reading and checking one file: a report and findings, or an error."""

    file: str
    kind: str | None = None  # content kind as sniffed: text, html, pdf, docx, json …
    report: Report | None = None
    findings: tuple[Finding, ...] = ()
    error: str | None = None  # one-line Chinese reason the file could not be read

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def status(self) -> str:
        """Chinese one-word status: 无法读取 / 有错误 / 有提示 / 通过."""
        if self.error is not None:
            return "无法读取"
        if self.errors:
            return "有错误"
        return "有提示" if self.warnings else "通过"


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def read_report(path: str | Path) -> tuple[Report | None, str | None]:
    """(report, None) or (None, one-line Chinese error); never raises for a bad file."""
    try:
        return read(path), None
    except ReportError as exc:
        return None, one_line(str(exc))
    except Exception as exc:  # a reader bug must not end a batch: report it in one line
        return None, one_line(f"{path}：读取时发生意外错误（{type(exc).__name__}：{exc}）")


def _kind(path: Path) -> str | None:
    try:
        with path.open("rb") as fh:
            return sniff(fh.read(4096), path.name)
    except OSError:
        return None


def check_file(path: str | Path) -> FileCheck:
    """Read and check one file."""
    p = Path(path)
    report, error = read_report(p)
    if report is None:
        return FileCheck(str(path), _kind(p), error=error)
    try:
        findings = tuple(check(report))
    except Exception as exc:
        return FileCheck(str(path), _kind(p), report, error=one_line(f"{path}：校验时发生意外错误（{exc}）"))
    return FileCheck(str(path), _kind(p), report, findings)


def check_files(
    paths: Sequence[str | Path],
    *,
    jobs: int | None = None,
    on_done: Callable[[FileCheck], None] | None = None,
) -> list[FileCheck]:
    """Check every file, on all cores when there is more than one; results in the order given."""
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    if workers <= 1:
        results = []
        for path in paths:
            results.append(check_file(path))
            if on_done:
                on_done(results[-1])
        return results
    by_index: dict[int, FileCheck] = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(check_file, path): i for i, path in enumerate(paths)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # a worker that died (e.g. out of memory)
                result = FileCheck(str(paths[i]), error=one_line(f"{paths[i]}：处理时发生意外错误（{exc}）"))
            by_index[i] = result
            if on_done:
                on_done(result)
    return [by_index[i] for i in range(len(paths))]


# --------------------------------------------------------------------------- JSON form


def source_to_dict(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    fields = ("file", "page", "line", "table", "row", "column", "raw")
    return {k: getattr(source, k) for k in fields if getattr(source, k) is not None}


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """A finding as JSON-ready data (what ``ogi check --json`` prints)."""
    return {
        "key": finding.key,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "subject": finding.subject,
        "table": finding.table,
        "cells": list(finding.cells),
        "suggestion": {k: _number_out(v) for k, v in finding.suggestion.items()},
        "source": source_to_dict(finding.source),
        "location": finding.source.describe() if finding.source else None,
        "year": finding.year,
    }


def file_check_to_dict(result: FileCheck) -> dict[str, Any]:
    report = result.report
    return {
        "file": result.file,
        "kind": result.kind,
        "format": report.format.value if report else None,
        "agency": report.agency if report else None,
        "year": report.year if report else None,
        "status": result.status,
        "errors": result.errors,
        "warnings": result.warnings,
        "error": result.error,
        "findings": [finding_to_dict(f) for f in result.findings],
    }
