"""The PDF looks like a 公文 (GB/T 9704): its typefaces, the 28-character grid, line-breaking rules,
language, title and bookmarks — checked on the file and on its pages rendered to images."""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pymupdf
import pytest
from fontTools.ttLib import TTFont

from ogi.report._writers import _pdf_fonts
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
NOTO = Path("/usr/share/fonts/opentype/noto")
needs_noto = pytest.mark.skipif(
    not (NOTO / "NotoSerifCJK-Bold.ttc").is_file(), reason="fonts-noto-cjk 未安装（make test 会安装）"
)


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


def _embedded(doc: pymupdf.Document) -> dict[str, bytes]:
    """Each embedded font's name (subset tag and all) and its font file."""
    return {font[3]: doc.extract_font(font[0])[3] for page in doc for font in page.get_fonts()}


@needs_noto
def test_the_four_typefaces_are_embedded_by_name(pdf: pymupdf.Document) -> None:
    names = {name.partition("+")[2] for name in _embedded(pdf)}
    assert names == {
        "Noto Serif CJK SC Bold",  # 小标宋-like title
        "Noto Serif CJK SC Light" if (NOTO / "NotoSerifCJK-Light.ttc").is_file() else "Noto Serif CJK SC Regular",
        "Noto Sans CJK SC Medium" if (NOTO / "NotoSansCJK-Medium.ttc").is_file() else "Noto Sans CJK SC Regular",
        "AR PL UKai CN Book",  # 楷体 （一） sub-headings
    }


def test_fonts_are_subsets_of_the_characters_used(pdf: pymupdf.Document) -> None:
    """Every font is a subset: tagged “ABCDEF+”, and a CFF face (20 MB whole) holds only the glyphs of
    the characters the document sets in it."""
    used = {c for page in pdf for c in page.get_text() if not c.isspace()}
    for name, data in _embedded(pdf).items():
        assert re.fullmatch(r"[A-Z]{6}\+.+", name), name
        font = TTFont(io.BytesIO(data))
        if "CFF " in font:
            assert len(data) < 200_000, (name, len(data))
            assert 1 < len(font.getGlyphOrder()) <= len(used) + 2, name  # + .notdef and the space


def test_text_reads_back_exactly(pdf: pymupdf.Document) -> None:
    """The text drawn in the subset fonts extracts as it was written, each kind of text and the tables."""
    text = "".join("".join(page.get_text().split()) for page in pdf)
    title, subheading = "测试县人民政府2023年政府信息公开工作年度报告", "（一）加强组织领导。本年度调整了工作小组。"
    for part in (title, LONG, "一、总体情况", subheading):
        assert part in text
    assert "五、存在的主要问题及改进情况存在的问题是公开不够及时。" in text
    assert "— 1 —" in pdf[0].get_text()


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


@needs_noto
def test_glyphs_are_drawn_as_in_the_whole_faces(pdf: pymupdf.Document) -> None:
    """The first page drawn from the PDF matches the same characters drawn in the whole faces: a subset
    whose glyph numbers went astray draws other glyphs, or none, while its text still extracts."""
    page = pdf[0]
    fonts = {face(kind).font.name[:20]: face(kind).font for kind in Typeface}  # span font names are cut
    whole = pymupdf.open().new_page(width=page.rect.width, height=page.rect.height)
    spans = [s for b in page.get_text("rawdict")["blocks"] for line in b.get("lines", []) for s in line["spans"]]
    compared = []
    for span in spans:
        font = next((f for name, f in fonts.items() if span["font"].startswith(name)), None)
        if font is None or not span["chars"]:
            continue
        writer = pymupdf.TextWriter(whole.rect)
        for ch in span["chars"]:
            writer.append(ch["origin"], ch["c"], font=font, fontsize=span["size"])
        writer.write_text(whole)
        compared.append(pymupdf.Rect(span["bbox"]))
    assert len({span["font"] for span in spans}) >= 3  # title, body, heading, sub-heading
    ink = differ = 0
    for rect in compared:
        ours, theirs = (p.get_pixmap(dpi=100, colorspace=pymupdf.csGRAY, clip=rect) for p in (page, whole))
        ink += sum(1 for v in theirs.samples if v < 128)
        differ += sum(1 for a, b in zip(ours.samples, theirs.samples, strict=True) if abs(a - b) > 64)
    assert ink > 5000
    assert differ < ink / 100, (differ, ink)


def test_a_page_renders_to_a_png_with_ink(pdf: pymupdf.Document) -> None:
    png = pdf[0].get_pixmap(dpi=96).tobytes("png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    pix = pymupdf.Pixmap(png)
    dark = sum(1 for v in pix.samples[:: pix.n] if v < 128)  # the red channel of each pixel
    assert dark > 0.01 * pix.width * pix.height


@pytest.fixture
def without_noto(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The faces as on a machine without fonts-noto-cjk."""
    installed = _pdf_fonts._find
    monkeypatch.setattr(_pdf_fonts, "_find", lambda name: None if name.startswith("Noto") else installed(name))
    face.cache_clear()
    yield
    monkeypatch.undo()
    face.cache_clear()


@pytest.mark.usefixtures("without_noto")
def test_without_noto_the_truetype_substitutes_stand_in() -> None:
    report = replace(seed_with_sections(SECTIONS), title="测试县人民政府2023年政府信息公开工作年度报告")
    data = render(report)[0]
    doc = pymupdf.open(stream=data, filetype="pdf")
    fonts = {font[3].partition("+")[2]: font[1] for page in doc for font in page.get_fonts()}
    assert {"AR PL UMing CN Light", "AR PL UKai CN Book"} <= set(fonts)  # 宋体-like title and body, 楷体
    assert set(fonts.values()) == {"ttf"}  # TrueType only, subset by MuPDF
    assert len(data) < 1_000_000
    text = "".join("".join(page.get_text().split()) for page in doc)
    assert "测试县人民政府2023年政府信息公开工作年度报告" in text and LONG in text
