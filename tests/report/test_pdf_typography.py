"""The PDF looks like a 公文 (GB/T 9704): its typefaces, the 28-character grid, line-breaking rules,
language, title and bookmarks — checked on the file and on its pages rendered to images."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pymupdf
import pytest

from ogi.report._writers._layout import sections
from ogi.report._writers._pdf import BODY, GRID_PITCH, render
from ogi.report._writers._pdf_fonts import Typeface, face

from .helpers import seed_with_sections

LONG = "政务公开" * 30  # no punctuation: every line but the last is full
SECTIONS = {
    "1": LONG + "\n（一）加强组织领导。本年度调整了工作小组。",
    "5": "存在的问题是公开不够及时。",
    "6": "本年度未收取信息处理费。",
}
CLOSING = set("，。、；：？！）》」』”’")


@pytest.fixture(scope="module")
def pdf() -> pymupdf.Document:
    report = replace(seed_with_sections(SECTIONS), title="测试县人民政府2023年政府信息公开工作年度报告")
    return pymupdf.open(stream=render(report)[0], filetype="pdf")


def _lines(doc: pymupdf.Document) -> list[tuple[str, set[str], list[float]]]:
    """(text, fonts, character x origins) of every body text line, in reading order."""
    out = []
    for page in doc:
        rows: dict[float, list[tuple[float, str, str]]] = {}
        for block in page.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    for ch in span["chars"]:
                        if BODY.y0 <= ch["origin"][1] <= BODY.y1 and BODY.x0 - 1 <= ch["origin"][0] <= BODY.x1:
                            rows.setdefault(round(ch["origin"][1], 1), []).append(
                                (ch["origin"][0], ch["c"], span["font"])
                            )
        for _y, chars in sorted(rows.items()):
            chars.sort()
            out.append(("".join(c for _, c, _ in chars), {f for _, _, f in chars}, [x for x, _, _ in chars]))
    return out


def test_the_four_typefaces_are_embedded_by_name(pdf: pymupdf.Document) -> None:
    names = {font[3].partition("+")[2] or font[3] for page in pdf for font in page.get_fonts()}
    assert "AR PL UMing CN Light" in names  # 宋体-like title and body
    assert "AR PL UKai CN Book" in names  # 楷体 （一） sub-headings
    heading = face(Typeface.HEADING).font.name
    assert heading in names and heading != face(Typeface.BODY).font.name  # 黑体-like 一、 headings


def test_each_kind_of_text_is_set_in_its_typeface(pdf: pymupdf.Document) -> None:
    lines = _lines(pdf)

    def fonts_of(start: str) -> set[str]:
        return next(fonts for text, fonts, _ in lines if text.startswith(start))

    def named(fonts: set[str], kind: Typeface) -> bool:  # span font names are cut at 24 characters
        return any(face(kind).font.name.startswith(f[:20]) for f in fonts)

    assert named(fonts_of("一、总体情况"), Typeface.HEADING) and len(fonts_of("一、总体情况")) == 1
    assert named(fonts_of("政务公开"), Typeface.BODY) and len(fonts_of("政务公开")) == 1
    sub = fonts_of("（一）加强组织领导")  # 楷体 sub-heading, then the body face on the same line
    assert named(sub, Typeface.SUBHEADING) and named(sub, Typeface.BODY)


def test_body_lines_hold_28_characters_on_the_grid(pdf: pymupdf.Document) -> None:
    lines = [(t, xs) for t, _, xs in _lines(pdf)]
    at = next(i for i, (t, _) in enumerate(lines) if t.startswith("政务公开"))
    paragraph = lines[at : at + 5]
    assert "".join(t for t, _ in paragraph) == LONG
    assert [len(t) for t, _ in paragraph] == [26, 28, 28, 28, 10]  # a two-character indent, then 28 a line
    full = paragraph[1:-1]
    for _, xs in full:
        steps = [b - a for a, b in itertools.pairwise(xs)]
        assert all(abs(step - GRID_PITCH) < 0.2 for step in steps)
        assert abs(xs[0] - BODY.x0) < 1 and xs[-1] + GRID_PITCH <= BODY.x1 + 1


@pytest.mark.parametrize("mark", ["，", "。", "）", "》", "”"])
@pytest.mark.parametrize("at", [25, 26, 27, 53, 54])
def test_no_line_starts_with_closing_punctuation(mark: str, at: int) -> None:
    """The closing mark falls just where a line would break: the character before it moves down too."""
    text = "甲" * at + mark + "乙" * 40
    report = seed_with_sections({"1": text, "5": "存在的问题是宣传不够。", "6": "无。"})
    doc = pymupdf.open(stream=render(report)[0], filetype="pdf")
    lines = [t for t, _, _ in _lines(doc) if set(t) <= {"甲", "乙", mark}]
    assert "".join(lines) == text
    assert not any(line[0] in CLOSING for line in lines), lines
    assert all(len(line) <= 28 for line in lines)


def test_language_title_and_a_bookmark_for_each_section(pdf: pymupdf.Document) -> None:
    assert pdf.xref_get_key(pdf.pdf_catalog(), "Lang") == ("string", "zh-CN")
    assert pdf.metadata["title"] == "测试县人民政府2023年政府信息公开工作年度报告"
    toc = pdf.get_toc()
    report = seed_with_sections(SECTIONS)
    assert [entry[1] for entry in toc] == [heading for _, heading, _ in sections(report)]
    for level, heading, page in toc:
        assert level == 1
        assert heading in "".join(pdf[page - 1].get_text().split())


def _ink(pix: pymupdf.Pixmap, y0: float, y1: float) -> int:
    """Dark pixels between two heights (points; the pixmap is at 72 dpi)."""
    return sum(1 for y in range(int(y0), int(y1)) for x in range(pix.width) if pix.pixel(x, y)[0] < 160)


def _ink(pix: pymupdf.Pixmap, y0: float, y1: float) -> int:
    """Dark pixels between two heights (points; the pixmap is at 72 dpi)."""
    return sum(1 for y in range(int(y0), int(y1)) for x in range(pix.width) if pix.pixel(x, y)[0] < 160)


def test_pages_render_with_title_text_and_page_numbers(pdf: pymupdf.Document) -> None:
    """Each page drawn to an image: ink in the text block, and the “— N —” band under it."""
    for page in pdf:
        pix = page.get_pixmap(dpi=72, colorspace=pymupdf.csGRAY)
        assert pix.width == pytest.approx(210 / 25.4 * 72, abs=1)
        assert pix.height == pytest.approx(297 / 25.4 * 72, abs=1)
        assert _ink(pix, BODY.y0, BODY.y1) > 100
        assert _ink(pix, BODY.y1 + 10, BODY.y1 + 40) > 5  # the page number
        assert _ink(pix, 0, BODY.y0 - 20) == 0  # nothing in the top margin
    first = pdf[0].get_pixmap(dpi=72, colorspace=pymupdf.csGRAY)
    assert _ink(first, BODY.y0, BODY.y0 + 36) > 50  # the title
