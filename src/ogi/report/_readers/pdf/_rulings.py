"""Ruling lines → table grids: which of a page's drawn lines form a table, and where its rows and columns lie.

A PDF has no tables, only words at positions and drawn lines. The lines that touch or cross one another
form one connected figure; a figure with rules across and down that encloses more than one box is a
table grid. A frame drawn round the page or round a table touches no rule of the table, stays a single
box and is no table, so the prose it encloses stays prose.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from ._blocks import SNAP, Groups

#: Rules shorter than this are not table rules (bullets, underline fragments).
MIN_RULE = 3.0
#: Drawn rectangles thinner than this are rules.
THIN = 2.5
#: The widest pen a stroked table border is drawn with (Word's heaviest border is 6 pt).
THICK = 6.0

#: A ruling segment: its position across (y of a horizontal rule, x of a vertical one), start and end.
Segment = tuple[float, float, float]


@dataclass(slots=True)
class Rules:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) ruling segments of a page."""

    horizontal: list[Segment] = field(default_factory=list)
    vertical: list[Segment] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.horizontal) + len(self.vertical)


@dataclass(slots=True)
class RuleGrid:
    """The row lines ``ys`` and column lines ``xs`` of a ruled table, with where each is actually drawn."""

    ys: list[float]
    xs: list[float]
    h_at: list[list[tuple[float, float]]]  # x intervals of rules on each ys line
    v_at: list[list[tuple[float, float]]]  # y intervals of rules on each xs line

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


# --------------------------------------------------------------------------- rules from drawings


def rules_from_vectors(blocks: Iterable[dict]) -> Rules:
    """Ruling segments from the vector blocks of a text page collected with ``TEXT_COLLECT_VECTORS``.

    MuPDF records each drawn path's box as it extracts the text, so the page is interpreted once; a stroked
    line is a box as thin as its width, a stroked rectangle a box to outline.
    """
    rules = Rules()
    hs, vs = rules.horizontal, rules.vertical
    for block in blocks:
        if block.get("type") != 3 or not _visible_rgb(block.get("color", 0)):
            continue
        x0, y0, x1, y1 = block["bbox"]
        w, h = x1 - x0, y1 - y0
        stroked = bool(block.get("stroked"))
        if _thin(h, w, stroked) and w >= MIN_RULE:
            hs.append(((y0 + y1) / 2, x0, x1))
        elif _thin(w, h, stroked) and h >= MIN_RULE:
            vs.append(((x0 + x1) / 2, y0, y1))
        elif stroked and block.get("isrect") and w >= MIN_RULE and h >= MIN_RULE:
            hs.extend(((y0, x0, x1), (y1, x0, x1)))
            vs.extend(((x0, y0, y1), (x1, y0, y1)))
    return rules


def _thin(across: float, along: float, stroked: bool) -> bool:
    """A box that is a line: thin, or a stroked line of a heavy border (its box is as wide as the pen)."""
    return across <= THIN or (stroked and across <= THICK and along >= 4 * across)


def _visible_rgb(color: int) -> bool:
    """False for near-white 0xRRGGBB colours: white rules are invisible, not table borders."""
    return min(color >> 16 & 255, color >> 8 & 255, color & 255) < 0.85 * 255


# --------------------------------------------------------------------------- connected figures


def _merge_collinear(segments: list[Segment]) -> list[Segment]:
    """(position, start, end) segments on the same line and touching merged into one: Word draws a
    table's rule as one short piece per cell."""
    out: list[Segment] = []
    for line in _lines_by_position(segments):
        pos = sum(p for p, _, _ in line) / len(line)
        line.sort(key=lambda seg: seg[1])
        a, b = line[0][1], line[0][2]
        for _, a2, b2 in line[1:]:
            if a2 <= b + SNAP:
                b = max(b, b2)
            else:
                out.append((pos, a, b))
                a, b = a2, b2
        out.append((pos, a, b))
    return out


def _lines_by_position(segments: list[Segment]) -> list[list[Segment]]:
    lines: list[list[Segment]] = []
    for seg in sorted(segments):
        if lines and seg[0] - lines[-1][-1][0] <= SNAP:
            lines[-1].append(seg)
        else:
            lines.append([seg])
    return lines


