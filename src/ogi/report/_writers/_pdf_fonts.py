"""The typefaces of the PDF: GB/T 9704's four, set in the best free substitutes installed.

=========  ====================  ==========================================================
role       official              free substitute, in order of preference
=========  ====================  ==========================================================
title      方正小标宋简体          Noto Serif CJK SC Bold; else AR PL UMing CN (明体) set heavier with a stroke
body       仿宋_GB2312            Noto Serif CJK SC Light, Noto Serif CJK SC; else AR PL UMing CN,
                                 AR PL SungtiL GB (no free 仿宋 is packaged: a light 宋体 is nearest in colour)
heading    黑体                   Noto Sans CJK SC Medium, Noto Sans CJK SC; else WenQuanYi Zen Hei,
                                 else Droid Sans Fallback set heavier
subhead    楷体_GB2312            AR PL UKai CN, AR PL KaitiM GB, else the body face
=========  ====================  ==========================================================

Debian packages them as fonts-noto-cjk (Regular and Bold), fonts-noto-cjk-extra (Light, Medium…),
fonts-arphic-uming, fonts-arphic-ukai (``make test`` installs these), fonts-arphic-gbsn00lp,
fonts-arphic-gkai00mp and fonts-wqy-zenhei; Droid Sans Fallback ships inside PyMuPDF. A machine
without Noto still writes PDFs, in the TrueType faces.

Collections (.ttc) hold several faces; the Simplified Chinese one is cut out of the file (an sfnt face
is its table directory plus the tables it points to) so that the glyphs are the Chinese ones. Layout
measures text in the whole face. What is embedded is a subset: MuPDF subsets TrueType faces as the PDF
is saved, but embeds a CFF-flavoured face (Noto CJK) whole, 20 MB a face, so :func:`embedded` builds
those a font of their own, with fontTools, holding the glyphs of the characters the document uses.
"""

from __future__ import annotations

import copy
import functools
import io
import mmap
import struct
import threading
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import pymupdf

#: Where Debian and users install fonts.
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts")


class Typeface(Enum):
    TITLE = "title"
    BODY = "body"
    HEADING = "heading"
    SUBHEADING = "subheading"


#: Per role: (file name, the face's family name in the collection, set with a stroke to look heavier)
#: in order of preference.
_CHOICES: dict[Typeface, tuple[tuple[str, str, bool], ...]] = {
    Typeface.TITLE: (
        ("NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC", False),
        ("uming.ttc", "AR PL UMing CN", True),
        ("gbsn00lp.ttf", "AR PL SungtiL GB", True),
    ),
    Typeface.BODY: (
        ("NotoSerifCJK-Light.ttc", "Noto Serif CJK SC", False),
        ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC", False),
        ("uming.ttc", "AR PL UMing CN", False),
        ("gbsn00lp.ttf", "AR PL SungtiL GB", False),
    ),
    Typeface.HEADING: (
        ("NotoSansCJK-Medium.ttc", "Noto Sans CJK SC", False),
        ("NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", False),
        ("wqy-zenhei.ttc", "WenQuanYi Zen Hei", False),
    ),
    Typeface.SUBHEADING: (("ukai.ttc", "AR PL UKai CN", False), ("gkai00mp.ttf", "AR PL KaitiM GB", False)),
}


@dataclass(frozen=True)
class Face:
    """A font for one role; ``embolden`` when it is the fallback standing in for a heavier face.

    ``font`` is the whole face, for measuring. ``source`` is (file, face index) for a CFF face, which
    :func:`embedded` subsets; None for a TrueType face, which MuPDF subsets itself.
    """

    font: pymupdf.Font
    embolden: bool = False
    source: tuple[Path, int] | None = None


@functools.cache
def face(role: Typeface) -> Face:
    """The font set for ``role``: the installed substitute, else the body's, else PyMuPDF's own CJK font."""
    for file, family, embolden in _CHOICES[role]:
        found = _load(file, family)
        if found is not None:
            path, data, index, cff = found
            return Face(pymupdf.Font(fontbuffer=data), embolden, (path, index) if cff else None)
    if role is Typeface.SUBHEADING:
        return face(Typeface.BODY)
    builtin = pymupdf.Font("cjk")
    return Face(builtin, embolden=role in (Typeface.TITLE, Typeface.HEADING))


def embedded(texts: dict[Typeface, str]) -> dict[Typeface, pymupdf.Font]:
    """The font to write each role's text in: a CFF face cut down to the characters its roles use (all
    the text set in that face, so that two roles sharing a face embed one subset), a TrueType face as is."""
    by_source: dict[tuple[Path, int], set[str]] = {}
    for role, text in texts.items():
        source = face(role).source
        if source is not None:
            by_source.setdefault(source, set()).update(text)
    out = {}
    for role in texts:
        source = face(role).source
        whole = face(role).font
        out[role] = whole if source is None else _subset(whole, *source, "".join(sorted(by_source[source])))
    return out


