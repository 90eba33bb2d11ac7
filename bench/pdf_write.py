"""PDF writer benchmark: the corpus reports written as PDF, the time a report and the file sizes.

    python bench/run.py --only pdf_write

The first write is shown apart: it loads the typefaces (the Noto CJK faces are read with fontTools) and
draws the glyphs it needs. The timed writes build the document's font subsets anew each time, as for a
new document; glyphs already drawn stay drawn, as in a running server.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from ogi.report import read, report_files, write
from ogi.report._writers import _pdf_fonts

from ._timing import print_timings, time_each


def run(corpus: Path, repeat: int = 0) -> None:
    reports = {}
    for path in report_files(corpus):
        try:
            reports[path] = read(path)
        except Exception:  # a file the engine cannot read is the reader benchmarks' business
            continue

    def write_pdf(path: Path) -> int:
        _pdf_fonts._subset.cache_clear()
        return len(write(reports[path], "pdf"))

    sizes = {}
    first = None
    for path in reports:
        started = time.perf_counter()
        try:
            sizes[path] = write_pdf(path)
        except Exception:  # unresolved cells: no publishable document
            continue
        first = first or (path.name, time.perf_counter() - started)
    writable = list(sizes)
    timings = time_each(writable, write_pdf, repeat)
    print_timings(f"PDF 写出：语料库中可生成发布稿的 {len(writable)} 份报告（每次重新生成字体子集）", timings)
    if first is not None and sizes:
        kb = sorted(size / 1024 for size in sizes.values())
        print(f"  首次写出（载入字体）：{first[0]} {first[1] * 1000:.0f} ms")
        print(f"  文件大小：中位 {statistics.median(kb):.0f} KB，最大 {kb[-1]:.0f} KB")
