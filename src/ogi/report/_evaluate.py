"""Scoring a reader against hand-checked expected values (the corpus' ``X.expected.json`` files).

Every table cell of the expected file is compared with what the reader produced — numbers exactly, as
Decimals; a blank must stay blank; a cell the expected file lists as ``ambiguous`` also counts as right
when the reader flagged it ambiguous instead of guessing; a cell the reader did not produce at all is
wrong. The ERROR findings of ``check(report)`` are compared with the expected ``source_checks`` (the part
of each entry before “:”). Keys such as ``notes`` and ``source`` are ignored.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ._batch import read_report
from ._checks import Severity, check
from ._errors import os_reason
from ._files import evaluation_pairs
from ._format import T3_COLUMN_CODES
from ._json import _number_out
from ._model import Cell, Number, Report

#: Report-level fields compared for information (shown, but not counted in the cell accuracy).
META_FIELDS = ("format", "year", "agency")


@dataclass(frozen=True)
class WrongCell:
    path: str
    expected: Number | None
    got: Number | None
    note: str = ""  # “缺失”, “标记为不确定（可能为 1、10）” …

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "expected": _number_out(self.expected),
            "got": _number_out(self.got),
            "note": self.note,
        }


@dataclass(frozen=True)
class FileEvaluation:
    """How one file's reading compares with its expected values."""

    file: str
    expected_file: str
    cells: int = 0
    correct: int = 0
    wrong: tuple[WrongCell, ...] = ()
    missing_checks: tuple[str, ...] = ()  # expected errors the checker did not report
    unexpected_checks: tuple[str, ...] = ()  # errors reported that the expected file does not list
    meta_mismatches: tuple[tuple[str, Any, Any], ...] = ()  # (field, expected, got)
    error: str | None = None  # the file could not be read (or the expected file is broken)

    @property
    def accuracy(self) -> float:
        return self.correct / self.cells if self.cells else 0.0

    @property
    def checks_match(self) -> bool:
        return self.error is None and not self.missing_checks and not self.unexpected_checks

    @property
    def passed(self) -> bool:
        return self.error is None and self.cells > 0 and self.correct == self.cells and self.checks_match

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "expected_file": self.expected_file,
            "cells": self.cells,
            "correct": self.correct,
            "accuracy": round(self.accuracy, 6),
            "wrong": [w.to_dict() for w in self.wrong],
            "checks_match": self.checks_match,
            "missing_checks": list(self.missing_checks),
            "unexpected_checks": list(self.unexpected_checks),
            "meta_mismatches": [{"field": f, "expected": e, "got": g} for f, e, g in self.meta_mismatches],
            "error": self.error,
            "passed": self.passed,
        }


@dataclass(frozen=True)
class Evaluation:
    files: tuple[FileEvaluation, ...] = field(default_factory=tuple)

    @property
    def cells(self) -> int:
        return sum(f.cells for f in self.files)

    @property
    def correct(self) -> int:
        return sum(f.correct for f in self.files)

    @property
    def accuracy(self) -> float:
        return self.correct / self.cells if self.cells else 0.0

    @property
    def passed(self) -> bool:
        return bool(self.files) and all(f.passed for f in self.files)

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": [f.to_dict() for f in self.files],
            "cells": self.cells,
            "correct": self.correct,
            "accuracy": round(self.accuracy, 6),
            "checks_match": sum(1 for f in self.files if f.checks_match),
            "passed": self.passed,
        }


# --------------------------------------------------------------------------- comparison


def expected_cells(expected: Mapping[str, Any]) -> dict[str, Number | None]:
    """The cell paths and values of an expected file (table2, table3, table4 only)."""
    cells: dict[str, Number | None] = {}
    for code, value in (expected.get("table2") or {}).items():
        cells[f"table2.{code}"] = value
    for row, values in (expected.get("table3") or {}).items():
        for col, value in zip(T3_COLUMN_CODES, values, strict=True):
            cells[f"table3.{row}.{col}"] = value
    for code, value in (expected.get("table4") or {}).items():
        cells[f"table4.{code}"] = value
    return cells


