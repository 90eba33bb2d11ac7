"""Labels wrapped over several lines in a table drawn without inner rules, gathered back to their row.

Without rules a wrapped label comes out as several visual rows: its first line (or middle line, when
the cell is centred) beside the row's numbers, the others on lines of their own above and below. Two
general facts put each such line back: a row label begins with its item number (“一、”, “（二）”, “1.”),
so a line starting with one opens the label of the next row of numbers just below; any other line in the
label column continues the label right above it. Only lines in the label columns (left of the numbers)
and touching their neighbours are moved; prose and headers stay where they are.
"""

from __future__ import annotations

import re

from ._blocks import CELL_NUMBER, Piece

#: An item number opening a row label.
_ITEM = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*、|[（(]\s*[一二三四五六七八九十]+\s*[)）]|\d{1,2}\s*[.、．](?!\d))"
)
#: Lines of a label above its row of numbers (a centred label of 7 lines has 3).
_REACH = 3


def _numbers(line: list[Piece]) -> list[Piece]:
    return [p for p in line if CELL_NUMBER.fullmatch(p.text)]


def _touch(upper: list[Piece], lower: list[Piece]) -> bool:
    """Two visual rows set at a line's leading (no paragraph or row padding between them)."""
    height = min(p.y1 - p.y0 for p in [*upper, *lower])
    return min(p.y0 for p in lower) - max(p.y1 for p in upper) <= 0.6 * height


def _across(line: list[Piece], limit: float) -> bool:
    """Whether ``line`` has text reaching over the columns of numbers (a caption, a header, prose)."""
    return any(r.x1 > limit and not CELL_NUMBER.fullmatch(r.text) for r in line)


def _above(lines: list[list[Piece]], i: int, p: Piece) -> Piece | None:
    if i == 0 or not _touch(lines[i - 1], lines[i]):
        return None
    return next((q for q in lines[i - 1] if q.x0 < p.x1 and p.x0 < q.x1), None)


def _continues(lines: list[list[Piece]], numbered: dict[int, float], i: int, p: Piece, q: Piece, row: int) -> bool:
    """Whether ``p``, under ``q`` of the row of numbers ``row``, is more of q's label, not the next label.

    In a column of numbered labels an unnumbered line can only continue one, and so can a line under the
    table's last row of numbers. Otherwise the numbers tell: beside a centred label of several lines they sit
    below its first line; beside a one-line label they sit level with it, and the line below is the next
    row's label (table 二's “其他对外管理服务事项”).
    """
    if q not in lines[row]:
        return True  # q itself continues the label
    below = range(i + 1, min(len(lines), i + 2 * _REACH + 2))
    for n in below:
        if not _touch(lines[n - 1], lines[n]) or _across(lines[n], numbered[row]):
            return True  # the table ends below this row (a gap, or a line across its columns)
        if any(r.x0 < p.x1 and p.x0 < r.x1 and _ITEM.match(r.text) for r in lines[n]):
            return True
        if n in numbered:
            break
    else:
        return True
    numbers = _numbers(lines[row])
    middle = sum((n.y0 + n.y1) / 2 for n in numbers) / len(numbers)
    return middle - (q.y0 + q.y1) / 2 > 0.25 * (q.y1 - q.y0)


def _centred_tops(lines: list[list[Piece]], numbered: dict[int, float], owner: dict[int, int]) -> None:
    """Unnumbered lines over a centred label: as many as hang below its row of numbers (one more when the
    numbers sit between two lines, a label of an even number of lines) belong to it."""
    for n, limit in numbered.items():
        for q in lines[n]:
            if q.x1 > limit:
                continue
            below, i, low = 0, n + 1, q
            while i < len(lines) and (r := _under(lines, i, low)) is not None and owner.get(id(r)) == n:
                below, i, low = below + 1, i + 1, r
            numbers = _numbers(lines[n])
            middle = sum((m.y0 + m.y1) / 2 for m in numbers) / len(numbers)
            even = (q.y0 + q.y1) / 2 - middle > 0.25 * (q.y1 - q.y0)
            top, i = q, n - 1
            for _ in range(below + even):
                if i < 0 or i in numbered or not _touch(lines[i], lines[i + 1]):
                    break
                p = next((r for r in lines[i] if r.x0 < top.x1 and top.x0 < r.x1), None)
                if p is None or id(p) in owner or _ITEM.match(p.text) or _across(lines[i], limit):
                    break
                owner[id(p)], top, i = n, p, i - 1


def _under(lines: list[list[Piece]], i: int, q: Piece) -> Piece | None:
    """The piece of line ``i`` right under ``q`` (touching, overlapping in x)."""
    if not _touch(lines[i - 1], lines[i]):
        return None
    return next((r for r in lines[i] if r.x0 < q.x1 and q.x0 < r.x1), None)


def gather_wrapped_labels(lines: list[list[Piece]]) -> list[list[Piece]]:
    """Visual rows (top to bottom) with the lines of wrapped labels moved into their row of numbers."""
    numbered = {i: min(p.x0 for p in ns) for i, line in enumerate(lines) if len(ns := _numbers(line)) >= 1}
    if not numbered or len(numbered) == len(lines):
        return lines
    owner: dict[int, int] = {id(p): i for i in numbered for p in lines[i]}
    for i, line in enumerate(lines):
        if i in numbered:
            continue
        for p in line:
            target = None
            if _ITEM.match(p.text):
                for n in range(i + 1, min(i + _REACH + 1, len(lines))):
                    if not _touch(lines[n - 1], lines[n]):
                        break
                    if n in numbered:
                        target = n
                        break
            else:
                q = _above(lines, i, p)
                target = owner.get(id(q)) if q is not None else None
                if q is not None and target is not None and not _continues(lines, numbered, i, p, q, target):
                    target = None
            if target is not None and p.x1 <= numbered[target]:
                owner[id(p)] = target
    _centred_tops(lines, numbered, owner)
    gathered: list[list[Piece]] = [[] for _ in lines]
    for i, line in enumerate(lines):
        for p in line:
            gathered[owner.get(id(p), i)].append(p)
    return [sorted(line, key=lambda p: p.y0) for line in gathered if line]
