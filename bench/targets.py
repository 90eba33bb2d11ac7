"""The speed targets side by side: text, HTML and PDF timed in one run, interleaved, against their targets.

    python bench/run.py --only targets

Every round times each input once, in turn (text, HTML, PDF, bare PDF extraction), so that load from
elsewhere on the machine falls on all of them alike; the figures are per-input medians over the rounds,
summed per kind. Time is the process's CPU time (``time.process_time``): on a shared machine wall time
mostly measures the other processes. Printed: milliseconds a report for text and HTML against their
targets, and for PDF the ratio of reading + checking to PyMuPDF's bare text extraction of the same files.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ._inputs import corpus_files, generated_reports, read_and_check
from .pdf import bare_extraction

#: Targets of issue 9 §6: milliseconds a report (text, HTML), and reader-to-bare-extraction ratio (PDF).
TEXT_MS, HTML_MS, PDF_RATIO = 3.0, 4.0, 1.8
ROUNDS = 15


def _median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def run(corpus: Path, repeat: int = 0) -> None:
    rounds = repeat or ROUNDS
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        text = corpus_files(corpus, "text") + generated_reports(folder, "md", 8, seed=7)
        html = corpus_files(corpus, "html") + generated_reports(folder, "html", 8, seed=8)
        pdf = corpus_files(corpus, "pdf")
        work: list[tuple[str, Path, Callable[[Path], object]]] = [
            *(("text", p, read_and_check) for p in text),
            *(("html", p, read_and_check) for p in html),
            *(("pdf", p, read_and_check) for p in pdf),
            *(("bare", p, bare_extraction) for p in pdf),
        ]
        for _, path, fn in work:  # warm-up: imports and caches
            fn(path)
        times: dict[tuple[str, Path], list[float]] = {(kind, path): [] for kind, path, _ in work}
        for _ in range(rounds):
            for kind, path, fn in work:
                started = time.process_time()
                fn(path)
                times[(kind, path)].append(time.process_time() - started)

    def per_report(kind: str) -> float:
        medians = [_median_ms(t) for (k, _), t in times.items() if k == kind]
        return sum(medians) / len(medians) if medians else float("nan")

    def total(kind: str) -> float:
        return sum(_median_ms(t) for (k, _), t in times.items() if k == kind)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n目标对照（同一次运行、交替计时 {rounds} 轮，CPU 时间，每个输入取中位数；机器负载 {load:.1f}）")
    for name, kind, target, count in (("文本", "text", TEXT_MS, len(text)), ("HTML", "html", HTML_MS, len(html))):
        ms = per_report(kind)
        verdict = "达标" if ms <= target else "未达标"
        print(
            f"  {name:<4} 每份 {ms:6.2f} ms（{count} 份）  目标 ≤ {target:g} ms"
            f"  实际/目标 {ms / target:4.2f}  {verdict}"
        )
    if pdf:
        ratio = total("pdf") / total("bare")
        verdict = "达标" if ratio <= PDF_RATIO else "未达标"
        print(
            f"  PDF  读取+校验 {total('pdf'):6.2f} ms，纯提取 {total('bare'):6.2f} ms（{len(pdf)} 份）"
            f"  比值 {ratio:4.2f}×  目标 ≤ {PDF_RATIO:g}×  {verdict}"
        )
