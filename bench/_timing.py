"""Timing helpers shared by the benchmark modules: repeated runs, medians, a printed table.

Figures only: a benchmark prints how fast something is and never fails on a number.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Auto mode: at least this many runs, and more until this many seconds were spent (up to MAX_RUNS).
MIN_RUNS, MIN_SECONDS, MAX_RUNS = 10, 3.0, 200


@dataclass(frozen=True)
class Timing:
    name: str
    runs: tuple[float, ...]  # seconds per run
    error: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.runs) if self.runs else float("nan")

    @property
    def best(self) -> float:
        """The fastest run: the least disturbed by other load on the machine."""
        return min(self.runs) if self.runs else float("nan")

    @property
    def spread(self) -> float:
        """Half the interquartile range relative to the median: how stable the figure is."""
        if len(self.runs) < 4:
            return 0.0
        q = statistics.quantiles(self.runs, n=4)
        return (q[2] - q[0]) / 2 / self.median if self.median else 0.0


def time_each(items: Sequence[Path], work: Callable[[Path], object], repeat: int = 0) -> list[Timing]:
    """Time ``work(item)`` for every item, ``repeat`` rounds (0: automatic), after one warm-up round."""
    errors: dict[Path, str] = {}
    for item in items:  # warm-up: imports, caches; also finds the items that fail
        try:
            work(item)
        except Exception as exc:
            errors[item] = " ".join(f"{type(exc).__name__}: {exc}".split())
    good = [item for item in items if item not in errors]
    runs: dict[Path, list[float]] = {item: [] for item in good}
    started = time.perf_counter()
    rounds = 0
    while good:
        for item in good:
            t0 = time.perf_counter()
            work(item)
            runs[item].append(time.perf_counter() - t0)
        rounds += 1
        if repeat and rounds >= repeat:
            break
        if not repeat and rounds >= MIN_RUNS and (time.perf_counter() - started >= MIN_SECONDS or rounds >= MAX_RUNS):
            break
    return [Timing(item.name, tuple(runs.get(item, ())), errors.get(item)) for item in items]


def print_timings(title: str, timings: Sequence[Timing]) -> None:
    """Per-item medians and the overall rate in reports per second."""
    print(f"\n{title}")
    width = max((len(t.name) for t in timings), default=10)
    for t in timings:
        if t.error:
            print(f"  {t.name:<{width}}  失败：{t.error[:100]}")
        else:
            print(
                f"  {t.name:<{width}}  中位 {t.median * 1000:8.2f} ms  最快 {t.best * 1000:8.2f} ms"
                f"  (±{t.spread:.0%}, {len(t.runs)} 次)"
            )
    done = [t for t in timings if not t.error]
    total = sum(t.median for t in done)
    best = sum(t.best for t in done)
    if done and total > 0:
        print(
            f"  合计 {len(done)} 份报告，每轮中位 {total * 1000:.1f} ms：{len(done) / total:,.1f} 份/秒"
            f"（按最快一轮：{len(done) / best:,.1f} 份/秒）"
        )
    else:
        print("  没有可计时的报告")


def print_generated(title: str, timings: Sequence[Timing], slowest: int = 3) -> None:
    """Generated reports are many and alike: the time per report (fastest, median, slowest report)
    and the slowest few by name, instead of one line each."""
    print(f"\n{title}")
    done = sorted((t for t in timings if not t.error), key=lambda t: t.median)
    failed = [t for t in timings if t.error]
    if done:
        medians = [t.median for t in done]
        total, best = sum(medians), sum(t.best for t in done)
        print(
            f"  每份报告：最快 {medians[0] * 1000:.2f} ms  中位 {statistics.median(medians) * 1000:.2f} ms"
            f"  最慢 {medians[-1] * 1000:.2f} ms（{len(done[0].runs)} 次取中位）"
        )
        print(
            f"  最慢的 {min(slowest, len(done))} 份："
            + "，".join(f"{t.name} {t.median * 1000:.2f} ms" for t in done[::-1][:slowest])
        )
        print(
            f"  合计 {len(done)} 份，每轮中位 {total * 1000:.1f} ms：{len(done) / total:,.1f} 份/秒"
            f"（按最快一轮：{len(done) / best:,.1f} 份/秒）"
        )
    else:
        print("  没有可计时的报告")
    if failed:
        print(f"  {len(failed)} 份读取失败（例：{failed[0].name}：{(failed[0].error or '')[:100]}）")
