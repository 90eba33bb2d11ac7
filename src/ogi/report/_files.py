"""Finding the report files in a folder, and the expected-value file beside each.

A folder of reports (a 政务公开 office's archive, the test corpus) also holds files that are not
reports: README and licence files, hidden files, ``X.expected.json`` answer files, JSON schemas. They are
skipped by name, so that checking a folder reports on the reports and nothing else.
"""

from __future__ import annotations

from pathlib import Path

#: Extensions of files that may hold a report (content is still sniffed when read).
REPORT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".doc", ".wps", ".json"})
EXPECTED_SUFFIX = ".expected.json"
_NOT_REPORTS = ("readme", "license", "licence", "changelog", "notice", "copying", "authors", "contributing")
_NOT_REPORT_SUFFIXES = (EXPECTED_SUFFIX, ".schema.json")


def is_report_file(path: Path) -> bool:
    """True for a file that may hold a report (by name: extension, not an answer/readme/hidden file)."""
    name = path.name.lower()
    if name.startswith((".", "~$")) or path.suffix.lower() not in REPORT_SUFFIXES:
        return False
    if name.endswith(_NOT_REPORT_SUFFIXES):
        return False
    return not path.stem.lower().startswith(_NOT_REPORTS)


def report_files(root: str | Path) -> list[Path]:
    """Every report file under ``root`` (recursively, hidden folders skipped), sorted by path."""
    base = Path(root)
    found = []
    for path in sorted(base.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(base).parts[:-1]):
            continue
        if path.is_file() and is_report_file(path):
            found.append(path)
    return found


def expected_file_for(report: Path) -> Path:
    """``X.expected.json`` beside ``X.ext``."""
    return report.with_name(report.stem + EXPECTED_SUFFIX)


def evaluation_pairs(root: str | Path) -> list[tuple[Path, Path]]:
    """(report, expected) for every report under ``root`` that has an expected-value file beside it."""
    return [(p, expected_file_for(p)) for p in report_files(root) if expected_file_for(p).is_file()]
