"""DOCX writer: the report as a Word document in 公文 style (GB/T 9704-2012), ready to edit and print.

A4 with the standard text block, title in 方正小标宋简体 二号, body in 仿宋_GB2312 三号 at a fixed 28.95 pt
pitch, headings in 黑体 and （一） sub-headings in 楷体_GB2312, page numbers “— 1 —” on the outer side.
Every CJK font is named in ``w:eastAsia`` (that is the name Word and WPS use for Chinese text) and
declared in the font table with an ``altName`` fallback (宋体, 仿宋, 楷体, SimHei) for machines without the
GB fonts. Tables 二, 三, 四 carry the official merged cells of :mod:`._grid`, with header rows repeated on
every page, in cells padded 1 mm, their text at a fixed pitch. Table 三 is broken over pages by the writer
itself (:mod:`._docx_pages` estimates where the text falls): one table a page, each with the header rows
and the group labels it continues, as the PDF writer prints them; Word and LibreOffice would leave a
merged label blank on the next page. Only python-docx's own parts are written, plus schema-ordered
property elements.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from .._format import REPORT_TITLE
from .._model import Report
from . import register
from ._cells import CellPrinter
from ._docx_pages import BODY_CONDENSE, BREAK_HEIGHT, CELL_MARGIN, TABLE_PITCH, BreakOn, Pages, docx_widths
from ._gongwen import (
    BODY_FONT,
    FONTS,
    HEADING_FONT,
    LINE_PITCH,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    NUMBER_FONT,
    PAGE_DASH,
    PAGE_HEIGHT_MM,
    PAGE_NUMBER_GAP_MM,
    PAGE_WIDTH_MM,
    SIGNOFF_DATE_INDENT,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    SIZE_5,
    SUBHEADING_FONT,
    TITLE_FONT,
    FontSpec,
    signoff_indent,
    split_subheading,
    title_lines,
)
from ._grid import TEXT_WIDTH, Grid, GridCell, report_grids
from ._layout import preamble, sections, signoff, title

# Style names as Word shows them, with ASCII style ids (what Word itself writes for non-Latin names).
STYLE_TITLE = "公文标题"
STYLE_HEADING = "公文一级标题"
STYLE_TABLE = "表格文字"
STYLE_PAGE_NUMBER = "公文页码"
_STYLE_IDS = {
    STYLE_TITLE: "OgiTitle",
    STYLE_HEADING: "OgiHeading1",
    STYLE_TABLE: "OgiTable",
    STYLE_PAGE_NUMBER: "OgiPageNumber",
}

_BORDER_SIZE = 4  # eighths of a point: 0.5 pt single lines


def _el(tag: str, **attrs: str) -> BaseOxmlElement:
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _set_fonts(rpr: BaseOxmlElement, font: FontSpec, latin: FontSpec | None = None) -> None:
    """Name ``font`` for East Asian text (w:eastAsia) and ``latin`` (default: the same) for the rest."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    latin_name = (latin or font).name
    rfonts.set(qn("w:ascii"), latin_name)
    rfonts.set(qn("w:hAnsi"), latin_name)
    rfonts.set(qn("w:eastAsia"), font.name)
    rfonts.set(qn("w:cs"), latin_name)
    rfonts.set(qn("w:hint"), "eastAsia")


# --------------------------------------------------------------------------- styles and fonts


def _declare_fonts(doc: DocxDocument) -> None:
    """Font-table entries with GB2312 charset and an altName, so a missing GB font falls back sensibly."""
    table = None
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            table = rel.target_part
    if table is None:
        return
    from lxml import etree

    root = etree.fromstring(table.blob)
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for spec in FONTS:
        if spec.name in known:
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), spec.name)
        for tag, value in (
            ("altName", spec.fallback),
            ("charset", "86"),
            ("family", spec.family),
            ("pitch", "variable"),
        ):
            etree.SubElement(font, qn(f"w:{tag}")).set(qn("w:val"), value)
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _doc_defaults(doc: DocxDocument) -> None:
    """East Asian defaults: body font, zh-CN language, no theme fonts that would override our names."""
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr, BODY_FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = _el("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _paragraph_style(
    doc: DocxDocument,
    name: str,
    font: FontSpec,
    size: float,
    *,
    align: WD_ALIGN_PARAGRAPH,
    pitch: float | None,
    indent_chars: int = 0,
    latin: FontSpec | None = None,
) -> ParagraphStyle:
    style = doc.styles[name] if name == "Normal" else doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        style.element.styleId = _STYLE_IDS[name]
        style.base_style = doc.styles["Normal"]
        style.quick_style = True
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    _set_fonts(rpr, font, latin)
    szcs = rpr.find(qn("w:szCs"))
    if szcs is None:
        rpr.append(_el("w:szCs", val=str(int(size * 2))))
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.widow_control = False
    if pitch is None:
        fmt.line_spacing = 1.0
    else:
        fmt.line_spacing = Pt(pitch)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.first_line_indent = Pt(size * indent_chars)
    ind = style.element.get_or_add_pPr().find(qn("w:ind"))
    if ind is not None:
        ind.set(qn("w:firstLineChars"), str(indent_chars * 100))
    return style


