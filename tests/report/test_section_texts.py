"""Sections printed with their tables only: stored as "" (present, no prose), printed with one heading."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import docx
import pymupdf
import pytest
from docx.oxml.ns import qn

from ogi.report import Report, read
from ogi.report._format import SECTIONS
from ogi.report._json import dumps, from_dict, loads, to_dict
from ogi.report._writers import write
from ogi.report._writers._layout import heading

from ..conftest import CORPUS, SEED

SHANGHAI = CORPUS / "shanghai" / "shanghai_bgt_2025_pdf2md.md"


@pytest.fixture(scope="module")
def seed() -> Report:
    return read(SEED)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _headings(report: Report) -> list[str]:
    return [heading(report, s) for s in SECTIONS]


def test_seed_tables_only_sections_are_empty_strings(seed: Report) -> None:
    assert [seed.sections[n] for n in "234"] == ["", "", ""]
    assert all(seed.sections[n] for n in "156")


def test_json_keeps_the_empty_sections(seed: Report) -> None:
    data = to_dict(seed)
    assert [data["sections"][n] for n in "234"] == ["", "", ""]
    back = loads(dumps(seed))
    assert dict(back.sections) == dict(seed.sections)
    assert dict(from_dict(data).sections) == dict(seed.sections)


@pytest.mark.parametrize("path", [SEED, SHANGHAI], ids=lambda p: p.name)
def test_markdown_prints_each_heading_once_and_no_empty_paragraph(path) -> None:
    report = read(path)
    text = write(report, "md", allow_unresolved=True).decode("utf-8")
    lines = text.splitlines()
    for n, h in zip("123456", _headings(report), strict=True):
        assert lines.count(f"## {h}") == 1, h
        assert _flat(text).count(_flat(h)) == 1, h
        at = lines.index(f"## {h}")
        following = next(line for line in lines[at + 1 :] if line.strip())
        if report.sections.get(n):
            assert following == report.sections[n].splitlines()[0].strip()
        else:  # straight to the table (or the next heading): nothing printed for ""
            assert following.startswith(("第二十条", "|", "## ")), following


def test_docx_prints_each_heading_once_and_no_empty_paragraph(seed: Report) -> None:
    document = docx.Document(io.BytesIO(write(seed, "docx")))
    body = list(document.element.body.iterchildren())
    texts = [("".join(t.text or "" for t in el.iter(qn("w:t"))), el.tag) for el in body]
    for n, h in zip("123456", _headings(seed), strict=True):
        at = [i for i, (t, tag) in enumerate(texts) if tag == qn("w:p") and t == h]
        assert len(at) == 1, h
        nxt_text, nxt_tag = texts[at[0] + 1]
        if n in "234":  # the table follows its heading directly
            assert nxt_tag == qn("w:tbl"), h
        else:
            assert nxt_tag == qn("w:p") and nxt_text.strip(), h
    all_text = _flat(" ".join(p.text for p in document.paragraphs))
    assert all(all_text.count(_flat(h)) == 1 for h in _headings(seed))


def test_pdf_prints_each_heading_once(seed: Report) -> None:
    with pymupdf.open(stream=write(seed, "pdf"), filetype="pdf") as doc:
        text = _flat("".join(page.get_text() for page in doc))
    for h in _headings(seed):
        assert text.count(_flat(h)) == 1, h


def test_html_prints_each_heading_once(seed: Report) -> None:
    page = write(seed, "html").decode("utf-8")
    for h in _headings(seed):
        assert page.count(h) == 1, h
    assert "<p></p>" not in page


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_a_section_text_that_repeats_its_heading_prints_it_once(seed: Report, fmt: str) -> None:
    """Reports stored by older readers kept a tables-only section's heading as its text."""
    old = replace(seed, sections={**seed.sections, **{s.number: s.heading for s in SECTIONS[1:4]}})
    data = write(old, fmt)
    if fmt == "pdf":
        with pymupdf.open(stream=data, filetype="pdf") as doc:
            text = _flat("".join(page.get_text() for page in doc))
    elif fmt == "docx":
        text = _flat(" ".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs))
    else:
        text = _flat(data.decode("utf-8"))
    for s in SECTIONS[1:4]:
        assert text.count(_flat(s.heading)) == 1, (fmt, s.heading)
