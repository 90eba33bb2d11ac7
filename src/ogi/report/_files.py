"""Finding the report files in a folder, and the expected-value file beside each.

A folder of reports (a 政务公开 office's archive, the test corpus) also holds files that are not
reports: README and licence files, hidden files, ``X.expected.json`` answer files, JSON schemas. They are
skipped by name, so that checking a folder reports on the reports and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Listing:
    """The report files found under a folder, and what was passed over with the reason (Chinese)."""

    files: list[Path]
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def list_reports(root: str | Path) -> Listing:
    """Every report file under ``root``, recursively, sorted by path; hidden folders are passed over silently.

    Symlinked folders are followed once: a link back into its own ancestors (a loop), a second way into a
    folder already listed, a dangling link or an unreadable folder is listed as skipped, never silently lost.
    """
    base = Path(root)
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    seen: dict[tuple[int, int], Path] = {}
    stack: list[tuple[Path, tuple[tuple[int, int], ...]]] = []

    def enter(folder: Path, ancestors: tuple[tuple[int, int], ...]) -> None:
        try:
            info = folder.stat()
        except OSError:
            skipped.append((folder, "链接目标不存在或无法访问"))
            return
        key = (info.st_dev, info.st_ino)
        if key in ancestors:
            skipped.append((folder, "符号链接指向其上级文件夹（循环），已跳过"))
        elif key in seen:
            skipped.append((folder, f"与 {seen[key]} 是同一文件夹，已检查过"))
        else:
            seen[key] = folder
            stack.append((folder, (*ancestors, key)))

    enter(base, ())
    while stack:
        folder, ancestors = stack.pop()
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            skipped.append((folder, "无法打开文件夹"))
            continue
        for path in entries:
            if path.name.startswith("."):
                continue
            if path.is_dir():
                enter(path, ancestors)
            elif path.is_file():
                if is_report_file(path):
                    files.append(path)
            elif path.is_symlink() and is_report_file(path):
                skipped.append((path, "链接目标不存在"))
    files.sort()
    return Listing(files, skipped)


def report_files(root: str | Path) -> list[Path]:
    """Every report file under ``root`` (recursively, hidden folders skipped), sorted by path."""
    return list_reports(root).files


def expected_file_for(report: Path) -> Path:
    """``X.expected.json`` beside ``X.ext``."""
    return report.with_name(report.stem + EXPECTED_SUFFIX)


def evaluation_pairs(root: str | Path) -> list[tuple[Path, Path]]:
    """(report, expected) for every report under ``root`` that has an expected-value file beside it."""
    return [(p, expected_file_for(p)) for p in report_files(root) if expected_file_for(p).is_file()]
