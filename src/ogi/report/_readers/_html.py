"""Reads reports published as web pages: whole pages as saved from government sites.

The page is decoded (BOM, declared charset, UTF-8, GB18030, then detection), tables 二/三/四 are found by
their labels (the innermost table holding them, wherever layout tables nest them), their merged cells
are resolved into grids, and the article text around them gives the prose. The Lines go to the text
reader like any other input.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction, Script, Stylesheet

from .._errors import InputTooLarge
from .._format import SECTION_BY_NUMBER, normalize_label
from .._model import Report
from . import register
from ._grid import (
    MAX_GRID_ROWS,
    MAX_ROWSPAN,
    MAX_TABLES,
    DocumentText,
    SpanCell,
    clean_cell,
    deep_nesting_refused,
    fold_space,
    number_tables,
    place_spans,
    report_table_kinds,
    title_line,
    to_report,
)

#: Markup left after scripts, styles, comments and inline images are dropped; real pages are far smaller.
MAX_HTML_CHARS = 4_000_000

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "hz-gb-2312", "csgb2312"}
_NOISE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_DATA_URI = re.compile(r"""data:[^\s"'>]{256,}""")
_TABLE_TAG = re.compile(r"<table\b", re.I)

_SKIP = frozenset(
    (
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "canvas",
        "iframe",
        "object",
        "embed",
        "select",
        "option",
        "textarea",
        "button",
        "input",
        "nav",
        "head",
        "map",
        "audio",
        "video",
    )
)
_BLOCK = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
    )
)
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction, Script, Stylesheet)


