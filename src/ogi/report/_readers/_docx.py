"""Reads reports written in Word (.docx), and legacy .doc/.wps through LibreOffice.

The zip is vetted before anything is inflated (declared sizes and compression ratio: a zip bomb is
refused, an .xlsx or another zip is named for what it is); only the main part is then inflated, its real
bytes counted against the limit. The document XML is read directly with lxml:
tracked changes are resolved as accepted (text inside ``w:del``/``w:moveFrom`` is dropped, ``w:ins``
kept), horizontal (``gridSpan``) and vertical (``vMerge``) merges are resolved into grids, and tables
二/三/四 are found by their labels. Paragraphs give the prose.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

from lxml import etree

from .._errors import InputTooLarge, ReadError
from .._model import Report
from . import register
from ._grid import (
    MAX_COLSPAN,
    MAX_GRID_ROWS,
    MAX_TABLES,
    DocumentText,
    SpanCell,
    clean_cell,
    deep_nesting_refused,
    fold_space,
    number_tables,
    place_spans,
    report_table_kinds,
    to_report,
)
from ._libreoffice import convert_to_docx

#: Limits checked on the zip directory before anything is decompressed.
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 10_000
#: The body XML of a real report is well under a megabyte; parsing is what costs time and memory.
MAX_DOCUMENT_XML = 20 * 1024 * 1024

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_VML = "urn:schemas-microsoft-com:vml"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _TBL, _TR, _TC, _T, _SDT = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("t"), _w("sdt")
_WRAPPERS = frozenset({_w("sdt"), _w("sdtContent"), _w("customXml"), _w("smartTag"), _w("ins"), _w("moveTo")})
#: Elements whose content is not the accepted text of the document.
_DROPPED = frozenset(
    {
        _w("del"),
        _w("moveFrom"),
        _w("delText"),
        _w("instrText"),
        _w("delInstrText"),
        _w("sdtPr"),
        _w("rPr"),
        _w("pPr"),
        _w("tblPr"),
        _w("trPr"),
        _w("tcPr"),
        f"{{{_MC}}}Fallback",
    }
)
_BREAKS = frozenset({_w("br"), _w("cr")})
_IMAGES = (_w("drawing"), _w("pict"), _w("object"), f"{{{_VML}}}imagedata")


# --------------------------------------------------------------------------- the zip


#: What zipfile raises on a damaged archive; NotImplementedError for an entry claiming a zip version it
#: does not know (“zip file version 8.4”) or a compression method it lacks.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError)


def check_zip(data: bytes, file: str) -> None:
    """Refuse what is not a .docx, or would expand beyond the limits, before decompressing anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except _ZIP_ERRORS as exc:
        raise ReadError(file, "文件已损坏，不是有效的 Word 文档") from exc
    if len(infos) > MAX_MEMBERS:
        raise InputTooLarge(file, f"压缩包内文件过多（{len(infos)} 个），不是正常的 Word 文档")
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if total > MAX_UNCOMPRESSED:
        raise InputTooLarge(
            file, f"解压后过大（{total // 1024 // 1024} MB，上限 {MAX_UNCOMPRESSED // 1024 // 1024} MB），疑似压缩炸弹"
        )
    if total > 1024 * 1024 and total > MAX_RATIO * max(packed, 1):
        raise InputTooLarge(file, f"压缩比异常（{total // max(packed, 1)} 倍，上限 {MAX_RATIO} 倍），疑似压缩炸弹")
    names = {info.filename: info.file_size for info in infos}
    if names.get("word/document.xml", 0) > MAX_DOCUMENT_XML:
        size = names["word/document.xml"] // 1024 // 1024
        raise InputTooLarge(file, f"文档正文过大（{size} MB，上限 {MAX_DOCUMENT_XML // 1024 // 1024} MB）")
    if "word/document.xml" in names or any(n.startswith("word/") and n.endswith(".xml") for n in names):
        return
    if "xl/workbook.xml" in names:
        raise ReadError(file, "这是 Excel 表格（.xlsx），不是 Word 文档；请提供报告的 Word、PDF 或网页版本")
    if "ppt/presentation.xml" in names:
        raise ReadError(file, "这是 PowerPoint 演示文稿（.pptx），不是 Word 文档")
    if "mimetype" in names or "content.xml" in names:
        raise ReadError(file, "这是 OpenDocument 文件（如 .odt），请另存为 .docx 后再读取")
    raise ReadError(file, "这是一个 zip 压缩包，不是 Word 文档（.docx）")


