"""Layouts real reports have that our DOCX writer never makes, built by post-processing its XML.

Word and WPS users narrow the label columns, change font sizes, drop the inner rules or all rules of a
table, stop repeating header rows, push table 三 over a page break or put it in a landscape section.
Each :class:`Variant` applies such choices to the writer's DOCX with python-docx, so LibreOffice (a
second, independent layout engine) can export it as PDF, HTML or .doc for the readers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

#: Border choices for the tables: every rule, only the outer box, or none at all.
ALL_RULES, OUTER_BOX, NO_RULES = "all", "box", "none"


@dataclass(frozen=True)
class Variant:
    """One way of laying out the writer's document; the defaults change nothing."""

    label_scale: float = 1.0  # width factor of each table's first (label) column(s); the rest take the slack
    table_pt: float | None = None  # font size of table text
    body_pt: float | None = None  # font size of the body prose
    borders: str = ALL_RULES
    repeat_header: bool = True
    gap_before_t3: int = 0  # empty paragraphs before table 三 (moves its page break through its rows)
    landscape_t3: bool = False


def _set_size(style_element, size: float) -> None:
    rpr = style_element.get_or_add_rPr()
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), str(round(size * 2)))


def _borders(tbl, kind: str) -> None:
    borders = tbl.tblPr.find(qn("w:tblBorders"))
    for side in borders:
        inner = side.tag in (qn("w:insideH"), qn("w:insideV"))
        if kind == NO_RULES or (kind == OUTER_BOX and inner):
            for attr in list(side.attrib):
                del side.attrib[attr]
            side.set(qn("w:val"), "nil")


def _narrow_labels(tbl, scale: float) -> None:
    """Scale the label column(s) (those wider than a number column) and spread the slack over the rest."""
    cols = tbl.tblGrid.findall(qn("w:gridCol"))
    widths = [int(c.get(qn("w:w"))) for c in cols]
    narrow = min(widths)
    labels = [i for i, w in enumerate(widths) if w > 1.5 * narrow]
    if not labels or len(labels) == len(widths):
        return
    new = list(widths)
    for i in labels:
        new[i] = round(widths[i] * scale)
    slack = sum(widths) - sum(new)
    others = [i for i in range(len(widths)) if i not in labels]
    for i in others:
        new[i] += slack // len(others)
    for c, w in zip(cols, new, strict=True):
        c.set(qn("w:w"), str(w))
    for tr in tbl.findall(qn("w:tr")):
        col = 0
        for tc in tr.findall(qn("w:tc")):
            span_el = tc.tcPr.find(qn("w:gridSpan"))
            span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
            tc.tcPr.find(qn("w:tcW")).set(qn("w:w"), str(sum(new[col : col + span])))
            col += span


def _section_break(paragraph, landscape: bool, template) -> None:
    """End a section at ``paragraph`` (a copy of the document's sectPr, turned when ``landscape``)."""
    import copy

    sect = copy.deepcopy(template)
    for child in list(sect):
        if child.tag in (qn("w:headerReference"), qn("w:footerReference"), qn("w:titlePg")):
            sect.remove(child)
    size = sect.find(qn("w:pgSz"))
    w, h = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
    if landscape:
        size.set(qn("w:w"), str(max(w, h)))
        size.set(qn("w:h"), str(min(w, h)))
        size.set(qn("w:orient"), "landscape")
    paragraph.get_or_add_pPr().append(sect)


def apply(docx: bytes, variant: Variant) -> bytes:
    """The DOCX ``docx`` (from our writer) laid out as ``variant`` says."""
    doc = Document(io.BytesIO(docx))
    body = doc.element.body
    if variant.table_pt:
        _set_size(doc.styles.element.find(f".//{qn('w:style')}[@{qn('w:styleId')}='OgiTable']"), variant.table_pt)
    if variant.body_pt:
        doc.styles["Normal"].font.size = Pt(variant.body_pt)
    tables = body.findall(qn("w:tbl"))
    for tbl in tables:
        _borders(tbl, variant.borders)
        if variant.label_scale != 1.0:
            _narrow_labels(tbl, variant.label_scale)
        if not variant.repeat_header:
            for header in tbl.iter(qn("w:tblHeader")):
                header.getparent().remove(header)
    t3 = tables[1]
    for _ in range(variant.gap_before_t3):
        p = OxmlElement("w:p")
        t3.addprevious(p)
    if variant.landscape_t3:
        template = body.find(qn("w:sectPr"))
        before, after = OxmlElement("w:p"), OxmlElement("w:p")
        t3.addprevious(before)
        t3.addnext(after)
        _section_break(before, False, template)  # the portrait part ends before table 三
        _section_break(after, True, template)  # table 三 alone in a landscape section
        if variant.label_scale == 1.0:
            _widen(t3, 1.35)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _widen(tbl, factor: float) -> None:
    """Stretch every column of ``tbl`` (a landscape page has room for a wider table)."""
    for el in [*tbl.tblGrid.findall(qn("w:gridCol")), *tbl.iter(qn("w:tcW")), tbl.tblPr.find(qn("w:tblW"))]:
        el.set(qn("w:w"), str(round(int(el.get(qn("w:w"))) * factor)))
