"""Real LibreOffice: the DOCX writer's output opens and lays out in it, and legacy .doc files are read.

LibreOffice is a test dependency (``make test`` installs ``libreoffice-writer-nogui`` when run as root;
see the README). These tests run the real ``soffice``, not a stand-in.
"""

from __future__ import annotations

import io
import random
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from ogi.report import FormatVersion, Report, read_bytes, write
from ogi.report._format import T3_APPLICANTS, T3_GROUPS, T3_HEADER_NOTE, T3_LEGAL_PERSONS, T3_OUTCOMES_LABEL
from ogi.report._generate import random_report
from ogi.report._readers._libreoffice import soffice

from .helpers import seed_with_sections, tables_of


def _convert(data: bytes, suffix: str, to: str, tmp_path: Path) -> bytes:
    exe = soffice()
    assert exe, "LibreOffice (soffice) is not installed: run `make test` as root or install libreoffice-writer-nogui"
    src = tmp_path / f"report{suffix}"
    src.write_bytes(data)
    subprocess.run(
        [
            exe,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            to,
            "--outdir",
            str(tmp_path / "out"),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (tmp_path / "out" / f"report.{to.split(':')[0]}").read_bytes()


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_docx_laid_out_by_libreoffice_reads_back_the_same_tables(tmp_path: Path, version: str) -> None:
    report = random_report(random.Random(7), version=version, scale=300)
    pdf = _convert(write(report, "docx"), ".docx", "pdf", tmp_path)
    assert tables_of(read_bytes(pdf, "libreoffice.pdf")) == tables_of(report)


def test_legacy_doc_is_converted_and_read(tmp_path: Path) -> None:
    report = seed_with_sections({"1": "本年度报告依据《条例》编制。", "5": "存在的问题是宣传不够。", "6": "无。"})
    doc = _convert(write(report, "docx"), ".docx", "doc:MS Word 97", tmp_path)
    assert doc.startswith(b"\xd0\xcf\x11\xe0")  # an OLE2 Word 97 file, not a renamed DOCX
    assert tables_of(read_bytes(doc, "legacy.doc")) == tables_of(report)


def test_docx_body_lines_hold_28_characters_in_libreoffice(tmp_path: Path) -> None:
    """GB/T 9704's 28 三号 characters a line, as LibreOffice lays the DOCX out (27 at a plain 16 pt)."""
    import pymupdf

    long = "政务公开" * 30
    report = seed_with_sections({"1": long, "5": "存在的问题是宣传不够。", "6": "无。"})
    pdf = pymupdf.open(stream=_convert(write(report, "docx"), ".docx", "pdf", tmp_path), filetype="pdf")
    lines = [line.strip() for line in pdf[0].get_text().splitlines()]
    at = next(i for i, line in enumerate(lines) if line.startswith("政务公开"))
    assert [len(line) for line in lines[at : at + 5]] == [26, 28, 28, 28, 10]
    assert "".join(lines[at : at + 5]) == long


def _t3_breaks() -> dict[str, Report]:
    """Reports whose table 三 the writer breaks inside a group, at a group's first row, over three pages,
    and in the 2019 format: the first such among random reports with prose of 1 to 12 times the length
    (the prose moves the break through the table)."""
    kinds = {
        "inside a group": lambda parts, version: any(
            p[3][1] in GROUPS and not p[3][2].startswith("1.") for p in parts[1:]
        ),
        "at a group's start": lambda parts, version: any(
            p[3][1] in GROUPS and p[3][2].startswith("1.") for p in parts[1:]
        ),
        "three pages": lambda parts, version: len(parts) >= 3,
        "2019 format": lambda parts, version: len(parts) >= 2 and version is FormatVersion.V2019,
    }
    found: dict[str, Report] = {}
    for version in (FormatVersion.V2021, FormatVersion.V2019):
        report = random_report(random.Random(5), version=version, split_other=version is FormatVersion.V2021)
        for times in range(1, 13):
            longer = replace(report, sections={k: v * times for k, v in report.sections.items()})
            parts = _t3_parts(write(longer, "docx"))
            for kind, fits in kinds.items():
                if kind not in found and fits(parts, version):
                    found[kind] = longer
    assert set(found) == set(kinds)
    return found


GROUPS = {group.label for group in T3_GROUPS}


def _t3_parts(data: bytes) -> list[list[list[str]]]:
    """Table 三 as the DOCX holds it: one table a page, each row as its cells' texts."""
    from docx import Document

    parts = []
    for table in Document(io.BytesIO(data)).tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows[0][0] == T3_HEADER_NOTE:
            parts.append(rows)
    return parts


def test_table3_continued_on_the_next_page_repeats_its_header_and_group_labels(tmp_path: Path) -> None:
    """LibreOffice lays out the DOCX's table 三 parts one a page, as the writer planned: the page of each
    continuation shows the header again, “三、本年度办理结果” and the （三）…（六） label of the group that
    goes on, and every row of the part; the PDF reads back to the same cells."""
    import pymupdf

    exe = soffice()
    assert exe, "LibreOffice (soffice) is not installed"
    reports = {kind.replace(" ", "_").replace("'", ""): report for kind, report in _t3_breaks().items()}
    for name, report in reports.items():
        (tmp_path / f"{name}.docx").write_bytes(write(report, "docx"))
    subprocess.run(
        [exe, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"]
        + ["--convert-to", "pdf", "--outdir", str(tmp_path / "out")]
        + [str(tmp_path / f"{name}.docx") for name in reports],
        check=True,
        capture_output=True,
        timeout=300,
    )
    header = "".join(T3_HEADER_NOTE.split())
    for name, report in reports.items():
        parts = _t3_parts((tmp_path / f"{name}.docx").read_bytes())
        assert len(parts) >= 2, name  # the prose puts table 三 over a page break
        pdf = pymupdf.open(tmp_path / "out" / f"{name}.pdf")
        texts = ["".join(page.get_text().split()) for page in pdf]
        pages = [i for i, text in enumerate(texts) if header in text]
        assert len(pages) == len(parts), name  # each part on a page of its own, none broken again
        assert pages == list(range(pages[0], pages[0] + len(parts))), name
        for part, page in zip(parts[1:], pages[1:], strict=True):
            text = texts[page]
            assert all(label in text for label in (T3_APPLICANTS, T3_LEGAL_PERSONS, T3_OUTCOMES_LABEL)), name
            first = part[3]  # the continuation's first row: the labels it continues, printed again
            assert first[0] == T3_OUTCOMES_LABEL
            groups = [g.label for g in T3_GROUPS if g.label == first[1]]
            assert all(group in text for group in groups), name
            assert all("".join(row[2].split()) in text for row in part[3:]), name  # none of its rows lost
        assert tables_of(read_bytes((tmp_path / "out" / f"{name}.pdf").read_bytes(), f"{name}.pdf")) == tables_of(
            report
        ), name
