"""Mutations of report files, one family per input format, as a careless converter or a hostile user makes them.

Every mutator takes the seed bytes and a ``random.Random`` and returns new bytes; the same random state
gives the same output, so an input found by the harness is reproduced from its seed and index alone.
The mutations aim at what reports really suffer (a cell printing “64%” or “约30”, a label cut short, a
line lost, a table cell merged strangely, another encoding) and at what a parser must survive (flipped
bytes, truncation, splices, values of absurd size).
"""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from collections.abc import Callable

#: What a count cell may print instead of a count.
ODD_NUMBERS = (
    "-3",
    "64%",
    "约30",
    "12345678901234567890",
    "",
    "１２",
    "3.5",
    "1e9",
    "1e999",
    "∞",
    "NaN",
    "一百",
    "/",
    "—",
    "0" * 400,
    "9" * 4000,
    "1,234",
    "１，２３４",
    "(5)",
    "+7",
)
#: Junk a converter or an editor leaves in text.
JUNK = ("\x00", "\ufeff", "\u200b", "\u202e", "\r", "\t" * 50, "\x0c", "�", "　" * 30, "|" * 40, "<", "&amp;", "\\")
LABEL_CUTS = ("（一）", "（二）", "（三）", "三、", "1.", "其他", "总计", "予以", "本年", "行政")
_NUMBER = re.compile(r"\d+")

Mutator = Callable[[bytes, random.Random], bytes]


# --------------------------------------------------------------------------- bytes