def decode_html(data: bytes) -> str:
    """The page as text: BOM, then the declared charset, then strict UTF-8, GB18030, detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    match = _META_CHARSET.search(data[:8192])
    if match:
        declared = match.group(1).decode("ascii", errors="ignore").lower()
        declared = "gb18030" if declared in _GB_FAMILY else declared
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common: fall through to the content
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------- tables


def _span(value: object, *, zero_means_rest: bool) -> int:
    """A span attribute as an int: garbage → 1; rowspan="0" spans the rest of the table (as browsers do)."""
    match = re.match(r"\s*(\d{1,7})", str(value or ""))
    if not match:
        return 1
    number = int(match.group(1))
    if number == 0:
        return MAX_ROWSPAN if zero_means_rest else 1
    return number


def _own_rows(table: Tag) -> Iterator[Tag]:
    """The rows of this table only (not of tables nested in its cells)."""
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr":
            yield child
        elif child.name in ("thead", "tbody", "tfoot"):
            yield from (row for row in child.children if isinstance(row, Tag) and row.name == "tr")


def table_grid(table: Tag) -> list[list[str]]:
    """The table's cells on a rectangular grid: a merged cell's text at its top-left, covered positions "".

    Spans are resolved as a browser does, malformed spans clipped (see :func:`place_spans`); at most
    ``MAX_GRID_ROWS`` rows are read.
    """
    rows: list[list[SpanCell]] = []
    for tr in _own_rows(table):
        if len(rows) >= MAX_GRID_ROWS:
            break
        cells = [
            SpanCell(
                clean_cell(td.get_text()),
                _span(td.get("colspan"), zero_means_rest=False),
                _span(td.get("rowspan"), zero_means_rest=True),
            )
            for td in tr.children
            if isinstance(td, Tag) and td.name in ("td", "th")
        ]
        rows.append(cells)
    return place_spans(rows)


def _report_tables(tables: list[Tag]) -> list[Tag]:
    """Tables holding the labels of tables 二/三/四, innermost first: a layout table around them is not one."""
    matching = [t for t in tables if report_table_kinds(t.get_text())]
    outer: set[int] = set()
    for table in matching:
        outer.update(id(parent) for parent in table.find_parents("table"))
    return [t for t in matching if id(t) not in outer]


# --------------------------------------------------------------------------- prose


def _hidden(tag: Tag) -> bool:
    style = str(tag.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or tag.has_attr("hidden")


def _article(soup: BeautifulSoup, tables: list[Tag]) -> Tag:
    """The element holding the report: the common ancestor of its tables, widened to reach 一、总体情况."""
    body = soup.body or soup
    if not tables:
        return body
    chains = [[t, *t.parents] for t in tables]
    common = next(node for node in chains[0] if all(any(node is n for n in chain) for chain in chains[1:]))
    key = SECTION_BY_NUMBER["1"].keys[0]
    node: Tag = common if isinstance(common, Tag) else body
    while node is not body and node.parent is not None and key not in normalize_label(node.get_text()):
        node = node.parent
    return node


def _walk(root: Tag, report_tables: dict[int, int], grids: dict[int, list[list[str]]], doc: DocumentText) -> None:
    """Document order: text runs grouped into lines at block boundaries; report tables as grid lines."""
    buf: list[str] = []

    def flush() -> None:
        text = fold_space("".join(buf))
        buf.clear()
        if text:
            doc.add_text(text)

    stack: list[Iterator[object]] = [iter(root.children)]
    blocks: list[bool] = [False]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            if blocks.pop():
                flush()
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, _NOT_TEXT):
                buf.append(str(node))
            continue
        if not isinstance(node, Tag) or node.name in _SKIP or _hidden(node):
            continue
        if node.name == "br":
            flush()
            continue
        if node.name == "img":
            doc.images = True
            continue
        if id(node) in report_tables:
            flush()
            doc.add_table(report_tables[id(node)], grids[id(node)])
            continue
        is_block = node.name in _BLOCK
        if is_block:
            flush()
        stack.append(iter(node.children))
        blocks.append(is_block)
    flush()


def _title(soup: BeautifulSoup) -> str | None:
    for meta_name in ("ArticleTitle", "title", "og:title"):
        meta = soup.find("meta", attrs={"name": meta_name}) or soup.find("meta", attrs={"property": meta_name})
        if isinstance(meta, Tag) and meta.get("content"):
            return title_line(str(meta["content"]))
    for level in ("h1", "h2", "h3"):
        for heading in soup.find_all(level, limit=20):
            text = heading.get_text()
            if "年度报告" in normalize_label(text):
                return title_line(text)
    if soup.title and soup.title.string:
        return title_line(str(soup.title.string))
    return None


#: Meta names (or properties) under which portals state when a page was published, lower-cased.
_PUBLISHED_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "og:release_date")
_DATE_LIKE = re.compile(r"(?:19|20)\d\d\s*[-/年.]\s*\d{1,2}\s*[-/月.]\s*\d{1,2}")


def _published(soup: BeautifulSoup) -> str | None:
    """The publication date from the page's metadata (``<meta name="PubDate">`` of government CMSs)."""
    for meta in soup.find_all("meta", limit=200):
        key = str(meta.get("name") or meta.get("property") or "").strip().lower()
        content = clean_cell(str(meta.get("content") or ""))
        if key in _PUBLISHED_META and _DATE_LIKE.search(content):
            return content
    return None


def html_text(data: bytes, file: str) -> DocumentText:
    """The page reduced to Lines: title, prose and the report tables as grids, in document order."""
    text = _NOISE.sub(" ", decode_html(data))
    text = _DATA_URI.sub("data:", text)
    if len(text) > MAX_HTML_CHARS:
        size = f"{len(text) // 1_000_000} MB，上限 {MAX_HTML_CHARS // 1_000_000} MB"
        raise InputTooLarge(file, f"网页内容过大（{size}）")
    n_tables = len(_TABLE_TAG.findall(text))
    if n_tables > MAX_TABLES:
        raise InputTooLarge(file, f"网页中表格过多（{n_tables} 个，上限 {MAX_TABLES} 个），不像年度报告页面")
    with deep_nesting_refused(file, "网页标记嵌套过深，无法读取"):
        soup = BeautifulSoup(text, "lxml")
        tables = soup.find_all("table")
        found = _report_tables(tables)
        number = number_tables(tables, found, nests=lambda t: t.find("table") is not None)
        report_tables = {id(t): number[id(t)] for t in found}
        grids = {id(t): table_grid(t) for t in found}
        doc = DocumentText(file=file, title=_title(soup), published=_published(soup))
        _walk(_article(soup, found), report_tables, grids, doc)
    return doc


@register("html")
def read_html(data: bytes, file: str) -> Report:
    return to_report(html_text(data, file))
