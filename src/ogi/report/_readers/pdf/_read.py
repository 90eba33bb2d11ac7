"""Reads text PDFs (as produced by WPS and Word) with PyMuPDF.

Each page is extracted once, as words with positions plus the boxes of drawn paths (ruling lines); ``_layout`` rebuilds
the visual rows and the ruled tables from them. Page headers and footers (page numbers such as
“— 2 —”, running heads) are dropped, a label cell cut by a page break is rejoined, and the result is
the same tab-separated ``Line`` form every reader produces, each line naming its page; the text reader
then finds the report in it.

Bad input never reaches the layout code: an encrypted PDF, a scanned PDF with no text layer, a corrupt
file or one with too many pages is refused with a one-line Chinese ``ReadError`` naming the file.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pymupdf

from ..._errors import InputTooLarge, ReadError
from ..._lines import Line
from ..._model import Report, Source
from .. import register
from .._grid import has_table3_text, report_table_kinds
from ._blocks import Block, Row, Table, join_lines
from ._layout import may_hold_table, page_blocks
from ._page_breaks import join_split_cells
from ._rulings import Rules, rules_from_vectors

#: Pages accepted; a report has 3 to 30. Decided from the page count, before any text is extracted.
MAX_PAGES = 300
#: Words and drawing items per page beyond which a page is not a report page.
MAX_WORDS_PER_PAGE = 20_000
MAX_DRAWINGS_PER_PAGE = 20_000
#: Words and, in the same pass over the page, the boxes of drawn paths (the ruling lines of tables).
_TEXT_FLAGS = pymupdf.TEXTFLAGS_WORDS | pymupdf.TEXT_COLLECT_VECTORS
#: Rows within this fraction of the page height from the top or bottom edge may be headers/footers.
MARGIN = 0.1

_PAGE_NUMBER = re.compile(
    r"^[\s\-－—–―‐_·•]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s\-－—–―‐_·•]*$"
)
_DIGITS = re.compile(r"\d+")
#: A layout gap between a number and a Chinese character (“2024 年”, “第711 号”) is no word space.
_NUMBER_GAP = re.compile(r"(?<=\d) (?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) (?=\d)")


@dataclass(slots=True)
class _Page:
    number: int  # 1-based
    height: float
    blocks: list[Block]


@contextmanager
def _quiet_mupdf() -> Iterator[None]:
    """MuPDF prints repair warnings to stderr; the reader reports problems itself."""
    errors = pymupdf.TOOLS.mupdf_display_errors()
    warnings = pymupdf.TOOLS.mupdf_display_warnings()
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    try:
        yield
    finally:
        pymupdf.TOOLS.mupdf_display_errors(errors)
        pymupdf.TOOLS.mupdf_display_warnings(warnings)


def _open(data: bytes, file: str) -> pymupdf.Document:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises FileDataError, RuntimeError, ValueError for broken files
        raise ReadError(file, "PDF 文件已损坏，无法打开") from exc
    if doc.needs_pass and not doc.authenticate(""):
        doc.close()
        raise ReadError(file, "PDF 已加密，需要密码才能打开；请提供未加密的文件")
    if doc.page_count == 0:
        doc.close()
        raise ReadError(file, "PDF 没有页面")
    if doc.page_count > MAX_PAGES:
        n = doc.page_count
        doc.close()
        raise InputTooLarge(file, f"PDF 共 {n} 页，超过上限 {MAX_PAGES} 页，不像是一份年度报告")
    return doc


def _extract(doc: pymupdf.Document, file: str) -> list[_Page]:
    pages: list[_Page] = []
    images = 0
    for index in range(doc.page_count):
        where = Source(file=file, page=index + 1)
        try:
            page = doc.load_page(index)
            textpage = page.get_textpage(flags=_TEXT_FLAGS)
            words = page.get_text("words", textpage=textpage)
            if len(words) > MAX_WORDS_PER_PAGE:
                raise InputTooLarge(file, f"文字过多（超过 {MAX_WORDS_PER_PAGE} 个词），不像是年度报告", where=where)
            if not words:
                images += bool(page.get_images(full=False))
                pages.append(_Page(index + 1, page.rect.height, []))
                continue
            blocks = textpage.extractDICT()["blocks"] if may_hold_table(words) else []
        except ReadError:
            raise
        except Exception as exc:  # a broken content stream or object on this page
            raise ReadError(file, "页面已损坏，无法读取", where=where) from exc
        rules = rules_from_vectors(blocks) if len(blocks) <= MAX_DRAWINGS_PER_PAGE else Rules()
        pages.append(_Page(index + 1, page.rect.height, page_blocks(words, rules)))
    if not any(p.blocks for p in pages):
        if images:
            raise ReadError(file, "没有文字层（扫描版PDF），无法读取")
        raise ReadError(file, "PDF 中没有文字，无法读取")
    return pages


def _in_margin(row: Row, height: float) -> bool:
    return row.y1 < height * MARGIN or row.y0 > height * (1 - MARGIN)


def _drop_headers_and_footers(pages: list[_Page]) -> None:
    """Remove page numbers and running heads: margin rows that are numbers or recur on most pages."""
    recurring: Counter[str] = Counter()
    for page in pages:
        keys = {_DIGITS.sub("#", b.text) for b in page.blocks if isinstance(b, Row) and _in_margin(b, page.height)}
        recurring.update(keys)
    threshold = max(2, (len(pages) + 1) // 2)
    for page in pages:
        page.blocks = [
            b
            for b in page.blocks
            if not (
                isinstance(b, Row)
                and _in_margin(b, page.height)
                and (_PAGE_NUMBER.match(b.text) or recurring[_DIGITS.sub("#", b.text)] >= threshold)
            )
        ]


def _join_page_breaks(pages: list[_Page]) -> None:
    """A table that ends one page and starts the next is one table cut in two: rejoin split labels."""
    for before, after in itertools.pairwise(pages):
        if before.blocks and after.blocks:
            last, first = before.blocks[-1], after.blocks[0]
            if isinstance(last, Table) and isinstance(first, Table):
                join_split_cells(last, first)


@dataclass(slots=True)
class _Margins:
    """Where full prose lines start and end: a line that reaches ``right`` wraps on to the next one."""

    left: float
    right: float

    @classmethod
    def of(cls, pages: list[_Page]) -> _Margins:
        rows = [b for p in pages for b in p.blocks if isinstance(b, Row) and len(b.cells) == 1]
        if not rows:
            return cls(0.0, 0.0)
        lefts = sorted(r.x0 for r in rows)
        rights = sorted(r.x1 for r in rows)
        return cls(lefts[len(lefts) // 5], rights[len(rights) * 4 // 5])

    def continues(self, prev: Row, row: Row) -> bool:
        """True when ``row`` carries on the paragraph of ``prev`` (prev is full, row is not indented)."""
        size = max(row.y1 - row.y0, 1.0)
        if prev.x1 < self.right - 1.5 * size or row.x0 > self.left + 0.5 * size:
            return False
        return not (_HEADING.match(row.text) and prev.text.endswith(("。", "：", ":", "；")))


_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")


def _lines(pages: list[_Page], file: str) -> list[Line]:
    """Table rows one Line each; prose lines joined into paragraphs (also across a page break)."""
    margins = _Margins.of(pages)
    lines: list[Line] = []
    table_index = 0
    prev_row: Row | None = None  # the last prose line, while a paragraph is open
    for page in pages:
        number = 0
        for block in page.blocks:
            if isinstance(block, Table):
                table_index += 1
                prev_row = None
                for r, cells in enumerate(block.grid, start=1):
                    if any(cells):
                        text = Line.from_cells(cells, Source()).text
                        lines.append(Line(text, Source(file, page.number, table=table_index, row=r, raw=text)))
                continue
            number += 1
            text = Line.from_cells([_NUMBER_GAP.sub("", c) for c in block.cells], Source()).text
            if not text.strip():
                continue
            if prev_row is not None and len(block.cells) == 1 and margins.continues(prev_row, block):
                last = lines[-1]
                joined = join_lines([last.text, text])
                lines[-1] = Line(joined, Source(file, last.source.page, last.source.line, raw=joined))
            else:
                lines.append(Line(text, Source(file, page.number, number, raw=text)))
            prev_row = block if len(block.cells) == 1 else None
    return lines


def pdf_lines(data: bytes, file: str) -> list[Line]:
    """The rows of a PDF as Lines: prose lines and table rows (cells joined by tabs), page by page."""
    with _quiet_mupdf():
        doc = _open(data, file)
        try:
            pages = _extract(doc, file)
        finally:
            doc.close()
    _drop_headers_and_footers(pages)
    _join_page_breaks(pages)
    return _lines(pages, file)


def _garbled(text: str) -> bool:
    """Mostly unmapped glyphs (U+FFFD, private use): fonts without a ToUnicode map give no real text."""
    chars = [ch for ch in text if not ch.isspace()]
    bad = sum(1 for ch in chars if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff")
    return bool(chars) and bad * 2 >= len(chars)


@register("pdf")
def read_pdf(data: bytes, file: str) -> Report:
    lines = pdf_lines(data, file)
    tables = "\n".join(line.text for line in lines if line.source.table is not None)
    text = "" if has_table3_text(tables) else "\n".join(line.text for line in lines)
    if text and not has_table3_text(text) and not report_table_kinds(text):  # a cut report keeps table 二
        if _garbled(text):
            raise ReadError(file, "PDF 的文字无法识别（字体缺少编码映射），无法读取；请提供原始文档或可复制文字的 PDF")
        raise ReadError(file, "未找到表三（收到和处理政府信息公开申请情况），不像是政府信息公开工作年度报告")
    from .._text import parse_lines

    return parse_lines(lines, file=file)
