"""Where the DOCX's text falls on its pages, estimated, so that the writer can break table 三 itself.

A DOCX has no pages: Word, WPS and LibreOffice break them as they lay it out, and where a page break
cuts a vertically merged cell they leave the cell's continuation blank, so table 三's rows on the next
page would stand without “三、本年度办理结果” and their （三）…（六） label. The writer therefore ends the
table where a page will be full, and starts the rest on a new page as a table of its own with the
header rows and the group labels printed again (:meth:`._grid.Grid.part`), as the PDF writer does.

Everything before the table is set at fixed pitches that all of them honour: body lines of 28
characters at 28.95 pt, table text at 12.6 pt in cells with fixed padding. What differs between them is
the width of Latin letters and digits (the face standing in for the GB fonts, the space between them
and CJK text, a closing mark hanging past the line's end) and a rule or two of LibreOffice's (it does
not break the paragraph above a table after its first line). So the text is followed twice: cautiously
(:data:`WIDE`, LibreOffice's rules) and hopefully (:data:`NARROW`); the real layout lies in between.
The table is broken by the cautious estimate, a body line short of the page's foot. When the two
disagree on the page the table starts on, the writer starts it on a new page itself, from the paragraph
that leaves no doubt (:meth:`Pages._break`); measured against LibreOffice's PDFs of random and real
reports, the cautious estimate never put a row higher than LibreOffice did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial

from ._gongwen import LINE_PITCH, MARGIN_BOTTOM_MM, MARGIN_TOP_MM, MM, PAGE_HEIGHT_MM, SIZE_3, SIZE_5
from ._grid import TEXT_WIDTH, Grid, GridCell, page_rows, row_heights
from ._wrap import wrap

#: Height of the text block (225 mm).
PAGE = (PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM) * MM
#: Characters a body line holds (GB/T 9704: 22 lines of 28 characters).
CHARS_PER_LINE = 28
#: Character spacing of body text in twentieths of a point: 三号 characters condensed just enough that
#: 28 fit the 156 mm line (16 pt each would make 27), as Word's character grid condenses them.
BODY_CONDENSE = -int((SIZE_3 - TEXT_WIDTH / CHARS_PER_LINE) * 20 + 1)
#: Line pitch of table text (五号), fixed so that a row is as tall in Word, WPS and LibreOffice whatever
#: face stands in; tight enough that a label wrapped over lines still reads as one when a user sets the
#: table text smaller.
TABLE_PITCH = SIZE_5 * 1.2
#: Cell padding on every side in twips: just over 1 mm.
CELL_MARGIN = 57
#: 小四, to which users often enlarge table text: a column holds two such characters inside its padding.
_ENLARGED = 12.0
#: A table rule (0.5 pt) adds its width to every row, and once more at the top of the table.
RULE = 0.5
#: Height of the empty paragraph that carries a page break between two parts of a table.
BREAK_HEIGHT = 1.0
#: Room a page keeps unused below the first part of a broken table: break a little early, never late.
SAFETY = LINE_PITCH
#: Fewest lines LibreOffice leaves at the foot of a page of the paragraph right above a table.
LAST_ORPHANS = 2
#: First-line indent of body paragraphs.
INDENT = 2 * SIZE_3
#: The cautious estimate's page is this much shorter: a row that fits it to the last point may not fit in
#: LibreOffice.
CAUTION = 0.5


def docx_widths(grid: Grid) -> tuple[float, ...]:
    """Column widths of ``grid`` in the DOCX, in points.

    A table whose columns are too narrow for two characters of 小四 inside 1 mm padding (table 四's 15)
    reaches by its padding into the margins on either side, as Word places a table by default: its cell
    text, not its rules, lines up with the body text.
    """
    pad = 2 * CELL_MARGIN / 20
    if min(grid.widths) - pad >= 2 * _ENLARGED:
        return grid.widths
    scale = (sum(grid.widths) + pad) / sum(grid.widths)
    return tuple(w * scale for w in grid.widths)


@dataclass(frozen=True)
class Faces:
    """How wide text is set, in em: CJK characters 1 em, Latin letters and digits ``latin``, narrow ASCII
    marks (“.”, “,”, “:”…) ``marks``; Word and LibreOffice put ``autospace`` between CJK and Latin text
    (none at a line's start or end: the gap is a space :meth:`spaced` puts in, which lines drop there)."""

    latin: float
    marks: float
    autospace: float
    hang: bool  # a closing mark may hang past the end of a full line

    def width(self, text: str, size: float, spacing: float = 0.0) -> float:
        ems = 0.0
        for ch in text:
            if ch == " ":
                ems += self.autospace
            elif ord(ch) > 0x7F:
                ems += 1.0
            else:
                ems += self.marks if ch in _NARROW_ASCII else self.latin
        return ems * size + (len(text) - text.count(" ")) * spacing  # a gap is no character: not condensed

    def spaced(self, text: str) -> str:
        """``text`` with a space for the autospace between CJK and Latin text (its own spaces too)."""
        return _CJK_LATIN.sub(" ", text) if self.autospace else text


_NARROW_ASCII = frozenset(".,:;!'|")
_CJK_LATIN = re.compile(r"(?<=[^\x00-\x7f])(?=[!-~])|(?<=[!-~])(?=[^\x00-\x7f])")
#: DejaVu Sans, LibreOffice's stand-in when no GB font is installed (digits 0.636 em, “.” 0.318 em,
#: 0.216 em from CJK text): wider than any GB face, and than Word's autospace around half-width digits.
WIDE = Faces(0.64, 0.34, 0.22, hang=False)
#: 仿宋_GB2312 and the other GB faces: half-width Latin, no extra space; a closing mark hangs.
NARROW = Faces(0.5, 0.25, 0.0, hang=True)


@dataclass
class Flow:
    """One estimate of the layout: the page the text has reached and how far down it (from the top of
    the text block)."""

    faces: Faces
    height: float  # of the text block, as far as this estimate lets anything fill it
    cautious: bool  # where the applications differ, take the choice that puts the text lower
    page: int = 0
    y: float = 0.0

    @property
    def at_top(self) -> bool:
        return self.y <= 0.01

    def new_page(self) -> None:
        self.page += 1
        self.y = 0.0

    def lines(self, n: int, pitch: float, *, keep: float = 0.0, orphans: int = 1) -> None:
        """A paragraph of ``n`` lines, broken between any two (widow control is off) that leave at least
        ``orphans`` lines on the first page; with ``keep``, it moves to the next page unless it and that
        much of what follows fit under the cursor."""
        if keep and not self.at_top and self.y + n * pitch + keep > self.height:
            self.new_page()
        while n > 0:
            fit = min(n, int((self.height - self.y) // pitch))
            if fit < min(n, orphans):
                fit = 0
            if fit <= 0 and not self.at_top:
                self.new_page()
                continue
            fit = max(fit, 1)
            self.y += fit * pitch
            n -= fit
            if n:
                self.new_page()

    def body_lines(self, text: str) -> int:
        """Lines of a 三号 body paragraph on the 28-character line, the first indented two characters."""
        measure = partial(self.faces.width, spacing=BODY_CONDENSE / 20)
        text = self.faces.spaced(text)
        lines = wrap(text, TEXT_WIDTH, SIZE_3, first=TEXT_WIDTH - INDENT, measure=measure, hang=self.faces.hang)
        return max(1, len(lines))

    def table_lines(self, text: str, width: float) -> int:
        """Lines of 五号 table text in ``width`` points."""
        lines = wrap(self.faces.spaced(text), width, SIZE_5, measure=self.faces.width, hang=self.faces.hang)
        return max(1, len(lines))

    def row_heights(self, grid: Grid) -> list[float]:
        """Each row's height as Word and LibreOffice make it: its lines, the padding, the rule."""
        edges = [0.0]
        for w in docx_widths(grid):
            edges.append(edges[-1] + w)

        pad_x = pad_y = CELL_MARGIN / 20

        def need(cell: GridCell) -> float:
            width = edges[cell.col + cell.colspan] - edges[cell.col] - 2 * pad_x
            return self.table_lines(cell.text, width) * TABLE_PITCH + 2 * pad_y + cell.rowspan * RULE

        return row_heights(grid, TABLE_PITCH + 2 * pad_y + RULE, need)

    def paginate(self, grid: Grid, heights: list[float], *, margin: float = 0.0) -> list[list[int]]:
        """The body rows of ``grid`` per page from the cursor on (see :func:`._grid.page_rows`), each page
        keeping ``margin`` points free at its foot."""
        room = self.height - RULE - margin
        return page_rows(grid, heights, room - self.y, room, at_top=self.at_top)

    def table(self, grid: Grid, heights: list[float], pages: list[list[int]], *, forced: bool = False) -> None:
        """Advance past a table laid out as ``pages`` of body rows, the header rows on each; the first
        list is empty when the table starts on the next page. ``forced``: the writer broke the pages,
        each after the first starting with the empty paragraph that carries the break."""
        header = sum(heights[: grid.header_rows])
        for i, rows in enumerate(pages):
            if not rows:
                continue
            if i:
                self.new_page()
                self.y += BREAK_HEIGHT if forced and pages[i - 1] else 0.0
            self.y += RULE + header + sum(heights[r] for r in rows)


class BreakOn(StrEnum):
    """Which paragraph starts the page a table is moved to."""

    NONE = ""  # the table is not moved
    SEPARATOR = "separator"  # an empty paragraph 1 pt high put right above the table
    PARAGRAPH = "paragraph"  # the last paragraph above the table
    HEADING = "heading"  # the heading above the table (right above it, or above its last paragraph)
    SPACER = "spacer"  # the empty line under the table above that heading, made 1 pt high


@dataclass(frozen=True)
class Plan:
    """How the writer sets one table: its parts, each after the first on a new page after an empty
    paragraph 1 pt high that says so (two tables need a paragraph between them, or Word joins them),
    and which paragraph starts a new page for the first part, if any (``break_on``)."""

    parts: list[Grid]
    break_on: BreakOn = BreakOn.NONE


Mark = tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class _Block:
    """One of the last blocks above a table: moved to a new page with it, they are set again."""

    kind: BreakOn  # PARAGRAPH, HEADING or SPACER
    text: str
    mark: Mark  # where each estimate stood before it
    keep: Grid | str | None = None  # a heading's: what it is kept with
    last: bool = False  # a paragraph's: the last above table 三


@dataclass
class Pages:
    """The two estimates, advanced block by block as the writer adds them."""

    flows: tuple[Flow, Flow] = field(
        default_factory=lambda: (Flow(WIDE, PAGE - CAUTION, cautious=True), Flow(NARROW, PAGE, cautious=False))
    )
    #: The blocks since the last table or note: the spacer under it, a heading, paragraphs.
    _tail: list[_Block] = field(default_factory=list)

    def _mark(self) -> Mark:
        return tuple((f.page, f.y) for f in self.flows)

    def title(self, lines: int) -> None:
        for flow in self.flows:
            flow.lines(lines, 36.0)
            flow.lines(1, LINE_PITCH)  # the empty line under the title (its space after)
        self._tail = []

    def paragraph(self, text: str, *, last: bool = False) -> None:
        """A body paragraph; ``last``: the last above table 三, which LibreOffice (not Word) may refuse
        to break after its first line: it moves it whole, and the heading above it, to the next page."""
        self._tail.append(_Block(BreakOn.PARAGRAPH, text, self._mark(), last=last))
        self._paragraph(text, last=last)

    def _paragraph(self, text: str, *, last: bool) -> None:
        for flow in self.flows:
            flow.lines(flow.body_lines(text), LINE_PITCH, orphans=LAST_ORPHANS if last and flow.cautious else 1)

    def heading(self, text: str, then: Grid | str | None) -> None:
        """A heading, kept with what follows it: the first rows of a table (``then``), or the first line
        of a paragraph (two, cautiously, of the last above table 三: ``then`` is its text)."""
        self._tail.append(_Block(BreakOn.HEADING, text, self._mark(), keep=then))
        self._heading(text, then)

    def _heading(self, text: str, then: Grid | str | None) -> None:
        for flow in self.flows:
            if isinstance(then, Grid):
                keep = RULE + sum(flow.row_heights(then)[: then.lead_rows()])
            else:
                keep = LINE_PITCH * (min(LAST_ORPHANS, flow.body_lines(then)) if then and flow.cautious else 1)
            flow.lines(flow.body_lines(text), LINE_PITCH, keep=keep)

    def note(self, text: str) -> None:
        """A note under a table, in table text."""
        for flow in self.flows:
            flow.lines(flow.table_lines(text, TEXT_WIDTH), TABLE_PITCH)
        self._tail = []

    def spacer(self) -> None:
        """The empty line under a table."""
        mark = self._mark()
        self.note("")
        self._tail = [_Block(BreakOn.SPACER, "", mark)]

    def table(self, grid: Grid) -> Plan:
        """Advance past ``grid``; a table whose merged labels run down its body (table 三) is broken here."""
        tail, self._tail = self._tail, []
        if not grid.merged_body:
            for flow in self.flows:
                heights = flow.row_heights(grid)
                flow.table(grid, heights, flow.paginate(grid, heights))
            return Plan([grid])
        wide, narrow = self.flows
        heights = wide.row_heights(grid)
        pages = wide.paginate(grid, heights, margin=BREAK_HEIGHT + SAFETY)
        hopeful = narrow.paginate(grid, narrow.row_heights(grid))
        break_on = BreakOn.NONE
        # the page each estimate starts the table on: the real one lies between them
        if wide.page + (not pages[0]) != narrow.page + (not hopeful[0]):
            break_on = self._break(tail)
            pages = wide.paginate(grid, heights, margin=BREAK_HEIGHT + SAFETY)
        for flow in self.flows:
            flow.table(grid, heights if flow is wide else flow.row_heights(grid), pages, forced=True)
        parts = [grid.part(rows) for rows in pages if rows]
        return Plan(parts if len(parts) > 1 else [grid], break_on)

    def _break(self, tail: list[_Block]) -> BreakOn:
        """Start the table on a new page, from the paragraph that makes that certain: right above the
        table when both estimates end the text above on one page; else (its last paragraph runs onto
        the next page in one of them) from that paragraph, which starts on one page in both. A heading
        right above goes along, and then from the spacer above it, lest that spacer alone begin the page
        before. Returns where the break goes; the estimates are set again from there."""
        start = len(tail)  # the blocks set again after the break
        wide, narrow = self.flows
        if wide.page != narrow.page and tail and tail[-1].kind is BreakOn.PARAGRAPH:
            mark = tail[-1].mark
            if mark[0][0] == mark[1][0]:
                start -= 1
        if start > 0 and tail[start - 1].kind is BreakOn.HEADING:
            start -= 1
        if start > 0 and start < len(tail) and tail[start - 1].kind is BreakOn.SPACER:
            start -= 1
        if start == len(tail):
            mark, kind = self._mark(), BreakOn.SEPARATOR
        else:
            mark, kind = tail[start].mark, tail[start].kind
        for (page, y), flow in zip(mark, self.flows, strict=True):
            flow.page, flow.y = page, y
            if not flow.at_top:
                flow.new_page()
            if kind in (BreakOn.SEPARATOR, BreakOn.SPACER):
                flow.lines(1, BREAK_HEIGHT)
        for block in tail[start:]:
            if block.kind is BreakOn.HEADING:
                self._heading(block.text, block.keep)
            elif block.kind is BreakOn.PARAGRAPH:
                self._paragraph(block.text, last=block.last)
        return kind