_PACKAGE_RELS = "_rels/.rels"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
#: The parser python-docx uses: no entities resolved, no network, ignorable blanks dropped.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def inflate(zf: zipfile.ZipFile, name: str, file: str, limit: int) -> bytes:
    """A member's bytes, inflated a chunk at a time and counted: a directory that under-states a member's size
    cannot make this expand past ``limit`` (python-docx would inflate every member whole)."""
    out = bytearray()
    try:
        with zf.open(name) as member:
            while chunk := member.read(64 * 1024):
                out += chunk
                if len(out) > limit:
                    raise InputTooLarge(file, f"解压后过大（{name} 超过 {limit // 1024 // 1024} MB），疑似压缩炸弹")
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, zlib.error) as exc:
        raise ReadError(file, "Word 文档已损坏，无法解压") from exc
    return bytes(out)


def _main_part(zf: zipfile.ZipFile, file: str) -> str:
    """The document part named by the package relationships (word/document.xml in every real file)."""
    names = set(zf.namelist())
    if _PACKAGE_RELS in names:
        rels = _parse(inflate(zf, _PACKAGE_RELS, file, MAX_DOCUMENT_XML), file)
        for rel in rels.iter(_RELS):
            if rel.get("Type") == _OFFICE_DOCUMENT:
                target = (rel.get("Target") or "").lstrip("/")
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise ReadError(file, "Word 文档已损坏：找不到正文（word/document.xml）")


