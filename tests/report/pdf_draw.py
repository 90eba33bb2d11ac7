"""Draw whole reports as PDF pages by hand, the way real-world PDFs come out of Word, WPS and others.

The PDF writer keeps its tables tidy (no page break that leaves a lone row of a merged label, header
rows repeated); real PDFs do not. ``draw_report`` lays out the shared table grids of the writers
itself, with page breaks forced before chosen rows, headers repeated or not, a merged label's text in
either part of a cut cell, full ruling or column lines only, and an optional frame around every page.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import pymupdf

from ogi.report._model import Report
from ogi.report._writers._grid import Grid, GridCell, report_grids
from ogi.report._writers._layout import sections, title

FONT = "china-s"
PAGE_W, PAGE_H = 595.0, 842.0
LEFT, RIGHT, TOP, BOTTOM = 72.0, PAGE_W - 72.0, 72.0, PAGE_H - 72.0
BODY_SIZE, CELL_SIZE = 12.0, 8.0
PAD = 2.0


def text_width(text: str, size: float) -> float:
    """Width as PyMuPDF sets the built-in CJK font (every character one em wide)."""
    return pymupdf.get_text_length(text, fontname=FONT, fontsize=size)


def wrap(text: str, width: float, size: float) -> list[str]:
    """Break ``text`` by character into lines no wider than ``width`` (numbers are never broken)."""
    if text.replace(".", "").replace("-", "").isdigit():
        return [text]
    lines, line = [], ""
    for ch in text:
        if line and text_width(line + ch, size) > width:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


def put_text(page: pymupdf.Page, x: float, top: float, text: str, size: float) -> None:
    """Text whose glyph box starts at ``top``."""
    page.insert_text((x, top + size), text, fontname=FONT, fontsize=size)


@dataclass
class Layout:
    """How the hand-drawn PDF departs from a tidy one."""

    breaks: Collection[tuple[str, int]] = ()  # (table number, row) to start a new page before
    repeat_header: bool = True  # draw a table's header rows again after a page break
    text_in_first_part: bool = True  # a cut merged cell shows its text in its first part (else the larger)
    rules: str = "full"  # "full": every cell boxed; "columns": column lines and the table's top and bottom only
    frame: bool = False  # a rectangle around the text block of every page
    page_numbers: bool = True


@dataclass
class _Drawer:
    layout: Layout
    doc: pymupdf.Document = field(default_factory=pymupdf.open)
    page: pymupdf.Page | None = None
    y: float = BOTTOM

    def new_page(self) -> None:
        self.page = self.doc.new_page(width=PAGE_W, height=PAGE_H)
        self.y = TOP
        if self.layout.frame:
            self.page.draw_rect(pymupdf.Rect(LEFT - 18, TOP - 18, RIGHT + 18, BOTTOM + 18), color=(0, 0, 0), width=1)

    def ensure(self, height: float) -> pymupdf.Page:
        if self.page is None or self.y + height > BOTTOM:
            self.new_page()
        assert self.page is not None
        return self.page

    def paragraph(self, text: str, size: float = BODY_SIZE, indent: float = 2 * BODY_SIZE) -> None:
        pitch = size * 1.5
        first = wrap(text, RIGHT - LEFT - indent, size)[:1]
        rest = wrap(text[len(first[0]) :], RIGHT - LEFT, size) if first else []
        for i, line in enumerate([*first, *rest]):
            page = self.ensure(pitch)
            put_text(page, LEFT + (indent if i == 0 else 0), self.y + (pitch - size) / 2, line, size)
            self.y += pitch

    # ---- tables

    def table(self, grid: Grid, number: str) -> None:
        xs = [LEFT]
        for w in grid.widths:
            xs.append(xs[-1] + w)
        texts = {
            (c.row, c.col): wrap(c.text, xs[c.col + c.colspan] - xs[c.col] - 2 * PAD, CELL_SIZE) for c in grid.cells
        }
        sizes = {
            (c.row, c.col): min(CELL_SIZE, (xs[c.col + c.colspan] - xs[c.col] - 2 * PAD) / max(len(c.text), 1))
            if c.role == "value"
            else CELL_SIZE
            for c in grid.cells
        }  # numbers shrink to fit their cell, as in Word's “fit text”
        pitch = CELL_SIZE * 1.3
        heights = [pitch + 2 * PAD] * grid.rows
        for c in sorted(grid.cells, key=lambda c: c.rowspan):
            need = len(texts[(c.row, c.col)]) * pitch + 2 * PAD
            span = range(c.row, c.row + c.rowspan)
            if need > sum(heights[r] for r in span):
                heights[span[-1]] += need - sum(heights[r] for r in span)
        header = list(range(grid.header_rows))
        # rows per page
        segments: list[list[int]] = [[]]
        self.ensure(sum(heights[: grid.header_rows + 1]) + 8)
        room = BOTTOM - self.y - 8 - sum(heights[r] for r in header)
        for r in range(grid.header_rows, grid.rows):
            forced = (number, r) in self.layout.breaks and segments[-1]
            if forced or (heights[r] > room and segments[-1]):
                segments.append([])
                room = BOTTOM - TOP - (sum(heights[h] for h in header) if self.layout.repeat_header else 0)
            segments[-1].append(r)
            room -= heights[r]
        tops: list[dict[int, float]] = []
        for s, rows in enumerate(segments):
            shown = [*header, *rows] if s == 0 or self.layout.repeat_header else rows
            y = self.y + 8 if s == 0 else TOP
            tops.append({})
            for r in shown:
                tops[s][r] = y
                y += heights[r]
        parts: dict[int, list[tuple[GridCell, pymupdf.Rect, bool]]] = {s: [] for s in range(len(segments))}
        for c in grid.cells:
            span = range(c.row, c.row + c.rowspan)
            mine = []
            for s in range(len(segments)):
                rows = [r for r in span if r in tops[s]]
                if rows:
                    rect = pymupdf.Rect(xs[c.col], tops[s][rows[0]], xs[c.col + c.colspan], 0)
                    rect.y1 = tops[s][rows[-1]] + heights[rows[-1]]
                    mine.append((s, rect))
            need = len(texts[(c.row, c.col)]) * pitch + 2 * PAD
            fits = [i for i, (_, rect) in enumerate(mine) if rect.height + 0.01 >= need]
            if self.layout.text_in_first_part and fits:
                chosen = fits[0]
            else:
                chosen = max(range(len(mine)), key=lambda i: mine[i][1].height)
            for i, (s, rect) in enumerate(mine):
                parts[s].append((c, rect, i == chosen or (c.row < grid.header_rows)))
        for s in range(len(segments)):
            if s > 0:
                self.new_page()
            page = self.page
            assert page is not None
            self._draw_part(page, parts[s], texts, sizes, pitch)
            self.y = max(rect.y1 for _, rect, _ in parts[s]) + 8

    def _draw_part(
        self,
        page: pymupdf.Page,
        cells: list[tuple[GridCell, pymupdf.Rect, bool]],
        texts: dict[tuple[int, int], list[str]],
        sizes: dict[tuple[int, int], float],
        pitch: float,
    ) -> None:
        box = pymupdf.Rect(cells[0][1])
        for _, rect, _ in cells:
            box |= rect
        for cell, rect, with_text in cells:
            if self.layout.rules == "full":
                page.draw_rect(rect, color=(0, 0, 0), width=0.5)
            else:
                page.draw_line(rect.tl, rect.bl, color=(0, 0, 0), width=0.5)
                page.draw_line(rect.tr, rect.br, color=(0, 0, 0), width=0.5)
            lines = texts[(cell.row, cell.col)]
            size = sizes[(cell.row, cell.col)]
            if with_text and lines:
                if len(lines) * pitch + 2 * PAD > rect.height + 0.01:  # a cut label squeezed into its part
                    size = max(3.0, (rect.height - 2 * PAD) / len(lines) / 1.3)
                line_pitch = size * 1.3
                top = (rect.y0 + rect.y1) / 2 - len(lines) * line_pitch / 2
                for i, line in enumerate(lines):
                    w = text_width(line, size)
                    x = rect.x0 + PAD if cell.role == "label" else (rect.x0 + rect.x1 - w) / 2
                    put_text(page, x, top + i * line_pitch + (line_pitch - size) / 2, line, size)
        if self.layout.rules != "full":
            page.draw_line(box.tl, box.tr, color=(0, 0, 0), width=0.5)
            page.draw_line(box.bl, box.br, color=(0, 0, 0), width=0.5)


def draw_report(report: Report, layout: Layout | None = None) -> bytes:
    """The report as a PDF drawn by hand with ``layout``'s page breaks and ruling."""
    d = _Drawer(layout or Layout())
    d.ensure(0)
    d.paragraph(title(report), size=16, indent=0)
    grids = report_grids(report)
    for section, heading, paragraphs in sections(report):
        d.paragraph(heading, indent=0)
        for p in paragraphs:
            d.paragraph(p)
        if section.number in grids:
            d.table(grids[section.number], section.number)
    if d.layout.page_numbers:
        for page in d.doc:
            text = f"— {page.number + 1} —"
            put_text(page, (PAGE_W - text_width(text, 10)) / 2, PAGE_H - 50, text, 10)
    data = d.doc.tobytes()
    d.doc.close()
    return data
