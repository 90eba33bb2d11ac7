"""PDF writer: the DOCX layout as a PDF, typeset here with PyMuPDF, no browser and no network.

The typefaces follow GB/T 9704 — 小标宋-like title, 仿宋 body, 黑体 一、 headings, 楷体 （一）
sub-headings — in the free substitutes :mod:`._pdf_fonts` finds, embedded and subset, so the file
shows the same on every reader. The pages are laid out first (measured in the whole faces) and their
text written last, in fonts that hold only the characters the document uses. PyMuPDF's HTML engine
(Story) draws no cell borders and cannot repeat header rows, so the page is typeset directly: body
lines on the 28-character grid at the 公文 pitch, CJK line breaking (no line starts with “，。）” or
ends with “（《”), justified lines, and tables drawn from the cell grid of :mod:`._grid` — merged cells
as one rectangle, header rows repeated after a page break, no break that leaves one row of a merged
label alone, a merged label cut by a page break shown again in its continuation when there is room.
Text goes into the content stream in reading order, so text extraction (and the PDF reader) sees it in
that order. The document says its language (zh-CN) and title, and has a bookmark for each of the six
sections.
"""

from __future__ import annotations

import itertools
import unicodedata
from dataclasses import dataclass, field

import pymupdf

from .._model import Report
from . import register
from ._cells import CellPrinter
from ._gongwen import (
    LINE_PITCH,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    MM,
    PAGE_DASH,
    PAGE_HEIGHT_MM,
    PAGE_NUMBER_GAP_MM,
    PAGE_WIDTH_MM,
    SIGNOFF_DATE_INDENT,
    SIZE_2,
    SIZE_3,
    SIZE_4,
    SIZE_5,
    signoff_indent,
    split_subheading,
    title_lines,
)
from ._grid import Grid, GridCell, Role, page_rows, report_grids, row_heights
from ._layout import preamble, sections, signoff, title
from ._pdf_fonts import Typeface, embedded, face
from ._wrap import WORD, Measure
from ._wrap import wrap as _wrap

PAGE = pymupdf.Rect(0, 0, PAGE_WIDTH_MM * MM, PAGE_HEIGHT_MM * MM)
BODY = pymupdf.Rect(
    MARGIN_LEFT_MM * MM,
    MARGIN_TOP_MM * MM,
    (PAGE_WIDTH_MM - MARGIN_RIGHT_MM) * MM,
    (PAGE_HEIGHT_MM - MARGIN_BOTTOM_MM) * MM,
)

TITLE_PITCH = 36.0
TABLE_PITCH = SIZE_5 * 1.3
CELL_PAD_X = 2.0
CELL_PAD_Y = 3.0
MIN_CELL_SIZE = 6.0  # smallest size a label is shrunk to
MIN_NUMBER_SIZE = 3.0  # a number is shrunk further rather than broken over two lines
BORDER_WIDTH = 0.5
TABLE_GAP = 8.0  # space above and below a table

#: Characters a body line holds (GB/T 9704-2012 7.1: 22 lines of 28 characters): 三号 characters are set
#: at this pitch, a little under their 16 pt size, as Word's document grid sets them.
CHARS_PER_LINE = 28
GRID_PITCH = BODY.width / CHARS_PER_LINE


def _font(kind: Typeface = Typeface.BODY) -> pymupdf.Font:
    return face(kind).font


def _width(text: str, size: float, kind: Typeface = Typeface.BODY) -> float:
    return _font(kind).text_length(text, fontsize=size)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def grid_width(text: str, size: float) -> float:
    """Width of body text on the character grid: a full-width character takes one grid pitch (scaled
    to ``size``), anything else its natural width in the body face."""
    pitch = GRID_PITCH * size / SIZE_3
    return sum(pitch if _wide(ch) else _width(ch, size) for ch in text)


# --------------------------------------------------------------------------- line breaking


