"""Working-day deadlines per second: what recomputing every open case costs after a year's notice is loaded.

Prints figures only. The corpus argument is unused (the calendar reads no reports).
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from ogi.workdays import Calendar, format_notice, parse_notice

CASES = 10_000


def _cases(seed: int) -> list[tuple[date, int]]:
    """Open cases as they are: received within the last year, 20 days or an extended 40, some with 补正's 7."""
    rng = random.Random(seed)
    first = date(2025, 12, 1)
    return [(first + timedelta(rng.randrange(365)), rng.choice((7, 20, 20, 20, 40))) for _ in range(CASES)]


def _median_seconds(work: object, rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times)


def run(corpus: Path, repeat: int) -> None:
    rounds = repeat or 5
    cases = _cases(seed=6)
    calendar = Calendar()
    notice = parse_notice(format_notice(parse_notice("2027-01-01 休\n2027-02-06 班\n")))
    loaded = Calendar([notice])
    print(f"\n工作日期限：{CASES:,} 个在办案件（收到日 2025-12-01 起一年内，7/20/40 个工作日），{rounds} 轮取中位")
    for title, cal in (("仅 chinesecalendar（跨入 2027 年者为暂定）", calendar), ("载入 2027 年通知后重算", loaded)):
        median, best = _median_seconds(lambda cal=cal: [cal.add(start, n) for start, n in cases], rounds)
        rate, fastest = CASES / median, CASES / best
        print(f"  {title}：中位 {median * 1000:.1f} ms，{rate:,.0f} 个/秒（最快一轮 {fastest:,.0f} 个/秒）")
    text = (Path(__file__).resolve().parent.parent / "tests" / "workdays" / "notices" / "2026.txt").read_text("utf-8")
    median, _ = _median_seconds(lambda: parse_notice(text), max(rounds, 20))
    print(f"  读取一份国务院通知全文（2026 年）：中位 {median * 1000:.2f} ms")