def _components(rules: Rules) -> list[Rules]:
    """Rules grouped into connected figures (rules that touch or cross): each is a candidate table.

    A frame drawn round the page or round a table touches none of the table's rules, so it stays a
    figure of its own (a single box, no table) instead of swallowing the prose it encloses.
    """
    hs = _merge_collinear(rules.horizontal)
    vs = _merge_collinear(rules.vertical)
    touching = Groups(len(hs) + len(vs))
    find = touching.find
    for i, (y, x0, x1) in enumerate(hs):
        for j, (x, y0, y1) in enumerate(vs):
            if x0 - SNAP <= x <= x1 + SNAP and y0 - SNAP <= y <= y1 + SNAP:
                touching.union(i, len(hs) + j)
    groups: dict[int, Rules] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), Rules()).horizontal.append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), Rules()).vertical.append(v)
    figures = [g for g in groups.values() if g.horizontal and g.vertical]
    figures.sort(key=lambda g: _area(_extent(g)))
    for loose in (g for g in groups.values() if not (g.horizontal and g.vertical)):
        # a column line cut short by merged cells above and below it touches no other rule
        x0, y0, x1, y1 = _extent(loose)
        for figure in figures:
            fx0, fy0, fx1, fy1 = _extent(figure)
            if fx0 - SNAP <= x0 and x1 <= fx1 + SNAP and fy0 - SNAP <= y0 and y1 <= fy1 + SNAP:
                figure.horizontal.extend(loose.horizontal)
                figure.vertical.extend(loose.vertical)
                break
    return figures


def _extent(rules: Rules) -> tuple[float, float, float, float]:
    xs = [x for _, x0, x1 in rules.horizontal for x in (x0, x1)] + [x for x, _, _ in rules.vertical]
    ys = [y for y, _, _ in rules.horizontal] + [y for _, y0, y1 in rules.vertical for y in (y0, y1)]
    return min(xs), min(ys), max(xs), max(ys)


def _area(box: tuple[float, float, float, float]) -> float:
    """The area of an (x0, y0, x1, y1) box."""
    return (box[2] - box[0]) * (box[3] - box[1])


# --------------------------------------------------------------------------- grids


def _cluster(values: Iterable[float]) -> list[float]:
    """Sorted positions with values within SNAP of each other merged (to their mean)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= SNAP:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _nearest(positions: list[float], v: float) -> int:
    i = bisect_right(positions, v)
    if i == len(positions) or (i > 0 and v - positions[i - 1] <= positions[i] - v):
        return i - 1
    return i


def _grid(band: Rules) -> RuleGrid | None:
    ys = _cluster(y for y, _, _ in band.horizontal)
    xs = _cluster(x for x, _, _ in band.vertical)
    if len(ys) < 2 or len(xs) < 2 or (len(ys) == 2 and len(xs) == 2):
        return None  # an underline, a frame or a single box is not a table
    h_at: list[list[tuple[float, float]]] = [[] for _ in ys]
    v_at: list[list[tuple[float, float]]] = [[] for _ in xs]
    for y, x0, x1 in band.horizontal:
        h_at[_nearest(ys, y)].append((x0 - SNAP, x1 + SNAP))
    for x, y0, y1 in band.vertical:
        v_at[_nearest(xs, x)].append((y0 - SNAP, y1 + SNAP))
    return RuleGrid(ys, xs, h_at, v_at)


def table_grids(rules: Rules) -> list[RuleGrid]:
    """The grids of the page's ruled tables, smallest first (a word in nested figures belongs to the innermost)."""
    grids = [g for g in (_grid(b) for b in _components(rules)) if g is not None] if rules else []
    grids.sort(key=lambda g: _area(g.box))
    return grids


def covers(intervals: list[tuple[float, float]], v: float) -> bool:
    """True when ``v`` lies on one of the drawn stretches of a grid line."""
    for a, b in intervals:  # noqa: SIM110 -- a plain loop: called for every grid position of every table
        if a <= v <= b:
            return True
    return False