def wrap(
    text: str, width: float, size: float, *, first: float | None = None, measure: Measure = _width
) -> list[list[str]]:
    """``text`` broken into lines (see :func:`._wrap.wrap`), measured in the PDF's body face by default."""
    return _wrap(text, width, size, first=first, measure=measure)


def _baseline(top: float, pitch: float, size: float, kind: Typeface = Typeface.BODY) -> float:
    """Baseline that centres the font's box in a line of height ``pitch``."""
    font = _font(kind)
    box = (font.ascender - font.descender) * size
    return top + (pitch - box) / 2 + font.ascender * size


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class PlacedCell:
    """Where a table cell (or the part of a merged cell on one page) was drawn; tests read these."""

    page: int  # 0-based
    rect: pymupdf.Rect
    cell: GridCell
    table: str  # "2", "3", "4": the section the table belongs to
    with_text: bool


@dataclass(frozen=True)
class _Run:
    """Text placed on a page, written when the whole document is laid out: the fonts embedded hold only
    the characters the document uses, known only then."""

    page: int
    x: float
    baseline: float
    text: str
    size: float
    kind: Typeface


@dataclass
class _Typesetter:
    doc: pymupdf.Document = field(default_factory=pymupdf.open)
    y: float = BODY.y1  # past the bottom: the first write opens a page
    page: pymupdf.Page | None = None
    shape: pymupdf.Shape | None = None
    placed: list[PlacedCell] = field(default_factory=list)
    runs: list[_Run] = field(default_factory=list)

    # ---- pages

    def new_page(self) -> None:
        self._flush()
        self.page = self.doc.new_page(width=PAGE.width, height=PAGE.height)
        self.shape = self.page.new_shape()
        self.y = BODY.y0

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` points still fit below the cursor."""
        if self.page is None or self.y + height > BODY.y1 + 0.01:
            self.new_page()

    def _flush(self) -> None:
        if self.page is None:
            return
        assert self.shape is not None
        self.shape.finish(width=BORDER_WIDTH, color=(0, 0, 0), fill=None, closePath=False)
        self.shape.commit()

    def text(self, x: float, baseline: float, text: str, size: float, kind: Typeface = Typeface.BODY) -> None:
        assert self.page is not None
        self.runs.append(_Run(self.page.number, x, baseline, text, size, kind))

    # ---- blocks

    def title(self, text: str) -> None:
        lines = title_lines(text, lambda line: _width(line, SIZE_2, Typeface.TITLE) <= BODY.width)
        self.ensure(TITLE_PITCH * len(lines) + LINE_PITCH * 2)
        for line in lines:
            x = BODY.x0 + (BODY.width - _width(line, SIZE_2, Typeface.TITLE)) / 2
            self.text(x, _baseline(self.y, TITLE_PITCH, SIZE_2, Typeface.TITLE), line, SIZE_2, Typeface.TITLE)
            self.y += TITLE_PITCH
        self.y += LINE_PITCH  # one empty line under the title

    def paragraph(
        self, text: str, *, kind: Typeface = Typeface.BODY, lead: str = "", keep_after: float = 0.0
    ) -> list[int]:
        """A paragraph in 三号 on the 28-character grid with a 2-character first-line indent, justified
        except its last line; ``lead`` (a （一） sub-heading) starts it in 楷体. Returns the pages it is on.

        ``keep_after``: height of what must follow on the same page (a heading's first lines or table rows).
        """
        indent = 2 * GRID_PITCH
        lines = wrap(lead + text, BODY.width, SIZE_3, first=BODY.width - indent, measure=grid_width)
        self.ensure(LINE_PITCH * (1 if keep_after == 0 else len(lines)) + keep_after)
        in_lead = len("".join(lead.split()))
        pages = []
        for i, line in enumerate(lines):
            self.ensure(LINE_PITCH)
            assert self.page is not None
            pages.append(self.page.number)
            kinds = []
            for token in line:
                kinds.append(Typeface.SUBHEADING if in_lead > 0 else kind)
                in_lead -= 0 if token.isspace() else len(token)
            x0 = BODY.x0 + (indent if i == 0 else 0)
            self._line(line, kinds, x0, BODY.x1, justify=i < len(lines) - 1)
            self.y += LINE_PITCH
        return pages

    def signoff(self, agency: str, when: str) -> None:
        """落款 under one empty line: the date four characters in from the right, the agency centred over it."""
        rows = [(t, indent) for t, indent in ((agency, signoff_indent(agency, when)), (when, SIGNOFF_DATE_INDENT)) if t]
        self.ensure(LINE_PITCH * (1 + len(rows)))
        self.y += LINE_PITCH
        for text, indent in rows:
            x = BODY.x1 - indent * GRID_PITCH - grid_width(text, SIZE_3)
            self._line(list(text), [Typeface.BODY] * len(text), max(BODY.x0, x), BODY.x1, justify=False)
            self.y += LINE_PITCH

    def _line(self, tokens: list[str], kinds: list[Typeface], x0: float, x1: float, *, justify: bool) -> None:
        """One line, each token at its place on the grid (spread to both edges when ``justify``)."""
        widths = [grid_width(t, SIZE_3) for t in tokens]
        gap = (x1 - x0 - sum(widths)) / (len(tokens) - 1) if justify and len(tokens) > 1 else 0.0
        if gap < 0 or gap > SIZE_3:  # overfull or very sparse line: set it ragged
            gap = 0.0
        x = x0
        baseline = _baseline(self.y, LINE_PITCH, SIZE_3, kinds[0] if kinds else Typeface.BODY)
        for token, kind, w in zip(tokens, kinds, widths, strict=True):
            if not token.isspace():
                self._grid_token(x, baseline, token, kind)
            x += w + gap

    def _grid_token(self, x: float, baseline: float, token: str, kind: Typeface) -> None:
        """A token on the grid: a full-width character centred in its pitch, a Latin word as one run."""
        if len(token) == 1 and _wide(token):
            x += (GRID_PITCH - _width(token, SIZE_3, kind)) / 2
        self.text(x, baseline, token, SIZE_3, kind)

    def table(self, grid: Grid, number: str) -> None:
        _TableSetter(self, grid, number).run()

    def lead(self, grid: Grid) -> float:
        """Height of a table's first rows that may not be parted from the heading above it."""
        return _TableSetter(self, grid, "").lead_height()


# --------------------------------------------------------------------------- tables


@dataclass
class _CellText:
    lines: list[str]
    size: float

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * TABLE_PITCH / SIZE_5 + 2 * CELL_PAD_Y


def _cell_text(text: str, width: float, *, number: bool = False, size: float = SIZE_5) -> _CellText:
    """The cell's lines at ``size``, shrunk until no word is wider than the cell."""
    inner = width - 2 * CELL_PAD_X
    floor = MIN_NUMBER_SIZE if number else MIN_CELL_SIZE
    while size > floor and any(_width(w, size) > inner for w in WORD.findall(text)):
        size -= 0.5
    return _CellText(["".join(line) for line in wrap(text, inner, size)] if text else [], size)


class _TableSetter:
    """Lays one grid out over as many pages as it needs."""

    def __init__(self, ts: _Typesetter, grid: Grid, number: str) -> None:
        self.ts, self.grid, self.number = ts, grid, number
        self.x = [BODY.x0]
        for w in grid.widths:
            self.x.append(self.x[-1] + w)
        self.texts = {
            (c.row, c.col): _cell_text(c.text, self._width(c), number=c.role is Role.VALUE) for c in grid.cells
        }
        self.heights = self._row_heights()

    def _width(self, cell: GridCell) -> float:
        return self.x[cell.col + cell.colspan] - self.x[cell.col]

    def _row_heights(self) -> list[float]:
        return row_heights(self.grid, TABLE_PITCH + 2 * CELL_PAD_Y, lambda c: self.texts[(c.row, c.col)].height)

    def _segments(self) -> list[list[int]]:
        """Data rows per page (see :func:`._grid.page_rows`), the first on the current page."""
        at_top = self.ts.y <= BODY.y0 + 0.01
        room = BODY.y1 - (self.ts.y + TABLE_GAP)
        return page_rows(self.grid, self.heights, room, BODY.height, at_top=at_top)

    def lead_height(self) -> float:
        return TABLE_GAP + sum(self.heights[: self.grid.lead_rows()])

    def _rows(self, rows: list[int]) -> list[int]:
        """The rows drawn on a page: the header rows, then ``rows`` (nothing for an empty segment)."""
        return [*range(self.grid.header_rows), *rows] if rows else []

    def run(self) -> None:
        ts = self.ts
        if ts.page is None:
            ts.new_page()
        segments = self._segments()
        tops: dict[tuple[int, int], float] = {}  # (segment, row) -> top of the row on its page
        for s, rows in enumerate(segments):
            y = (ts.y + TABLE_GAP) if s == 0 else BODY.y0
            for r in self._rows(rows):
                tops[(s, r)] = y
                y += self.heights[r]
        fragments = self._fragments(segments, tops)
        for s, rows in enumerate(segments):
            if s > 0:
                ts.new_page()
            if rows:
                self._draw_segment(s, fragments)
                last = self._rows(rows)[-1]
                ts.y = tops[(s, last)] + self.heights[last] + TABLE_GAP

    def _fragments(
        self, segments: list[list[int]], tops: dict[tuple[int, int], float]
    ) -> dict[int, list[tuple[GridCell, pymupdf.Rect, bool]]]:
        """Per segment: (cell, rect, draw its text) for every cell or part of a merged cell."""
        out: dict[int, list[tuple[GridCell, pymupdf.Rect, bool]]] = {s: [] for s in range(len(segments))}
        for cell in self.grid.cells:
            span = set(range(cell.row, cell.row + cell.rowspan))
            parts = []
            for s, rows in enumerate(segments):
                mine = [r for r in self._rows(rows) if r in span]
                if not mine:
                    continue
                top = tops[(s, mine[0])]
                bottom = tops[(s, mine[-1])] + self.heights[mine[-1]]
                rect = pymupdf.Rect(self.x[cell.col], top, self.x[cell.col + cell.colspan], bottom)
                parts.append((s, rect))
            if not parts:
                continue
            text = self.texts[(cell.row, cell.col)]
            largest = max(range(len(parts)), key=lambda i: parts[i][1].height)
            for i, (s, rect) in enumerate(parts):
                fits = text.height <= rect.height + 0.01
                out[s].append((cell, rect, i == largest or fits))
        return out

    def _draw_segment(self, s: int, fragments: dict[int, list[tuple[GridCell, pymupdf.Rect, bool]]]) -> None:
        ts = self.ts
        assert ts.shape is not None and ts.page is not None
        for cell, rect, with_text in fragments[s]:
            ts.shape.draw_rect(rect)
            ts.placed.append(PlacedCell(ts.page.number, rect, cell, self.number, with_text and bool(cell.text)))
            if with_text and cell.text:
                self._draw_text(cell, rect)

    def _draw_text(self, cell: GridCell, rect: pymupdf.Rect) -> None:
        text = self.texts[(cell.row, cell.col)]
        size = text.size
        lines = text.lines
        while len(lines) * size * TABLE_PITCH / SIZE_5 + 2 * CELL_PAD_Y > rect.height + 0.01 and size > MIN_CELL_SIZE:
            size -= 0.5  # a merged label cut short by a page break
            lines = ["".join(line) for line in wrap(cell.text, rect.width - 2 * CELL_PAD_X, size)]
        pitch = size * TABLE_PITCH / SIZE_5
        top = rect.y0 + (rect.height - pitch * len(lines)) / 2
        for i, line in enumerate(lines):
            w = _width(line, size)
            x = rect.x0 + (rect.width - w) / 2 if cell.centred else rect.x0 + CELL_PAD_X
            self.ts.text(x, _baseline(top + i * pitch, pitch, size), line, size)


# --------------------------------------------------------------------------- document


def _page_numbers(doc: pymupdf.Document) -> list[_Run]:
    """“— N —” in 四号, 7 mm under the text block: odd pages right, even pages left, one character in."""
    baseline = BODY.y1 + PAGE_NUMBER_GAP_MM * MM + _font().ascender * SIZE_4
    runs = []
    for page in doc:
        n = page.number + 1
        text = f"{PAGE_DASH} {n} {PAGE_DASH}"
        w = _width(text, SIZE_4)
        x = BODY.x1 - SIZE_4 - w if n % 2 else BODY.x0 + SIZE_4
        runs.append(_Run(page.number, x, baseline, text, SIZE_4, Typeface.BODY))  # 宋体-like: the body face
    return runs


def _write_text(doc: pymupdf.Document, runs: list[_Run]) -> None:
    """Every page's text in the fonts embedded for the document. Text goes into a page's content stream
    in the order it was laid out (a heading before the table under it), which is the order text
    extraction reports it in. A stand-in for a heavy face (no Noto installed) is filled and stroked."""
    texts: dict[Typeface, list[str]] = {}
    pages: dict[int, list[_Run]] = {}
    for run in runs:
        texts.setdefault(run.kind, []).append(run.text)
        pages.setdefault(run.page, []).append(run)
    fonts = embedded({kind: "".join(parts) for kind, parts in texts.items()})
    for number, page_runs in pages.items():
        page = doc[number]
        for bold, group in itertools.groupby(page_runs, key=lambda run: face(run.kind).embolden):
            writer = pymupdf.TextWriter(PAGE)
            for run in group:
                writer.append((run.x, run.baseline), run.text, font=fonts[run.kind], fontsize=run.size)
            writer.write_text(page, render_mode=2 if bold else 0)


def _typeset(report: Report) -> tuple[_Typesetter, list[list[object]]]:
    """The pages laid out (not yet numbered or saved) and the bookmarks of the six sections."""
    ts = _Typesetter()
    heading = title(report)
    ts.title(heading)
    for p in preamble(report):
        ts.paragraph(p)
    grids = report_grids(report)
    cells = CellPrinter(report)
    toc = []
    for section, text, paragraphs in sections(report):
        grid = grids.get(section.number)
        keep = 2 * LINE_PITCH if paragraphs or grid is None else ts.lead(grid)
        pages = ts.paragraph(text, kind=Typeface.HEADING, keep_after=keep)
        toc.append([1, text, pages[0] + 1])
        for p in paragraphs:
            head, rest = split_subheading(p)
            ts.paragraph(rest, lead=head)
        if grid is not None:
            ts.table(grid, section.number)
            for note in cells.notes(f"table{section.number}"):
                ts.paragraph(note)
    closing = signoff(report)
    if closing is not None:
        ts.signoff(*closing)
    ts._flush()
    return ts, toc


def render(report: Report) -> tuple[bytes, list[PlacedCell]]:
    """The PDF bytes and where each table cell was drawn."""
    ts, toc = _typeset(report)
    heading = title(report)
    doc = ts.doc
    _write_text(doc, ts.runs + _page_numbers(doc))
    doc.set_toc(toc)  # bookmarks: the six sections
    doc.xref_set_key(doc.pdf_catalog(), "Lang", pymupdf.get_pdf_str("zh-CN"))
    doc.set_metadata(
        {
            "title": heading,
            "author": report.agency or "",
            "subject": "政府信息公开工作年度报告",
            "creator": "OGI",
            "producer": "OGI (PyMuPDF)",
            "creationDate": "",
            "modDate": "",
        }
    )
    doc.subset_fonts()
    data = doc.tobytes(garbage=4, deflate=True, no_new_id=True)
    doc.close()
    return data, ts.placed


@register("pdf")
def write_pdf(report: Report) -> bytes:
    """The report as PDF bytes (A4, CJK font embedded)."""
    return render(report)[0]
