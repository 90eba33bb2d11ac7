"""Real LibreOffice: the DOCX writer's output opens and lays out in it, and legacy .doc files are read.

LibreOffice is a test dependency (``make test`` installs ``libreoffice-writer-nogui`` when run as root;
see the README). These tests run the real ``soffice``, not a stand-in.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest

from ogi.report import read_bytes, write
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
