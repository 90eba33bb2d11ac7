"""The public surface of ``ogi.report``: what callers may import, pinned so a change to it is deliberate."""

from __future__ import annotations

from types import ModuleType

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
    "MissingPart",
    "Number",
    "ReadError",
    "Report",
    "ReportError",
    "Severity",
    "Source",
    "UnresolvedCells",
    "UnsupportedInput",
    "WrongCell",
    "check",
    "check_file",
    "check_files",
    "check_series",
    "check_stream",
    "compare",
    "dumps",
    "evaluate_dir",
    "evaluate_file",
    "evaluation_pairs",
    "file_check_to_dict",
    "finding_to_dict",
    "from_dict",
    "iter_checks",
    "json_schema",
    "list_reports",
    "loads",
    "parse_text",
    "read",
    "read_bytes",
    "read_stream",
    "report_files",
    "statutory_deadline",
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
    public = sorted(
        name
        for name, value in vars(ogi.report).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
    )
    assert public == sorted(ogi.report.__all__)


def test_the_only_public_submodule_is_the_format_definition() -> None:
    """``ogi.report.format`` is the platform's view of the format definition; every other module is private."""
    import ogi.report.format

    modules = sorted(n for n, v in vars(ogi.report).items() if isinstance(v, ModuleType) and not n.startswith("_"))
    assert modules == ["format"]
    assert ogi.report.format.T3_OUTCOME_ROWS[0].code == "granted"
