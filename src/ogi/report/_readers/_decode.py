"""Bytes → text for report files of unknown encoding.

Published reports come as UTF-8 (with or without BOM), GB18030/GBK (older Windows tools) and UTF-16
(Word's “Unicode text”). Strict decoders are tried first because they fail loudly on the wrong
encoding; charset-normalizer is the fallback. Binary content is refused rather than decoded into junk.
"""

from __future__ import annotations

import codecs
import re

from .._errors import ReadError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Control characters that never occur in a text report (tab, newlines, form feed are fine).
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
#: What decoded binary is full of: other control characters, private-use characters, replacement characters.
_IMPLAUSIBLE = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(0x20) if chr(c) not in _ALLOWED_CONTROLS) + "\ue000-\uf8ff\ufffd]"
)


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NUL bytes sit on one side of the byte pairs (ASCII digits, spaces)."""
    sample = data[:65536]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    pairs = len(sample) // 2
    # CJK code units may have a zero low byte (“一” is U+4E00), so the other side is not NUL-free
    if odd > pairs * 0.02 and even * 4 < odd:
        return "utf-16-le"
    if even > pairs * 0.02 and odd * 4 < even:
        return "utf-16-be"
    return None


def _plausible(text: str) -> bool:
    """True when ``text`` looks like human-written text rather than decoded binary."""
    sample = text[:65536]
    if not sample:
        return True
    bad = len(_IMPLAUSIBLE.findall(sample))
    return bad <= max(2, len(sample) // 200)


def decode_bytes(data: bytes, file: str | None = None) -> str:
    """Decode a text report; raises :class:`ReadError` for binary or undecodable content."""
    name = file or "<输入>"
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(name, f"文件声明为 {encoding.upper()} 编码，但第 {exc.start} 字节处无法解码") from exc
            return _checked(text, name)
    utf16 = _bomless_utf16(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            text = ""
        if text and "\x00" not in text and _plausible(text):
            return text
    if b"\x00" in data[:65536]:
        raise ReadError(name, "不是文本文件（含有二进制内容），无法作为年度报告读取")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        best = None
    else:
        best = from_bytes(data).best()
    if best is not None:
        text = str(best)
        if _plausible(text):
            return text
    raise ReadError(name, "无法识别文件的文字编码（不是 UTF-8、GB18030 或 UTF-16 文本），可能是二进制文件")


def _checked(text: str, name: str) -> str:
    if not _plausible(text):
        raise ReadError(name, "不是文本文件（含有大量控制字符），无法作为年度报告读取")
    return text
