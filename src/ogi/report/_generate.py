"""Random valid reports of either format: test data beyond the handful of real reports.

Every report made here satisfies every rule of consistency-checks.md §1, so that writers can be
round-tripped and single-cell mutations must be caught by the checks.
"""

from __future__ import annotations

import random
from decimal import Decimal

from ._format import (
    SECTIONS,
    T3_TOTAL_INDEX,
    T4_COLUMNS,
    T4_GROUPS,
    CellKind,
    FormatVersion,
    t3_rows,
    table2_cell_codes,
    table2_cell_kind,
)
from ._model import Number, Report


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` cut into ``parts`` non-negative integers, skewed towards the first part."""
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    values = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    if rng.random() < 0.6:  # most applicants are natural persons; keep realistic zero-heavy rows
        values.sort(reverse=True)
    return values


def _table2_value(kind: CellKind, rng: random.Random, scale: int) -> Number:
    if kind is CellKind.SIGNED:
        return rng.randint(-scale // 4, scale // 4)
    if kind in (CellKind.MONEY_WAN, CellKind.AMOUNT):
        return Decimal(rng.randint(0, scale * 100)) / 100
    return rng.randint(0, scale)


def random_report(
    rng: random.Random,
    *,
    version: FormatVersion | str | None = None,
    split_other: bool | None = None,
    scale: int | None = None,
) -> Report:
    """A random report that breaks no rule; ``scale`` bounds the numbers (default: random)."""
    version = FormatVersion(version) if version else rng.choice(list(FormatVersion))
    if split_other is None:
        split_other = version is FormatVersion.V2021
    scale = scale if scale is not None else rng.choice([3, 30, 300, 5000])
    rows = t3_rows(split_other)
    outcome_rows = [r.code for r in rows if r.is_outcome]
    n_cols = T3_TOTAL_INDEX

    forward = [rng.randint(0, max(1, scale // 10)) if rng.random() < 0.4 else 0 for _ in range(n_cols)]
    outcome_values: dict[str, list[int]] = {code: [0] * n_cols for code in outcome_rows}
    for c in range(n_cols):
        handled = rng.randint(0, scale) if c == 0 or rng.random() < 0.4 else 0
        for code, v in zip(outcome_rows, _split(handled, len(outcome_rows), rng), strict=True):
            outcome_values[code][c] = v
    handled_cols = [sum(outcome_values[code][c] for code in outcome_rows) for c in range(n_cols)]
    carried = [rng.randint(0, handled_cols[c] + forward[c]) if rng.random() < 0.3 else 0 for c in range(n_cols)]
    new = [handled_cols[c] + forward[c] - carried[c] for c in range(n_cols)]

    def row(values: list[int]) -> list[Number | None]:
        return [*values, sum(values)]

    table3: dict[str, list[Number | None]] = {"new_received": row(new), "carried_over": row(carried)}
    for code in outcome_rows:
        table3[code] = row(outcome_values[code])
    table3["total_handled"] = row(handled_cols)
    table3["carried_forward"] = row(forward)
    table3 = {r.code: table3[r.code] for r in rows}

    table4: dict[str, Number | None] = {}
    for group in T4_GROUPS:
        parts = [rng.randint(0, max(0, scale // 20)) for _ in T4_COLUMNS[:-1]]
        for col, v in zip(T4_COLUMNS[:-1], parts, strict=True):
            table4[f"{group.code}.{col.code}"] = v
        table4[f"{group.code}.total"] = sum(parts)

    table2 = {code: _table2_value(table2_cell_kind(version, code), rng, scale) for code in table2_cell_codes(version)}
    year = rng.randint(2019, 2020) if version is FormatVersion.V2019 else rng.randint(2021, 2025)
    agency = rng.choice(["东沟乡人民政府", "测试市人民政府办公室", "某某县自然资源局", "平潭综合实验区财政金融局"])
    sections = {
        s.number: f"{s.heading}的正文。本年度{agency}依法做好相关工作，共{rng.randint(1, 99)}项。" for s in SECTIONS
    }
    return Report.build(
        version, table2=table2, table3=table3, table4=table4, agency=agency, year=year, sections=sections
    )