def _span(rng: random.Random, size: int) -> tuple[int, int]:
    start = rng.randrange(size + 1)
    return start, min(size, start + rng.choice((1, 2, 8, 64, 512, 4096)))


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One blind byte-level change: flip, insert, delete, repeat or truncate."""
    if not data:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(64)))
    buf = bytearray(data)
    op = rng.randrange(6)
    if op == 0:
        for _ in range(rng.choice((1, 4, 32))):
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
    elif op == 1:
        at = rng.randrange(len(buf) + 1)
        buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.choice((1, 8, 200))))
    elif op == 2:
        start, end = _span(rng, len(buf))
        del buf[start:end]
    elif op == 3:
        start, end = _span(rng, len(buf))
        buf[end:end] = buf[start:end] * rng.choice((2, 10, 100))
    elif op == 4:
        del buf[rng.randrange(len(buf) + 1) :]
    else:
        start, end = _span(rng, len(buf))
        buf[start:end] = bytes(end - start)
    return bytes(buf)


# --------------------------------------------------------------------------- text


def _replace_number(text: str, rng: random.Random) -> str:
    matches = list(_NUMBER.finditer(text))
    if not matches:
        return text
    m = rng.choice(matches)
    return text[: m.start()] + rng.choice(ODD_NUMBERS) + text[m.end() :]


def _lines_op(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    op = rng.randrange(6)
    if op == 0:
        del lines[i : i + rng.choice((1, 1, 3, 20))]
    elif op == 1:
        lines.insert(j, lines[i])
    elif op == 2:
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 3 and i + 1 < len(lines):
        lines[i : i + 2] = [lines[i] + lines[i + 1]]
    elif op == 4:
        cut = rng.randrange(len(lines[i]) + 1)
        lines[i : i + 1] = [lines[i][:cut], lines[i][cut:]]
    else:
        lines = lines[: rng.randrange(len(lines) + 1)]
    return "\n".join(lines)


def _cut_label(text: str, rng: random.Random) -> str:
    """A label cut to its first characters (“（一）予以公开” → “（一）”), the rest of its line kept."""
    cut = rng.choice(LABEL_CUTS)
    spots = [m.start() for m in re.finditer(re.escape(cut), text)]
    if not spots:
        return text
    at = rng.choice(spots) + len(cut)
    end = at
    while end < len(text) and not text[end].isdigit() and text[end] not in "\t|\n<" and end - at < 40:
        end += 1
    return text[:at] + text[end:]


def _chars_op(text: str, rng: random.Random) -> str:
    if not text:
        return rng.choice(JUNK)
    at = rng.randrange(len(text) + 1)
    op = rng.randrange(4)
    if op == 0:
        return text[:at] + rng.choice(JUNK) + text[at:]
    if op == 1:
        return text[:at] + text[at + rng.choice((1, 5, 50)) :]
    if op == 2:
        return text[:at] + chr(rng.choice((rng.randrange(0x4E00, 0x9FA5), rng.randrange(0x20, 0x2FFF)))) + text[at:]
    return text[:at] + "\n" * rng.choice((1, 200)) + text[at:]


TEXT_MUTATORS: tuple[Callable[[str, random.Random], str], ...] = (
    _replace_number,
    _replace_number,
    _replace_number,
    _lines_op,
    _lines_op,
    _cut_label,
    _cut_label,
    _chars_op,
)


def mutate_text(text: str, rng: random.Random) -> str:
    for _ in range(rng.choice((1, 1, 2, 3, 6))):
        text = rng.choice(TEXT_MUTATORS)(text, rng)
    return text


def _encode(text: str, rng: random.Random) -> bytes:
    encoding = rng.choice(("utf-8", "utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16", "big5"))
    return text.encode(encoding, errors="replace")


def mutate_plain(data: bytes, rng: random.Random) -> bytes:
    """Text and Markdown: edits of the text, sometimes another encoding, sometimes blind bytes."""
    if rng.random() < 0.15:
        return mutate_bytes(data, rng)
    return _encode(mutate_text(data.decode("utf-8", errors="replace"), rng), rng)


# --------------------------------------------------------------------------- HTML

_HTML_ATTRS = (
    ' rowspan="999999"',
    ' colspan="0"',
    ' colspan="-1"',
    ' rowspan="x"',
    ' colspan="1000"',
    ' rowspan="2.5"',
)


def _html_op(text: str, rng: random.Random) -> str:
    op = rng.randrange(5)
    cells = [m.start() for m in re.finditer(r"<t[dh]\b", text)]
    if op == 0 and cells:
        at = rng.choice(cells) + 3
        return text[:at] + rng.choice(_HTML_ATTRS) + text[at:]
    if op == 1:
        ends = [m.end() for m in re.finditer(r"</t[dh]>|</tr>", text)]
        starts = [m.start() for m in re.finditer(r"<t[dhr]\b", text)]
        if ends and starts:
            a = rng.choice(starts)
            b = min((e for e in ends if e > a), default=a)
            return text[:a] + text[b:]
    if op == 2 and cells:
        at = rng.choice(cells)
        return text[:at] + "<td><table><tr><td>" * rng.choice((1, 50, 500)) + text[at:]
    if op == 3:
        tags = [m.start() for m in re.finditer(r"</?\w+", text)]
        if tags:
            at = rng.choice(tags)
            return text[:at] + text[at + 1 :]
    return mutate_text(text, rng)


def mutate_html(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.1:
        return mutate_bytes(data, rng)
    text = data.decode("utf-8", errors="replace")
    for _ in range(rng.choice((1, 2, 4))):
        text = _html_op(text, rng)
    return _encode(text, rng) if rng.random() < 0.2 else text.encode("utf-8")


# --------------------------------------------------------------------------- DOCX

_DOCX_XML = (
    '<w:gridSpan w:val="0"/>',
    '<w:gridSpan w:val="9999"/>',
    '<w:gridSpan w:val="-2"/>',
    '<w:vMerge w:val="restart"/>',
    "<w:vMerge/>",
)


def _docx_xml_op(xml: str, rng: random.Random) -> str:
    op = rng.randrange(4)
    if op == 0:
        texts = list(re.finditer(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)", xml))
        if texts:
            m = rng.choice(texts)
            return xml[: m.start(2)] + _xml_escape(mutate_text(m.group(2), rng)) + xml[m.end(2) :]
    if op == 1:
        props = [m.end() for m in re.finditer(r"<w:tcPr>", xml)]
        if props:
            at = rng.choice(props)
            return xml[:at] + rng.choice(_DOCX_XML) + xml[at:]
    if op == 2:
        cells = list(re.finditer(r"<w:tc>.*?</w:tc>", xml, flags=re.S))
        if cells:
            m = rng.choice(cells)
            return xml[: m.start()] + xml[m.end() :]
    rows = list(re.finditer(r"<w:tr[ >].*?</w:tr>", xml, flags=re.S))
    if rows:
        m = rng.choice(rows)
        return xml[: m.start()] + (m.group(0) * rng.choice((0, 2))) + xml[m.end() :]
    return xml


def _xml_escape(text: str) -> str:
    text = "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    """Edits of word/document.xml inside a well-formed zip, or blind bytes on the zip itself."""
    if rng.random() < 0.2:
        return mutate_bytes(data, rng)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zin:
            members = [(info, zin.read(info)) for info in zin.infolist()]
    except zipfile.BadZipFile:
        return mutate_bytes(data, rng)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, content in members:
            if info.filename == "word/document.xml":
                xml = content.decode("utf-8", errors="replace")
                for _ in range(rng.choice((1, 2, 4))):
                    xml = _docx_xml_op(xml, rng)
                if rng.random() < 0.05:
                    xml = xml[: rng.randrange(len(xml) + 1)]  # broken XML
                content = xml.encode("utf-8")
            if rng.random() < 0.02:
                continue  # a member lost
            zout.writestr(info.filename, content)
    return out.getvalue()


# --------------------------------------------------------------------------- PDF


def mutate_pdf(data: bytes, rng: random.Random) -> bytes:
    """A word of the text layer replaced (redacted, then new text set in its place), or blind bytes."""
    if rng.random() < 0.3:
        return mutate_bytes(data, rng)
    import pymupdf

    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception:
        return mutate_bytes(data, rng)
    with doc:
        for _ in range(rng.choice((1, 2, 5))):
            page = doc[rng.randrange(doc.page_count)]
            words = page.get_text("words")
            if not words:
                continue
            x0, y0, x1, y1, word, *_ = rng.choice(words)
            rect = pymupdf.Rect(x0, y0, x1, y1)
            page.add_redact_annot(rect)
            page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE)
            new = rng.choice(ODD_NUMBERS)[:30] if _NUMBER.search(word) else mutate_text(word, rng)[:30]
            if rng.random() < 0.8 and new.strip():
                page.insert_text((x0, y1 - 1), new, fontname="china-s", fontsize=max(4.0, (y1 - y0) * 0.8))
        return doc.tobytes()


# --------------------------------------------------------------------------- JSON

ODD_VALUES: tuple[str, ...] = (
    "1e999",
    "-1e999",
    "1" + "0" * 5000,
    "-5",
    "1.5",
    '"12"',
    '"abc"',
    "true",
    "null",
    "[]",
    "{}",
    "[" * 5000 + "]" * 5000,
    '"2024-02-30"',
    "1000000000000000000000000000000",
    "123",
    '{"a": ' * 3000 + "1" + "}" * 3000,
)
_KEYS = ("agency", "year", "format", "published", "title", "table2", "table3", "table4", "sections", "candidates")


def _json_op(obj: dict, rng: random.Random) -> str | dict:
    """A structural change, or the raw text with one value replaced by something absurd."""
    op = rng.randrange(6)
    if op == 0:
        obj.pop(rng.choice(_KEYS), None)
        return obj
    if op == 1:
        table = obj.get(rng.choice(("table2", "table3", "table4")))
        if isinstance(table, dict) and table:
            key = rng.choice(list(table))
            if rng.random() < 0.5:
                table.pop(key)
            else:
                table[key + rng.choice(("x", "_9", ""))] = table.pop(key) if rng.random() < 0.5 else [1] * 9
        return obj
    if op == 2:
        obj[rng.choice(_KEYS)] = json.loads(rng.choice(("123", '"2024-13-01"', "10000000000000000000000000000000")))
        return obj
    text = json.dumps(obj, ensure_ascii=False)
    values = list(re.finditer(r"(?<=: )(-?\d+(?:\.\d+)?|null|\"[^\"]*\"|true|false)", text))
    if values:
        m = rng.choice(values)
        text = text[: m.start()] + rng.choice(ODD_VALUES) + text[m.end() :]
    return text


def mutate_json(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.1:
        return mutate_bytes(data, rng)
    try:
        obj: str | dict = json.loads(data.decode("utf-8-sig"))
    except ValueError:
        return mutate_bytes(data, rng)
    for _ in range(rng.choice((1, 1, 2, 3))):
        if isinstance(obj, str):
            break
        obj = _json_op(obj, rng)
    text = obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=rng.random() < 0.3)
    if rng.random() < 0.1:
        text = mutate_text(text, rng)
    return _encode(text, rng) if rng.random() < 0.3 else text.encode("utf-8")


MUTATORS: dict[str, Mutator] = {
    "txt": mutate_plain,
    "md": mutate_plain,
    "html": mutate_html,
    "docx": mutate_docx,
    "pdf": mutate_pdf,
    "json": mutate_json,
}
