"""Reports laid out by another office suite: LibreOffice exports varied Word layouts as PDF, HTML and .doc.

Real reports are drafted in Word or WPS and published as the PDF or web page those export. Random valid
reports (both formats, both （六） layouts) are written as DOCX, laid out as real ones are (narrow label
columns that wrap labels over two or three lines, other font sizes, tables with only an outer box or no
rules at all, header rows not repeated, table 三 pushed over a page break at different rows or set in a
landscape section; see :mod:`.office_variants`), converted by the real ``soffice`` — several documents
per call, one call per target — and read back: every table must be identical.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pymupdf
import pytest

from ogi.report import FormatVersion, Report, read_bytes, write
from ogi.report._generate import random_report
from ogi.report._readers._libreoffice import soffice

from .helpers import tables_of
from .office_variants import NO_RULES, OUTER_BOX, Variant, apply

VARIANTS = (
    Variant(label_scale=0.5, table_pt=9),
    Variant(label_scale=0.4, borders=OUTER_BOX, repeat_header=False, gap_before_t3=8),
    Variant(borders=NO_RULES, table_pt=12, body_pt=14, gap_before_t3=14),
    Variant(landscape_t3=True, borders=OUTER_BOX, table_pt=10.5),
    Variant(label_scale=0.6, gap_before_t3=20, repeat_header=False, body_pt=12),
    Variant(borders=NO_RULES, label_scale=0.5, landscape_t3=True),
    Variant(label_scale=0.45, borders=NO_RULES, table_pt=9, gap_before_t3=4, repeat_header=False),
)
#: Format and （六） layout of the three reports made for each variant.
LAYOUTS = ((FormatVersion.V2019, False), (FormatVersion.V2021, True), (FormatVersion.V2021, False))


def _cases() -> dict[str, tuple[Variant, Report]]:
    cases = {}
    for v, variant in enumerate(VARIANTS):
        for k, (version, split) in enumerate(LAYOUTS):
            report = random_report(random.Random(100 * v + k), version=version, split_other=split)
            cases[f"v{v}_{version.value}_{int(split)}"] = (variant, report)
    return cases


CASES = _cases()


def _convert(names: list[str], to: str, tmp_path: Path) -> Path:
    """Each case's DOCX converted to ``to`` in one soffice call; the directory holding the results."""
    exe = soffice()
    assert exe, "LibreOffice (soffice) is not installed: run `make test` as root or install libreoffice-writer-nogui"
    src = tmp_path / "docx"
    src.mkdir()
    for name in names:
        variant, report = CASES[name]
        (src / f"{name}.docx").write_bytes(apply(write(report, "docx"), variant))
    out = tmp_path / "out"
    subprocess.run(
        [
            exe,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            *(str(src / f"{name}.docx") for name in names),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out


def _misread(names: list[str], out: Path, ext: str) -> dict[str, object]:
    """The cases whose tables read back differently, with what differs (or the read error)."""
    wrong: dict[str, object] = {}
    for name in names:
        expected = tables_of(CASES[name][1])
        try:
            got = tables_of(read_bytes((out / f"{name}.{ext}").read_bytes(), f"{name}.{ext}"))
        except Exception as exc:  # a read error is a failure of this case, reported with the others
            wrong[name] = repr(exc)
            continue
        diffs = {
            f"{key}.{code}": (value, got[key].get(code))
            for key in ("table2", "table3", "table4")
            for code, value in expected[key].items()
            if got[key].get(code) != value
        }
        for key in ("format", "agency", "year"):
            if expected[key] != got[key]:
                diffs[key] = (expected[key], got[key])
        if diffs:
            wrong[name] = diffs
    return wrong


def test_libreoffice_pdf_of_varied_layouts_reads_back_the_same_tables(tmp_path: Path) -> None:
    names = list(CASES)
    out = _convert(names, "pdf", tmp_path)
    assert _misread(names, out, "pdf") == {}
    # the variants did what they say: a landscape page, and table 三 over a page break
    landscape = pymupdf.open(out / "v3_2019_0.pdf")
    assert any(page.rect.width > page.rect.height for page in landscape)
    pages = {c.source.page for _, c in read_bytes((out / "v1_2019_0.pdf").read_bytes(), "x").iter_cells()}
    assert len(pages) >= 3


def test_libreoffice_html_of_varied_layouts_reads_back_the_same_tables(tmp_path: Path) -> None:
    names = list(CASES)
    out = _convert(names, "html", tmp_path)
    assert b"style=" in (out / f"{names[0]}.html").read_bytes()  # Word-like markup with inline styles
    assert _misread(names, out, "html") == {}


def test_libreoffice_word97_doc_of_varied_layouts_reads_back_the_same_tables(tmp_path: Path) -> None:
    # reading a .doc converts it once more (to DOCX), so one report per variant
    names = [name for i, name in enumerate(CASES) if i % len(LAYOUTS) == (i // len(LAYOUTS)) % len(LAYOUTS)]
    out = _convert(names, "doc:MS Word 97", tmp_path)
    assert all((out / f"{name}.doc").read_bytes().startswith(b"\xd0\xcf\x11\xe0") for name in names)
    assert _misread(names, out, "doc") == {}


@pytest.mark.parametrize("variant", VARIANTS)
def test_variant_changes_the_document(variant: Variant) -> None:
    report = random_report(random.Random(1), version=FormatVersion.V2021)
    plain = write(report, "docx")
    assert apply(plain, variant) != apply(plain, Variant())
