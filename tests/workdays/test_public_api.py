"""What the platform and the CLI code against, pinned so a change is deliberate; and the package stays plain."""

from __future__ import annotations

import ast
from pathlib import Path

import ogi.workdays

PACKAGE = Path(ogi.workdays.__file__).parent


def test_exported_names() -> None:
    assert sorted(ogi.workdays.__all__) == [
        "Calendar",
        "Deadline",
        "NoticeError",
        "UnknownYear",
        "YearNotice",
        "format_add",
        "format_notice",
        "parse_notice",
        "read_notice",
    ]
    assert all(hasattr(ogi.workdays, name) for name in ogi.workdays.__all__)


def test_imports_nothing_of_the_web_or_the_rest_of_ogi() -> None:
    imported: set[str] = set()
    for source in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
    assert "chinese_calendar" in imported
    outside = {name for name in imported if name.split(".")[0] not in {"__future__", "chinese_calendar"}}
    assert {name for name in outside if not name.startswith("ogi.workdays")} <= {
        "collections.abc",
        "dataclasses",
        "datetime",
        "bisect",
        "functools",
        "pathlib",
        "re",
        "unicodedata",
    }
