"""Checking many report files: read + check each (in parallel), never stopping at a bad file.

The command line and (later) the web app's bulk upload both need the same thing: for each file, the
report and its findings, or the one-line reason it could not be read. A result is plain data that
crosses process boundaries and turns into JSON.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from ._checks import Finding, Severity, check
from ._errors import ReportError
from ._json import _number_out
from ._model import Report, Source
from ._readers import MAX_INPUT_BYTES, read, read_stream, sniff


@dataclass(frozen=True)
class FileCheck:
    """The outcome of reading and checking one file: a report and findings, or an error."""

    file: str
    kind: str | None = None  # content kind as sniffed: text, html, pdf, docx, json …
    report: Report | None = None
    findings: tuple[Finding, ...] = ()
    error: str | None = None  # one-line Chinese reason the file could not be read
    skipped: str | None = None  # why a file found in a folder is no report and was passed over (Chinese)
    detail: str | None = None  # the exception behind an unexpected error, for ``--verbose`` and bug reports

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def status(self) -> str:
        """Chinese one-word status: 无法读取 / 有错误 / 有提示 / 通过."""
        if self.skipped is not None:
            return "已跳过"
        if self.error is not None:
            return "无法读取"
        if self.errors:
            return "有错误"
        return "有提示" if self.warnings else "通过"


def one_line(text: str) -> str:
    return " ".join(str(text).split())


def _exception(exc: BaseException) -> str:
    return one_line(f"{type(exc).__name__}: {exc}")


def read_report(path: str | Path) -> tuple[Report | None, str | None]:
    """(report, None) or (None, one-line Chinese error); never raises for a bad file."""
    report, error, _ = _read(path)
    return report, error


def _read(path: str | Path) -> tuple[Report | None, str | None, str | None]:
    """(report, Chinese error, exception detail): the detail only for a reader bug, never in the error."""
    try:
        return read(path), None, None
    except ReportError as exc:
        return None, one_line(str(exc)), None
    except Exception as exc:  # a reader bug must not end a batch: name the file, keep the exception apart
        return None, f"{path}：读取时发生意外错误（程序缺陷，请把该文件报告给维护者）", _exception(exc)


#: Keys of which a report JSON has at least one; a .json without any is some other file (package.json).
_REPORT_KEYS = frozenset({"format", "table2", "table3", "table4"})


def _foreign_json(path: Path) -> bool:
    """A .json file that is valid JSON but no report: skipped in a folder rather than called unreadable."""
    if path.suffix.lower() != ".json" or not _regular(path):
        return False
    try:
        with path.open("rb") as fh:
            document = json.loads(fh.read(MAX_INPUT_BYTES))
    except Exception:
        return False
    return not (isinstance(document, dict) and _REPORT_KEYS & document.keys())


def _regular(path: Path) -> bool:
    """Only a regular file is opened here: opening a FIFO blocks until someone writes to it."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _kind(path: Path) -> str | None:
    if not _regular(path):
        return None
    try:
        with path.open("rb") as fh:
            return sniff(fh.read(4096), path.name)
    except OSError:
        return None


def check_file(path: str | Path, *, skip_foreign: bool = False) -> FileCheck:
    """Read and check one file; with ``skip_foreign`` (files found in a folder) a .json that is no report
    is passed over and said so."""
    p = Path(path)
    report, error, detail = _read(p)
    if report is None:
        if skip_foreign and _foreign_json(p):
            return FileCheck(str(path), "json", skipped="不是报告 JSON（没有 format、table2、table3、table4），已跳过")
        return FileCheck(str(path), _kind(p), error=error, detail=detail)
    try:
        findings = tuple(check(report))
    except Exception as exc:
        error = f"{path}：校验时发生意外错误（程序缺陷，请把该文件报告给维护者）"
        return FileCheck(str(path), _kind(p), report, error=error, detail=_exception(exc))
    return FileCheck(str(path), _kind(p), report, findings)


def check_stream(stream: BinaryIO, name: str = "<标准输入>") -> FileCheck:
    """Read and check a report from a stream (``ogi check -``)."""
    try:
        report = read_stream(stream, name)
    except ReportError as exc:
        return FileCheck(name, error=one_line(str(exc)))
    return FileCheck(name, report=report, findings=tuple(check(report)))


def usable_workers(jobs: int | None, files: int) -> int:
    """Processes to use: never more than the cores (``-j 64`` on 2 cores was 7.5× slower and took 11 GB)."""
    cores = os.cpu_count() or 1
    return max(1, min(jobs or cores, cores, files))


def _ignore_interrupt() -> None:
    """Workers leave Ctrl-C to the parent, which stops them all at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def iter_checks(
    paths: Iterable[str | Path], *, jobs: int | None = None, count: int | None = None, skip_foreign: bool = False
) -> Iterator[FileCheck]:
    """Check every file, yielding results in the order given as soon as each is ready.

    At most a few files per worker are in flight, so memory stays flat however many files there are; on
    Ctrl-C (KeyboardInterrupt in the consumer) the workers are killed at once instead of finishing the queue.
    """
    paths = iter(paths)
    workers = usable_workers(jobs, count if count is not None else 1 << 30)
    work = partial(check_file, skip_foreign=skip_foreign)
    if workers <= 1:
        yield from map(work, paths)
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupt)
    window: deque[tuple[str | Path, Future[FileCheck]]] = deque()
    try:
        for path in paths:
            window.append((path, pool.submit(work, path)))
            if len(window) >= IN_FLIGHT_PER_WORKER * workers:
                yield _result(*window.popleft())
        while window:
            yield _result(*window.popleft())
    except BaseException:  # Ctrl-C, or the consumer stopped early (GeneratorExit)
        _stop(pool)
        raise
    pool.shutdown()


#: Files submitted ahead per worker: enough to keep every core busy, few enough to keep memory flat.
IN_FLIGHT_PER_WORKER = 4


def _result(path: str | Path, future: Future[FileCheck]) -> FileCheck:
    try:
        return future.result()
    except Exception as exc:  # a worker that died (e.g. out of memory)
        error = f"{path}：处理时发生意外错误（处理进程异常退出，可能是内存不足）"
        return FileCheck(str(path), error=error, detail=_exception(exc))


#: Set once workers were killed: the pool's manager thread may then wait forever on a result a killed worker
#: was writing, and Python joins that thread at exit; a command line ends with ``os._exit`` instead.
workers_killed = False


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the workers now (shutdown alone would wait for the running files)."""
    global workers_killed
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way to end them before 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.kill()
    workers_killed = bool(processes)


def check_files(
    paths: Sequence[str | Path],
    *,
    jobs: int | None = None,
    on_done: Callable[[FileCheck], None] | None = None,
) -> list[FileCheck]:
    """Check every file, on all cores when there is more than one; results in the order given."""
    results = []
    for result in iter_checks(paths, jobs=jobs, count=len(paths)):
        results.append(result)
        if on_done:
            on_done(result)
    return results


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
        "skipped": result.skipped,
        "detail": result.detail,
        "findings": [finding_to_dict(f) for f in result.findings],
    }