def _condense(style: ParagraphStyle, twentieths: int) -> None:
    """Character spacing (w:spacing in the run properties), placed where the schema orders it."""
    rpr = style.element.get_or_add_rPr()
    spacing = _el("w:spacing", val=str(twentieths))
    follower = next(
        (rpr.find(qn(t)) for t in ("w:w", "w:kern", "w:position", "w:sz") if rpr.find(qn(t)) is not None), None
    )
    if follower is not None:
        follower.addprevious(spacing)
    else:
        rpr.append(spacing)


def _off_grid(style: ParagraphStyle) -> ParagraphStyle:
    """Text not set on the line grid (w:snapToGrid off): the title, table cells, page numbers."""
    ppr = style.element.get_or_add_pPr()
    snap = _el("w:snapToGrid", val="0")
    order = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:jc", "w:outlineLvl")
    follower = next((ppr.find(qn(t)) for t in order if ppr.find(qn(t)) is not None), None)
    if follower is not None:
        follower.addprevious(snap)
    else:
        ppr.append(snap)
    return style


def _styles(doc: DocxDocument) -> None:
    _doc_defaults(doc)
    _declare_fonts(doc)
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    centre = WD_ALIGN_PARAGRAPH.CENTER
    normal = _paragraph_style(doc, "Normal", BODY_FONT, SIZE_3, align=justify, pitch=LINE_PITCH, indent_chars=2)
    _condense(normal, BODY_CONDENSE)
    # only body-size text is condensed onto the 28-character line: the others set their spacing back
    _condense(_off_grid(_paragraph_style(doc, STYLE_TITLE, TITLE_FONT, SIZE_2, align=centre, pitch=36)), 0)
    heading = _paragraph_style(
        doc, STYLE_HEADING, HEADING_FONT, SIZE_3, align=justify, pitch=LINE_PITCH, indent_chars=2
    )
    heading.paragraph_format.keep_with_next = True
    heading.element.get_or_add_pPr().append(_el("w:outlineLvl", val="0"))
    # table text at a fixed pitch: a row is as tall in Word, WPS and LibreOffice whatever font stands in
    _condense(_off_grid(_paragraph_style(doc, STYLE_TABLE, BODY_FONT, SIZE_5, align=centre, pitch=TABLE_PITCH)), 0)
    _condense(_off_grid(_paragraph_style(doc, STYLE_PAGE_NUMBER, NUMBER_FONT, SIZE_4, align=centre, pitch=None)), 0)


# --------------------------------------------------------------------------- page


