"""The shipped default template: a DOCX in GB/T 9704-2012 layout with docxtpl placeholders.

The same page geometry, type sizes and fonts as the report engine's DOCX writer (A4, text block 156 × 225 mm,
title in 方正小标宋简体 二号, body in 仿宋_GB2312 三号 at a fixed 28.95 pt pitch, “— 1 —” page numbers), built
with python-docx so that there is no binary in the repository. An administrator downloads it, changes it in Word
or WPS (keeping the ``{{ … }}`` placeholders they need) and uploads it for the agency.

Placeholders: agency, heading, number, addressee, paragraphs (a list), remedy, closing, date, contact.
"""

from __future__ import annotations

import io
from functools import cache

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
TEXT_HEIGHT_MM = PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]
SIZE_TITLE, SIZE_BODY, SIZE_PAGE_NUMBER = 22.0, 16.0, 14.0
LINE_PITCH = 28.95
TITLE_FONT, BODY_FONT, NUMBER_FONT = "方正小标宋简体", "仿宋_GB2312", "宋体"


def _fonts(run_or_style_rpr: object, name: str) -> None:
    rfonts = run_or_style_rpr.get_or_add_rFonts()  # type: ignore[attr-defined]
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), name)
    rfonts.set(qn("w:hint"), "eastAsia")


def _paragraph(doc: Document, text: str, *, align: WD_ALIGN_PARAGRAPH | None = None, indent: int = 2,
               right_chars: int = 0, font: str = BODY_FONT, size: float = SIZE_BODY) -> None:  # fmt: skip
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    if align is not None:
        p.alignment = align
    fmt.first_line_indent = Pt(SIZE_BODY * indent)
    if right_chars:
        fmt.right_indent = Pt(SIZE_BODY * right_chars)
    if text:
        run = p.add_run(text)
        run.font.size = Pt(size)
        _fonts(run._r.get_or_add_rPr(), font)


def _page_number(paragraph: object, align: WD_ALIGN_PARAGRAPH) -> None:
    paragraph.alignment = align  # type: ignore[attr-defined]
    paragraph.add_run("— ")  # type: ignore[attr-defined]
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = paragraph.add_run()  # type: ignore[attr-defined]
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        elif kind == "text":
            run.text = "1"
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
    paragraph.add_run(" —")  # type: ignore[attr-defined]
    for run in paragraph.runs:  # type: ignore[attr-defined]
        run.font.size = Pt(SIZE_PAGE_NUMBER)
        _fonts(run._r.get_or_add_rPr(), NUMBER_FONT)


@cache
def default_template() -> bytes:
    doc = Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(SIZE_BODY)
    _fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    pf = normal.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing = Pt(LINE_PITCH)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.widow_control = False

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = Mm(MARGINS_MM["bottom"] - 7) - Pt(SIZE_PAGE_NUMBER)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)

    centre, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    title = doc.add_paragraph()
    title.alignment = centre
    title.paragraph_format.line_spacing = Pt(36)
    for i, text in enumerate(("{{ agency }}", "{{ heading }}")):
        run = title.add_run(text)
        run.font.size = Pt(SIZE_TITLE)
        _fonts(run._r.get_or_add_rPr(), TITLE_FONT)
        if i == 0:
            run.add_break()
    _paragraph(doc, "{{ number }}", align=centre, indent=0)
    _paragraph(doc, "", indent=0)
    _paragraph(doc, "{{ addressee }}：", indent=0)
    _paragraph(doc, "{%p for p in paragraphs %}")
    _paragraph(doc, "{{ p }}")
    _paragraph(doc, "{%p endfor %}")
    _paragraph(doc, "{%p if remedy %}")
    _paragraph(doc, "{{ remedy }}")
    _paragraph(doc, "{%p endif %}")
    _paragraph(doc, "{{ closing }}")
    _paragraph(doc, "", indent=0)
    _paragraph(doc, "", indent=0)
    _paragraph(doc, "{{ agency }}", align=right, indent=0, right_chars=4)
    _paragraph(doc, "{{ date }}", align=right, indent=0, right_chars=4)  # GB/T 9704: 成文日期右空四字
    _paragraph(doc, "{%p if contact %}")
    _paragraph(doc, "（{{ contact }}）")  # 附注: in brackets, two characters in
    _paragraph(doc, "{%p endif %}")
    props = doc.core_properties
    props.title, props.comments = "政府信息公开文书", "OGI 文书模板（docxtpl 占位符）"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
