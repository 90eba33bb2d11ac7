"""PDF reader benchmark: read + check each PDF of the corpus, against PyMuPDF's bare text extraction.

    python bench/pdf.py [CORPUS] [--repeat N]

For every PDF: the median time of ``check(read(path))``, the median time of opening the same file with
PyMuPDF and calling ``page.get_text()`` on every page, and their ratio (the target is at most 3×: the
reader's own work — layout, grids, parsing, checks — should cost no more than twice the extraction).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pymupdf

if __package__:
    from ._inputs import corpus_files, read_and_check
    from ._timing import Timing, time_each
else:  # run as a script: python bench/pdf.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench._inputs import corpus_files, read_and_check
    from bench._timing import Timing, time_each

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 3.0


def bare_extraction(path: Path) -> int:
    """What any PDF text tool must do at least: open the file and extract every page's text."""
    with pymupdf.open(path) as doc:
        return sum(len(page.get_text()) for page in doc)


def run(corpus: Path, repeat: int = 0) -> list[tuple[str, float, float]]:
    """Print per-file times and ratios; return (name, reader seconds, bare seconds) per timed file."""
    files = corpus_files(Path(corpus), "pdf")
    print(f"\nPDF 报告：读取 + 校验 对比 PyMuPDF 纯文字提取（语料库 {len(files)} 个 PDF，目标 ≤ {TARGET_RATIO:g}×）")
    if not files:
        print("  语料库中没有 PDF")
        return []
    ours: list[Timing] = time_each(files, read_and_check, repeat)
    bare: list[Timing] = time_each(files, bare_extraction, repeat)
    width = max(len(p.name) for p in files)
    results = []
    for path, mine, base in zip(files, ours, bare, strict=True):
        if mine.error or base.error:
            print(f"  {path.name:<{width}}  失败：{(mine.error or base.error or '')[:100]}")
            continue
        ratio = mine.median / base.median
        print(
            f"  {path.name:<{width}}  读取+校验 {mine.median * 1000:7.2f} ms  纯提取 {base.median * 1000:7.2f} ms"
            f"  比值 {ratio:4.2f}×（最快一次之比 {mine.best / base.best:4.2f}×）"
            f"{'' if ratio <= TARGET_RATIO else '  超过目标'}"
        )
        results.append((path.name, mine.median, base.median))
    if results:
        total_ours = sum(r[1] for r in results)
        total_bare = sum(r[2] for r in results)
        print(
            f"  合计  读取+校验 {total_ours * 1000:.2f} ms  纯提取 {total_bare * 1000:.2f} ms"
            f"  比值 {total_ours / total_bare:.2f}×  （{len(results) / total_ours:,.1f} 份/秒）"
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="PDF 读取基准：读取 + 校验 对比 PyMuPDF 纯文字提取")
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--repeat", type=int, default=0, help="每个文件的计时轮数（默认自动）")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"找不到语料库文件夹：{corpus}", file=sys.stderr)
        return 2
    run(corpus, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