@functools.lru_cache(maxsize=8)
def _subset(whole: pymupdf.Font, path: Path, index: int, chars: str) -> pymupdf.Font:
    """Face ``index`` of ``path`` (``whole`` as loaded for layout) holding only the glyphs of ``chars``
    (cached: a document written twice)."""
    glyphs = {ord(c): whole.has_glyph(ord(c)) for c in chars}
    return pymupdf.Font(fontbuffer=_outlines(path, index).subset({c: g for c, g in glyphs.items() if g}))


@functools.cache
def _outlines(path: Path, index: int) -> _Outlines:
    return _Outlines(path, index)


class _Outlines:
    """The glyphs of one CFF face, for building subsets of it.

    fontTools' own subsetter takes 0.2 s a face before the first glyph (it reads the whole face again
    each time) and some 1 ms a glyph. Here the face is opened once, each glyph is drawn once into a
    charstring of its own (no subroutines, no hints: the PDF needs neither) and kept, and a subset is a
    small name-keyed CFF font put together from those: a few milliseconds once its glyphs have been
    drawn. Name-keyed, its glyph indices are its CIDs, as MuPDF writes them into the page (a subset of
    the CID-keyed original would keep the original CIDs, and show the wrong glyphs).

    The file is mapped, not read: fontTools reads the 20 MB of outlines from the mapping as glyphs are
    drawn, the advance widths come from the ``hmtx`` table in place, and characters are looked up in the
    whole face MuPDF loaded for layout. A face open this way holds some 10 MB, not 50.
    """

    def __init__(self, path: Path, index: int) -> None:
        from fontTools.cffLib import CFFFontSet  # imported when first needed
        from fontTools.ttLib import TTFont

        with path.open("rb") as file:
            self.data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        self.face = TTFont(_Window(self.data, 0, len(self.data)), fontNumber=index, lazy=True)  # no open file
        cff, hmtx = self.face.reader.tables["CFF "], self.face.reader.tables["hmtx"]
        outlines = CFFFontSet()
        outlines.decompile(_Window(self.data, cff.offset, cff.length), self.face, isCFF2=False)
        self.top = outlines.topDictIndex[0]
        self.hmtx = hmtx.offset
        self.hmetrics = self.face["hhea"].numberOfHMetrics
        self.tables = {tag: self.face[tag] for tag in ("head", "hhea", "OS/2", "name", "post")}  # for each subset
        self.ps_name = self.face["name"].getDebugName(6)
        self.drawn: dict[int, bytes] = {}
        self.lock = threading.Lock()  # fontTools reads the outlines as it goes: one reader at a time

    def subset(self, glyphs: dict[int, int]) -> bytes:
        """An OpenType (CFF) font with the glyph of each character of ``glyphs`` (code point → glyph
        index in the face), .notdef first, and the face's names."""
        from fontTools.fontBuilder import FontBuilder
        from fontTools.misc.psCharStrings import T2CharString
        from fontTools.ttLib import TTFont

        order = [0, *sorted(set(glyphs.values()) - {0})]
        names = {gid: ".notdef" if i == 0 else f"g{i}" for i, gid in enumerate(order)}
        with self.lock:
            charstrings = {names[gid]: T2CharString(bytecode=self._draw(gid)) for gid in order}
        font = TTFont(recalcBBoxes=False, recalcTimestamp=False)  # the face's own bounds and dates
        font.setGlyphOrder(list(charstrings))
        for tag, table in self.tables.items():
            font[tag] = copy.deepcopy(table)
        builder = FontBuilder(font=font)
        builder.setupCharacterMap({code: names[gid] for code, gid in glyphs.items()})
        builder.setupHorizontalMetrics({names[gid]: self._metric(gid) for gid in order})
        info = {key: getattr(self.top, key) for key in ("FullName", "FamilyName", "Weight", "FontBBox", "Notice")}
        builder.setupCFF(self.ps_name, info, charstrings, {})
        builder.setupMaxp()
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()

    def _draw(self, gid: int) -> bytes:
        """The glyph's outline as a standalone charstring (its advance first: the default width is 0)."""
        code = self.drawn.get(gid)
        if code is None:
            from fontTools.pens.t2CharStringPen import T2CharStringPen

            pen = T2CharStringPen(self._metric(gid)[0], None)
            self.top.CharStrings[self.top.charset[gid]].draw(pen)
            charstring = pen.getCharString()
            charstring.compile()
            code = self.drawn[gid] = charstring.bytecode
        return code

    def _metric(self, gid: int) -> tuple[int, int]:
        """(advance width, left side bearing) of a glyph, from the ``hmtx`` table."""
        last = self.hmetrics - 1
        if gid <= last:
            return struct.unpack_from(">Hh", self.data, self.hmtx + 4 * gid)
        (advance,) = struct.unpack_from(">H", self.data, self.hmtx + 4 * last)
        (bearing,) = struct.unpack_from(">h", self.data, self.hmtx + 4 * self.hmetrics + 2 * (gid - self.hmetrics))
        return advance, bearing