def _parse(xml: bytes, file: str) -> etree._Element:
    try:
        return etree.fromstring(xml, parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError(file, "Word 文档已损坏：正文不是完整的 XML") from exc


def _body(data: bytes, file: str) -> etree._Element:
    """The ``w:body`` of the main document part, read without python-docx (it inflates every part)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS as exc:
        raise ReadError(file, "文件已损坏，不是有效的 Word 文档") from exc
    with zf:
        root = _parse(inflate(zf, _main_part(zf, file), file, MAX_DOCUMENT_XML), file)
    body = root.find(_w("body"))
    if body is None:
        raise ReadError(file, "Word 文档已损坏：正文中没有内容（缺少 w:body）")
    return body


# --------------------------------------------------------------------------- XML text


def _children(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with ``tag``, looking through content controls and other transparent wrappers."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _accepted_text(element: etree._Element, *, breaks: str) -> str:
    """The text of ``element`` with tracked changes accepted; a line break becomes ``breaks``."""
    out: list[str] = []
    stack = [iter([element])]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        tag = node.tag
        if not isinstance(tag, str) or tag in _DROPPED:
            continue
        if tag == _T:
            out.append(node.text or "")
        elif tag == _w("tab"):
            out.append("\t")
        elif tag in _BREAKS:
            out.append(breaks)
        elif tag == _w("noBreakHyphen"):
            out.append("-")
        elif tag == _P and out and out[-1] != breaks:
            out.append(breaks)
        stack.append(iter(node))
    return "".join(out)


def _attr(element: etree._Element | None, name: str = "val") -> str | None:
    return None if element is None else element.get(_w(name))


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def table_grid(tbl: etree._Element) -> list[list[str]]:
    """A ``w:tbl`` on a rectangular grid: a merged cell's text at its top-left, covered positions "".

    ``gridSpan`` widens a cell, a ``vMerge`` continuation (and legacy ``hMerge``) is a covered position,
    ``gridBefore`` skips leading columns; rows deleted with tracked changes are left out.
    """
    rows: list[list[SpanCell]] = []
    for tr in _children(tbl, _TR):
        if len(rows) >= MAX_GRID_ROWS:
            break
        tr_pr = tr.find(_w("trPr"))
        if tr_pr is not None and tr_pr.find(_w("del")) is not None:
            continue
        skipped = _int(_attr(tr_pr.find(_w("gridBefore"))), 0) if tr_pr is not None else 0
        cells = [SpanCell("", min(skipped, MAX_COLSPAN))] if skipped > 0 else []
        for tc in _children(tr, _TC):
            tc_pr = tc.find(_w("tcPr"))
            if tc_pr is not None and tc_pr.find(_w("cellDel")) is not None:
                continue
            span = _int(_attr(tc_pr.find(_w("gridSpan")) if tc_pr is not None else None), 1)
            covered = False
            if tc_pr is not None:
                for merge in (tc_pr.find(_w("vMerge")), tc_pr.find(_w("hMerge"))):
                    if merge is not None and _attr(merge) in (None, "continue"):
                        covered = True
            text = "" if covered else clean_cell(_cell_text(tc))
            cells.append(SpanCell(text, span))
        rows.append(cells)
    return place_spans(rows)


def _cell_text(tc: etree._Element) -> str:
    """A cell's own paragraphs run together (a wrapped label is one label); nested tables are not its text."""
    return "".join(_accepted_text(p, breaks="") for p in _children(tc, _P))


# --------------------------------------------------------------------------- the document


def _report_tables(tables: list[etree._Element]) -> set[etree._Element]:
    """Tables holding the labels of tables 二/三/四, innermost only (not a layout table around them)."""
    matching = [t for t in tables if report_table_kinds(_accepted_text(t, breaks="\n"))]
    outer = {parent for t in matching for parent in t.iterancestors(_TBL)}
    return {t for t in matching if t not in outer}


def _paragraph(p: etree._Element, doc: DocumentText) -> None:
    for line in _accepted_text(p, breaks="\n").split("\n"):
        text = "\t".join(fold_space(part) for part in line.split("\t")).strip("\t")
        if text:
            doc.add_text(text)


def _walk(element: etree._Element, found: set[etree._Element], number: dict[int, int], doc: DocumentText) -> None:
    """Document order: paragraphs as text lines, report tables as grid lines, other tables' cells as text."""
    for child in element:
        tag = child.tag
        if tag == _P:
            _paragraph(child, doc)
        elif tag == _TBL:
            if child in found:
                doc.add_table(number[id(child)], table_grid(child))
            else:
                for tr in _children(child, _TR):
                    for tc in _children(tr, _TC):
                        _walk(tc, found, number, doc)
        elif tag in _WRAPPERS:
            _walk(child, found, number, doc)


def docx_text(data: bytes, file: str) -> DocumentText:
    """The document reduced to Lines: paragraphs and the report tables as grids, in document order."""
    check_zip(data, file)
    body = _body(data, file)
    tables = list(body.iter(_TBL))
    if len(tables) > MAX_TABLES:
        raise InputTooLarge(file, f"文档中表格过多（{len(tables)} 个，上限 {MAX_TABLES} 个），不像年度报告")
    found = _report_tables(tables)
    number = number_tables(tables, found, nests=lambda t: next(t.iterdescendants(_TBL), None) is not None)
    doc = DocumentText(file=file)
    doc.images = next(body.iter(*_IMAGES), None) is not None
    with deep_nesting_refused(file, "文档结构嵌套过深，无法读取"):
        _walk(body, found, number, doc)
    return doc


@register("docx")
def read_docx(data: bytes, file: str) -> Report:
    return to_report(docx_text(data, file))


@register("doc")
def read_doc(data: bytes, file: str) -> Report:
    """Legacy .doc/.wps: converted by LibreOffice when installed, else a clear ReadError."""
    return read_docx(convert_to_docx(data, file), file)
