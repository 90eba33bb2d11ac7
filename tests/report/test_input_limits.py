"""Resources stay bounded inside the documented limits: what would cost minutes, gigabytes or forever is
refused with one Chinese line naming the file."""

from __future__ import annotations

import io
import os
import random
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from ogi.report import FormatVersion, InputTooLarge, ReadError, read, read_bytes, write
from ogi.report._generate import random_report
from ogi.report._readers import kinds
from ogi.report._readers._docx import MAX_DOCUMENT_XML
from ogi.report._readers._grid import MAX_PARAGRAPHS
from ogi.report._readers._text import MAX_TEXT_CHARS, MAX_TEXT_LINES


def understated_docx(real_size: int) -> bytes:
    """A .docx whose zip directory claims word/document.xml is 1 kB while it inflates to ``real_size``."""
    docx = write(random_report(random.Random(3), version=FormatVersion.V2021), "docx")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = zin.read(info)
            if info.filename == "word/document.xml":
                content += b"<!--" + b" " * real_size + b"-->"
            zout.writestr(info.filename, content)
    data = bytearray(out.getvalue())
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at != -1:
            name_len_at = 26 if signature == b"PK\x03\x04" else 28
            (name_len,) = struct.unpack_from("<H", data, at + name_len_at)
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + name_len] == b"word/document.xml":
                struct.pack_into("<I", data, at + size_at, 1024)
            at = data.find(signature, at + 4)
    return bytes(data)


def test_a_docx_understating_its_sizes_is_refused_without_inflating_it() -> None:
    data = understated_docx(MAX_DOCUMENT_XML * 3)
    kinds()  # the readers imported before memory is traced
    tracemalloc.start()
    try:
        with pytest.raises(ReadError) as info:
            read_bytes(data, "炸弹.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(info.value).startswith("炸弹.docx：")
    assert peak < MAX_DOCUMENT_XML * 2  # never the whole 60 MB, let alone python-docx's every part


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX feature")
def test_a_fifo_is_refused_not_read_forever(tmp_path: Path) -> None:
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="不是普通文件"):
        read(fifo)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused() -> None:
    with pytest.raises(ReadError, match="/dev/zero：不是普通文件"):
        read("/dev/zero")


def test_megabytes_of_short_lines_are_refused_before_indexing(tmp_path: Path) -> None:
    lines = tmp_path / "短行.txt"
    lines.write_text("1\n" * (MAX_TEXT_LINES + 1), encoding="utf-8")
    with pytest.raises(InputTooLarge, match="行数过多"):
        read(lines)
    chars = tmp_path / "长文.txt"
    chars.write_text(("表三" * 1000 + "\n") * (MAX_TEXT_CHARS // 2000 + 1), encoding="utf-8")
    with pytest.raises(InputTooLarge, match="文字过多"):
        read(chars)


def test_a_docx_of_countless_tiny_paragraphs_is_refused_while_walking() -> None:
    docx = write(random_report(random.Random(5), version=FormatVersion.V2021), "docx")
    out = io.BytesIO()
    paragraphs = b"<w:p><w:r><w:t>\xe4\xb8\x80</w:t></w:r></w:p>" * (MAX_PARAGRAPHS + 10)
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            content = zin.read(info)
            if info.filename == "word/document.xml":
                content = content.replace(b"<w:body>", b"<w:body>" + paragraphs, 1)
            zout.writestr(info.filename, content)
    with pytest.raises(InputTooLarge, match="段落过多"):
        read_bytes(out.getvalue(), "段落.docx")


def test_a_docx_claiming_an_unknown_zip_version_is_refused_as_damaged() -> None:
    """Found by the fuzzer: an entry's “version needed to extract” of 8.4 made zipfile raise NotImplementedError."""
    data = bytearray(write(random_report(random.Random(5), version=FormatVersion.V2021), "docx"))
    at = data.find(b"PK\x01\x02")  # the first central directory record
    struct.pack_into("<H", data, at + 6, 84)
    with pytest.raises(ReadError) as info:
        read_bytes(bytes(data), "版本.docx")
    assert str(info.value) == "版本.docx：文件已损坏，不是有效的 Word 文档"
