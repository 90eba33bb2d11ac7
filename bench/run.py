"""``make bench``: reports per second for reading + checking, per input kind.

    python bench/run.py [CORPUS] [--repeat N] [--only text,pdf]

Each benchmark is a module in bench/ with ``run(corpus: Path, repeat: int) -> None`` that prints its
figures: text.py (text reader), pdf.py (PDF reader against bare extraction), html_pages.py (HTML reader); any
other module is picked up when present. Modules are imported as ``bench.<name>`` (bench/ itself is
taken off ``sys.path``) so no module here can shadow the standard library's ``html``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Run first, in this order; every other public module of bench/ follows alphabetically.
FIRST = ("text", "pdf", "html_pages")


def bench_modules() -> list[str]:
    names = sorted(p.stem for p in Path(__file__).parent.glob("*.py") if not p.stem.startswith("_") and p.stem != "run")
    return [n for n in FIRST if n in names] + [n for n in names if n not in FIRST]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="OGI 基准测试：读取 + 校验速度")
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--repeat", type=int, default=0, help="每个文件的计时轮数（默认自动：至少 10 轮、约 3 秒）")
    parser.add_argument("--only", default="", help="只运行这些基准（逗号分隔，如 text,pdf）")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"找不到语料库文件夹：{corpus}", file=sys.stderr)
        return 2
    sys.path[0] = str(ROOT)  # import bench.<name>, not <name>: no shadowing of the standard library
    wanted = [n for n in args.only.split(",") if n] or bench_modules()
    print(f"OGI 基准测试  Python {platform.python_version()}  {os.cpu_count()} 核  语料库 {corpus}")
    for name in wanted:
        started = time.perf_counter()
        module = importlib.import_module(f"bench.{name}")
        module.run(corpus, args.repeat)
        print(f"  （{name} 用时 {time.perf_counter() - started:.1f} 秒）")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
