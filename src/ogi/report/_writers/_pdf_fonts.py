"""The typefaces of the PDF: GB/T 9704's four, set in the best free substitutes installed.

=========  ====================  ==========================================================
role       official              free substitute, in order of preference
=========  ====================  ==========================================================
title      方正小标宋简体          AR PL UMing CN (明体) set heavier with a stroke
body       仿宋_GB2312            AR PL UMing CN, AR PL SungtiL GB (no free 仿宋 is packaged)
heading    黑体                   WenQuanYi Zen Hei, else Droid Sans Fallback set heavier
subhead    楷体_GB2312            AR PL UKai CN, AR PL KaitiM GB, else the body face
=========  ====================  ==========================================================

Debian packages them as fonts-arphic-uming, fonts-arphic-ukai (``make test`` installs them),
fonts-arphic-gbsn00lp, fonts-arphic-gkai00mp and fonts-wqy-zenhei; Droid Sans Fallback ships inside
PyMuPDF. The Noto CJK faces (fonts-noto-cjk) would be the better 宋体 and 黑体, but their outlines are
CFF: MuPDF embeds them whole (20 MB a face) and fontTools takes some 20 s a document to subset them,
where these TrueType faces are subset as the PDF is written. Collections (.ttc) hold several faces;
the Simplified Chinese one is cut out of the file (an sfnt face is its table directory plus the
tables it points to) so that the glyphs are the Chinese ones.
"""

from __future__ import annotations

import functools
import struct
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
#: in order of preference; TrueType outlines only (see above).
_CHOICES: dict[Typeface, tuple[tuple[str, str, bool], ...]] = {
    Typeface.TITLE: (("uming.ttc", "AR PL UMing CN", True), ("gbsn00lp.ttf", "AR PL SungtiL GB", True)),
    Typeface.BODY: (("uming.ttc", "AR PL UMing CN", False), ("gbsn00lp.ttf", "AR PL SungtiL GB", False)),
    Typeface.HEADING: (("wqy-zenhei.ttc", "WenQuanYi Zen Hei", False),),
    Typeface.SUBHEADING: (("ukai.ttc", "AR PL UKai CN", False), ("gkai00mp.ttf", "AR PL KaitiM GB", False)),
}


@dataclass(frozen=True)
class Face:
    """A font for one role; ``embolden`` when it is the fallback standing in for a heavier face."""

    font: pymupdf.Font
    embolden: bool = False


@functools.cache
def face(role: Typeface) -> Face:
    """The font set for ``role``: the installed substitute, else the body's, else PyMuPDF's own CJK font."""
    for file, family, embolden in _CHOICES[role]:
        path = _find(file)
        data = (collection_face(path, family) or path.read_bytes()) if path else None
        if data is not None:
            return Face(pymupdf.Font(fontbuffer=data), embolden)
    if role is Typeface.SUBHEADING:
        return face(Typeface.BODY)
    builtin = pymupdf.Font("cjk")
    return Face(builtin, embolden=role in (Typeface.TITLE, Typeface.HEADING))


#: Where Debian's packages put them (looked at first: a walk over every font is slower).
_PACKAGE_DIRS = (
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


def collection_face(path: Path, family: str) -> bytes | None:
    """The face of the collection at ``path`` whose family name starts with ``family``, as a standalone
    font file; None when the file is not a collection (a single font) or holds no such face."""
    data = path.read_bytes()
    if data[:4] != b"ttcf":
        return None
    (count,) = struct.unpack_from(">I", data, 8)
    for i in range(count):
        (offset,) = struct.unpack_from(">I", data, 12 + 4 * i)
        tables = _tables(data, offset)
        name = tables.get(b"name")
        found = _family(data[name[0] : name[0] + name[1]]) if name is not None else None
        if found is not None and (found == family or found.startswith(family + " ")):
            return _standalone(data, offset, tables)
    return None


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