def _page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(15)
    # the footer line's top sits PAGE_NUMBER_GAP_MM below the text block
    section.footer_distance = Mm(MARGIN_BOTTOM_MM - PAGE_NUMBER_GAP_MM) - Pt(SIZE_4)
    doc.settings.odd_and_even_pages_header_footer = True
    _document_grid(section)
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _document_grid(section: Section) -> None:
    """The 公文 line grid: 22 lines at the body pitch. The 28 characters a line come from the body's
    condensed character spacing (see ``BODY_CONDENSE``): a ``linesAndChars`` grid would do it in Word,
    but LibreOffice spreads such a grid to 14 characters a line."""
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = _el("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), _twips(LINE_PITCH))


def _page_number(paragraph: Paragraph, side: WD_ALIGN_PARAGRAPH) -> None:
    """“— N —” with N a PAGE field; odd pages right, even pages left, one character from the edge."""
    paragraph.style = STYLE_PAGE_NUMBER
    paragraph.alignment = side
    if side is WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = Pt(SIZE_4)
    else:
        paragraph.paragraph_format.left_indent = Pt(SIZE_4)
    paragraph.add_run(f"{PAGE_DASH} ")
    for kind, extra in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = _el("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = extra
            run._r.append(instr)
        elif kind == "text":
            run.text = extra or ""
        else:
            run._r.append(_el("w:fldChar", fldCharType=kind))
    paragraph.add_run(f" {PAGE_DASH}")


# --------------------------------------------------------------------------- content


def _title(doc: DocxDocument, text: str) -> int:
    """The title paragraph; returns its number of lines."""

    def fits(line: str) -> bool:
        wide = sum(0.5 if ch.isascii() else 1.0 for ch in line)
        return wide * SIZE_2 <= TEXT_WIDTH

    paragraph = doc.add_paragraph(style=STYLE_TITLE)
    lines = title_lines(text, fits)
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        if i:
            run._r.addprevious(_break())
    paragraph.paragraph_format.space_after = Pt(LINE_PITCH)
    return len(lines)


def _break() -> BaseOxmlElement:
    run = OxmlElement("w:r")
    run.append(_el("w:br"))
    return run


def _prose(doc: DocxDocument, text: str) -> Paragraph:
    head, rest = split_subheading(text)
    paragraph = doc.add_paragraph()
    if head:
        _set_fonts(paragraph.add_run(head)._r.get_or_add_rPr(), SUBHEADING_FONT)
    if rest:
        paragraph.add_run(rest)
    return paragraph


def _signoff(doc: DocxDocument, agency: str, when: str) -> None:
    """GB/T 9704 落款: one empty line under the text, the date four characters in from the right, the
    agency centred over the date."""
    doc.add_paragraph()
    for text, right in ((agency, signoff_indent(agency, when)), (when, SIGNOFF_DATE_INDENT)):
        if not text:
            continue
        paragraph = doc.add_paragraph(text)
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.first_line_indent = Pt(0)
        fmt.right_indent = Pt(SIZE_3 * right)
        fmt.keep_with_next = text is agency


def _table(doc: DocxDocument, grid: Grid) -> None:
    """Append ``grid`` as a w:tbl built directly: merged cells as gridSpan / vMerge, like Word writes them."""
    style_id = doc.styles[STYLE_TABLE].style_id
    tbl = _el("w:tbl")
    tblpr = _el("w:tblPr")
    widths = docx_widths(grid)
    tblpr.append(_el("w:tblW", w=str(round(sum(widths) * 20)), type="dxa"))
    tblpr.append(_el("w:jc", val="center"))
    borders = _el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", val="single", sz=str(_BORDER_SIZE), space="0", color="000000"))
    tblpr.append(borders)
    tblpr.append(_el("w:tblLayout", type="fixed"))
    margins = _el("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margins.append(_el(f"w:{side}", w=str(CELL_MARGIN), type="dxa"))
    tblpr.append(margins)
    tblpr.append(
        _el(
            "w:tblLook",
            val="0000",
            firstRow="0",
            lastRow="0",
            firstColumn="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
    )
    tbl.append(tblpr)
    tblgrid = _el("w:tblGrid")
    for width in widths:
        tblgrid.append(_el("w:gridCol", w=_twips(width)))
    tbl.append(tblgrid)

    starts = {(c.row, c.col): c for c in grid.cells}
    below: dict[tuple[int, int], GridCell] = {}  # positions continuing a vertical merge
    for c in grid.cells:
        for r in range(c.row + 1, c.row + c.rowspan):
            below[(r, c.col)] = c
    for r in range(grid.rows):
        tr = _el("w:tr")
        trpr = _el("w:trPr")
        trpr.append(_el("w:cantSplit"))
        if r < grid.header_rows:
            trpr.append(_el("w:tblHeader"))
        tr.append(trpr)
        col = 0
        while col < len(grid.widths):
            spec = starts.get((r, col))
            continued = below.get((r, col))
            if spec is None and continued is None:
                raise ValueError(f"grid hole at row {r} column {col}")
            owner = spec or continued
            assert owner is not None
            width = sum(widths[owner.col : owner.col + owner.colspan])
            tr.append(_tc(owner, width, style_id, continued=spec is None, keep=r in grid.keep_with_next))
            col += owner.colspan
        tbl.append(tr)
    doc.element.body.sectPr.addprevious(tbl)


def _twips(points: float) -> str:
    return str(round(points * 20))


def _tc(spec: GridCell, width: float, style_id: str, *, continued: bool, keep: bool) -> BaseOxmlElement:
    tc = _el("w:tc")
    tcpr = _el("w:tcPr")
    tcpr.append(_el("w:tcW", w=_twips(width), type="dxa"))
    if spec.colspan > 1:
        tcpr.append(_el("w:gridSpan", val=str(spec.colspan)))
    if spec.rowspan > 1:
        tcpr.append(_el("w:vMerge", val="restart") if not continued else _el("w:vMerge"))
    tcpr.append(_el("w:vAlign", val="center"))
    tc.append(tcpr)
    p = _el("w:p")
    ppr = _el("w:pPr")
    ppr.append(_el("w:pStyle", val=style_id))
    if keep:
        ppr.append(_el("w:keepNext"))
    if not spec.centred:
        ppr.append(_el("w:jc", val="left"))
    p.append(ppr)
    if spec.text and not continued:
        run = _el("w:r")
        text = _el("w:t")
        text.text = spec.text
        run.append(text)
        p.append(run)
    tc.append(p)
    return tc


def _spacer(doc: DocxDocument) -> Paragraph:
    """An empty line after a table, so the next heading does not touch the table's bottom border."""
    return doc.add_paragraph(style=STYLE_TABLE)


def _page_break(paragraph: Paragraph) -> None:
    """Make an empty paragraph 1 pt high that starts a new page: before a part of a table (Word honours a
    page break before a table row, LibreOffice only before a paragraph or a table)."""
    fmt = paragraph.paragraph_format
    fmt.page_break_before = True
    fmt.line_spacing = Pt(BREAK_HEIGHT)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    mark = _el("w:rPr")
    mark.append(_el("w:sz", val="2"))
    paragraph._p.get_or_add_pPr().append(mark)


@register("docx")
def write_docx(report: Report) -> bytes:
    """The report as DOCX bytes."""
    doc = Document()
    _styles(doc)
    _page(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    rels = doc.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype.endswith("/thumbnail")]:
        rels.pop(rid)  # the template's preview of an empty page
    props = doc.core_properties
    props.title = title(report)
    props.author = report.agency or ""
    props.subject = REPORT_TITLE
    props.comments = "由 OGI 生成"

    pages = Pages()  # where the text falls on the pages, to break table 三 where a page is full
    pages.title(_title(doc, title(report)))
    for text in preamble(report):
        _prose(doc, text)
        pages.paragraph(text)
    grids = report_grids(report)
    cells = CellPrinter(report)
    spacer = None  # the empty line under the last table, while nothing but a heading followed it
    for section, heading, paragraphs in sections(report):
        grid = grids.get(section.number)
        head = doc.add_paragraph(heading, style=STYLE_HEADING)
        last = len(paragraphs) - 1 if grid is not None and grid.merged_body else -1  # right above table 三
        pages.heading(heading, grid if not paragraphs else paragraphs[0] if last == 0 else None)
        above = head  # the last paragraph above the table
        for i, text in enumerate(paragraphs):
            above = _prose(doc, text)
            pages.paragraph(text, last=i == last)
        if grid is None:
            continue
        plan = pages.table(grid)
        if plan.break_on in (BreakOn.HEADING, BreakOn.PARAGRAPH):
            (head if plan.break_on is BreakOn.HEADING else above).paragraph_format.page_break_before = True
        elif plan.break_on is BreakOn.SPACER and spacer is not None:
            _page_break(spacer)
        elif plan.break_on is BreakOn.SEPARATOR:
            _page_break(doc.add_paragraph(style=STYLE_TABLE))
        for i, part in enumerate(plan.parts):
            if i:
                _page_break(doc.add_paragraph(style=STYLE_TABLE))
            _table(doc, part)
        for note in cells.notes(f"table{section.number}"):
            doc.add_paragraph(note, style=STYLE_TABLE).alignment = WD_ALIGN_PARAGRAPH.LEFT
            pages.note(note)
        spacer = _spacer(doc)
        pages.spacer()
    closing = signoff(report)
    if closing is not None:
        _signoff(doc, *closing)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