def _has_cell(report: Report, path: str) -> bool:
    table, _, rest = path.partition(".")
    if table == "table3":
        return rest.rpartition(".")[0] in report.table3
    return rest in (report.table2 if table == "table2" else report.table4)


def _same(expected: Number | None, got: Number | None) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    return Decimal(str(expected)) == Decimal(str(got))


def compare_cell(path: str, expected: Number | None, cell: Cell | None, ambiguous_ok: bool) -> WrongCell | None:
    """None when the reader's cell is right; else what is wrong with it."""
    if cell is None:
        return WrongCell(path, expected, None, "缺失")
    if cell.ambiguous:
        if ambiguous_ok:
            return None
        options = "、".join(str(_number_out(v)) for v in cell.candidates)
        return WrongCell(path, expected, None, f"标记为不确定（可能为 {options}）")
    if _same(expected, cell.value):
        return None
    return WrongCell(path, expected, cell.value)


def compare(report: Report, expected: Mapping[str, Any], *, file: str = "", expected_file: str = "") -> FileEvaluation:
    """Compare a report read by a reader with its expected values and expected check errors."""
    ambiguous = set(expected.get("ambiguous") or ())
    wanted = expected_cells(expected)
    wrong = []
    for path, value in wanted.items():
        cell = report.cell(path) if _has_cell(report, path) else None
        problem = compare_cell(path, value, cell, path in ambiguous)
        if problem is not None:
            wrong.append(problem)
    got_errors = sorted({f.key for f in check(report) if f.severity is Severity.ERROR})
    want_errors = sorted({str(s).split(":", 1)[0].strip() for s in expected.get("source_checks") or ()})
    got_meta = {"format": report.format.value, "year": report.year, "agency": report.agency}
    meta = tuple(
        (name, expected[name], got_meta[name])
        for name in META_FIELDS
        if name in expected and expected[name] != got_meta[name]
    )
    return FileEvaluation(
        file=file,
        expected_file=expected_file,
        cells=len(wanted),
        correct=len(wanted) - len(wrong),
        wrong=tuple(wrong),
        missing_checks=tuple(k for k in want_errors if k not in got_errors),
        unexpected_checks=tuple(k for k in got_errors if k not in want_errors),
        meta_mismatches=meta,
    )


def load_expected(path: str | Path) -> dict[str, Any]:
    """An expected-value file, numbers as exact Decimals (integers stay int)."""
    return json.loads(Path(path).read_text(encoding="utf-8"), parse_float=Decimal)


def evaluate_file(report_path: str | Path, expected_path: str | Path) -> FileEvaluation:
    """Read ``report_path`` and compare it with ``expected_path``; an unreadable file scores 0."""
    file, expected_file = str(report_path), str(expected_path)
    try:
        expected = load_expected(expected_path)
        cells = len(expected_cells(expected))
    except OSError as exc:
        error = f"{expected_file}：预期值文件无法读取（{os_reason(exc)}）"
        return FileEvaluation(file, expected_file, error=error)
    except (ValueError, TypeError, AttributeError):
        return FileEvaluation(file, expected_file, error=f"{expected_file}：预期值文件不是有效的报告 JSON")
    report, error = read_report(report_path)
    if report is None:
        return FileEvaluation(file, expected_file, cells=cells, error=error)
    try:
        return compare(report, expected, file=file, expected_file=expected_file)
    except Exception:
        error = f"{file}：比对时发生意外错误（程序缺陷，请把该文件报告给维护者）"
        return FileEvaluation(file, expected_file, cells=cells, error=error)


def evaluate_dir(root: str | Path, *, on_done: Callable[[FileEvaluation], None] | None = None) -> Evaluation:
    """Evaluate every report under ``root`` that has an ``X.expected.json`` beside it."""
    results = []
    for report_path, expected_path in evaluation_pairs(root):
        results.append(evaluate_file(report_path, expected_path))
        if on_done:
            on_done(results[-1])
    return Evaluation(tuple(results))