class _Window:
    """Part of a mapped font file as a file: fontTools reads the outlines from it in place."""

    def __init__(self, data: mmap.mmap, offset: int, length: int) -> None:
        self.data, self.start, self.end, self.at = data, offset, offset + length, offset

    def read(self, size: int = -1) -> bytes:
        stop = self.end if size < 0 else min(self.end, self.at + size)
        out, self.at = self.data[self.at : stop], stop
        return out

    def seek(self, offset: int, whence: int = 0) -> int:
        self.at = (self.start, self.at, self.end)[whence] + offset
        return self.at - self.start

    def tell(self) -> int:
        return self.at - self.start


#: Where Debian's packages put them (looked at first: a walk over every font is slower).
_PACKAGE_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/truetype/arphic"),
    Path("/usr/share/fonts/truetype/arphic-gbsn00lp"),
    Path("/usr/share/fonts/truetype/arphic-gkai00mp"),
    Path("/usr/share/fonts/truetype/wqy"),
)


@functools.cache
def _find(name: str) -> Path | None:
    for folder in _PACKAGE_DIRS:
        if (folder / name).is_file():
            return folder / name
    for root in FONT_DIRS:
        if root.is_dir():
            found = next(root.rglob(name), None)
            if found is not None:
                return found
    return None


def _load(file: str, family: str) -> tuple[Path, bytes, int, bool] | None:
    """(path, the face as a standalone font file, its index in the file, whether its outlines are CFF) of
    the installed font ``file``; a collection's face is the one named ``family``. None when not installed
    or when the collection holds no such face."""
    path = _find(file)
    if path is None:
        return None
    data = path.read_bytes()
    if data[:4] != b"ttcf":
        return path, data, 0, _is_cff(_tables(data, 0))
    found = _collection_face(data, family)
    if found is None:
        return None
    index, offset, tables = found
    return path, _standalone(data, offset, tables), index, _is_cff(tables)


def _collection_face(data: bytes, family: str) -> tuple[int, int, dict[bytes, tuple[int, int]]] | None:
    """(index, offset, table directory) of the collection's face named ``family`` or ``family`` + a style."""
    (count,) = struct.unpack_from(">I", data, 8)
    for i in range(count):
        (offset,) = struct.unpack_from(">I", data, 12 + 4 * i)
        tables = _tables(data, offset)
        name = tables.get(b"name")
        found = _family(data[name[0] : name[0] + name[1]]) if name is not None else None
        if found is not None and (found == family or found.startswith(family + " ")):
            return i, offset, tables
    return None


def _is_cff(tables: dict[bytes, tuple[int, int]]) -> bool:
    return b"CFF " in tables or b"CFF2" in tables


def _tables(data: bytes, offset: int) -> dict[bytes, tuple[int, int]]:
    (num,) = struct.unpack_from(">H", data, offset + 4)
    out = {}
    for k in range(num):
        tag, _checksum, start, length = struct.unpack_from(">4sIII", data, offset + 12 + 16 * k)
        out[tag] = (start, length)
    return out


def _standalone(data: bytes, offset: int, tables: dict[bytes, tuple[int, int]]) -> bytes:
    """The sfnt at ``offset`` rebuilt with its tables right after its own directory."""
    header = bytearray(data[offset : offset + 12])
    records = bytearray()
    body = bytearray()
    position = 12 + 16 * len(tables)
    for k in range(len(tables)):
        tag, checksum, start, length = struct.unpack_from(">4sIII", data, offset + 12 + 16 * k)
        records += struct.pack(">4sIII", tag, checksum, position + len(body), length)
        body += data[start : start + length]
        body += b"\0" * (-len(body) % 4)
    return bytes(header + records + body)


def _family(name_table: bytes) -> str | None:
    """Name ID 1 (family) of a ``name`` table, from its Windows Unicode record."""
    _format, count, strings = struct.unpack_from(">HHH", name_table, 0)
    for k in range(count):
        platform, _encoding, _language, name_id, length, start = struct.unpack_from(">HHHHHH", name_table, 6 + 12 * k)
        if platform == 3 and name_id == 1:
            return name_table[strings + start : strings + start + length].decode("utf-16-be")
    return None
