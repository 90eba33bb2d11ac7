"""The public surface of ``ogi.report``: what callers may import, pinned so a change to it is deliberate."""

from __future__ import annotations

import ogi.report

EXPECTED = [
    "Cell",
    "CellKind",
    "Evaluation",
    "FileCheck",
    "FileEvaluation",
    "Finding",
    "FormatVersion",
    "InputTooLarge",
    "JSONFormatError",
    "Line",
    "Number",
    "ReadError",
    "Report",
    "ReportError",
    "Severity",
    "Source",
    "UnsupportedInput",
    "WrongCell",
    "check",
    "check_file",
    "check_files",
    "check_series",
    "compare",
    "dumps",
    "evaluate_dir",
    "evaluate_file",
    "evaluation_pairs",
    "file_check_to_dict",
    "finding_to_dict",
    "from_dict",
    "json_schema",
    "loads",
    "parse_text",
    "read",
    "read_bytes",
    "report_files",
    "to_dict",
    "write",
]


def test_all_is_sorted_and_the_expected_list() -> None:
    assert ogi.report.__all__ == sorted(ogi.report.__all__)
    assert ogi.report.__all__ == EXPECTED


def test_every_exported_name_is_importable() -> None:
    missing = [name for name in ogi.report.__all__ if getattr(ogi.report, name, None) is None]
    assert missing == []
    namespace: dict[str, object] = {}
    exec("from ogi.report import *", namespace)  # a star import is what a caller relying on __all__ does
    assert sorted(k for k in namespace if not k.startswith("__")) == EXPECTED


def test_all_imports_are_exported() -> None:
    """httpx style: every public name the package binds is in ``__all__`` (nothing exported by accident)."""
    public = sorted(name for name in vars(ogi.report) if not name.startswith("_"))
    assert public == sorted(ogi.report.__all__)
