"""Evaluating an Equation over a report's cells, blank cells counted as unknown, never as 0.

consistency-checks.md §7: a blank or “/” cell is "not stated". An equation is broken only when no
non-negative values of its unknown cells (blank, or ambiguous with several readings) can make it hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .._format import Equation
from .._model import BLANK, Cell, Number, Report

#: Beyond this many achievable sums, candidate readings are treated as a free unknown (a weaker check).
_MAX_SUMS = 2048

CellMap = Mapping[str, Cell]


def cell_map(report: Report) -> dict[str, Cell]:
    """Every present cell by path, for fast repeated look-ups (absent cells are blank)."""
    return dict(report.iter_cells())


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one equation says about a report."""

    equation: Equation
    left: Number  # sum of the stated cells on the left
    right: Number
    unknown_left: int  # blank or ambiguous cells on the left
    unknown_right: int
    feasible: bool  # some non-negative values of the unknown cells make it hold

    @property
    def settled(self) -> bool:
        return not (self.unknown_left or self.unknown_right)

    @property
    def broken(self) -> bool:
        return not self.feasible

    @property
    def unsettled(self) -> bool:
        """Holds for some values of its blank cells, but the report does not say which."""
        return self.feasible and not self.settled

    @property
    def difference(self) -> Number:
        return self.left - self.right


class _Side:
    """Accumulates one side: stated sum, free unknowns, and the achievable sums of candidate readings."""

    __slots__ = ("free", "known", "sums", "unknown")

    def __init__(self) -> None:
        self.known: Number = 0
        self.unknown = 0
        self.free = False
        self.sums: set[Number] | None = None  # None: no candidate cell on this side

    def add(self, cell: Cell) -> None:
        if cell.value is not None:
            self.known += cell.value
            return
        self.unknown += 1
        readings = [c for c in cell.candidates if c >= 0]
        if not readings or self.free:
            self.free = True
            return
        sums = self.sums or {0}
        combined = {s + r for s in sums for r in readings}
        if len(combined) > _MAX_SUMS:
            self.free = True
        else:
            self.sums = combined

    def bounds(self) -> set[Number]:
        return {self.known + s for s in (self.sums or {0})}


def _feasible(left: _Side, right: _Side) -> bool:
    if left.free and right.free:
        return True
    if left.sums is None and right.sums is None:  # no candidate readings: the common case
        if left.free:
            return left.known <= right.known
        if right.free:
            return right.known <= left.known
        return left.known == right.known
    lefts, rights = left.bounds(), right.bounds()
    if left.free:  # left can grow without bound
        return min(lefts) <= max(rights)
    if right.free:
        return min(rights) <= max(lefts)
    return not lefts.isdisjoint(rights)


def evaluate(equation: Equation, cells: CellMap, override: Mapping[str, Number] | None = None) -> Outcome:
    """The equation's outcome; ``override`` substitutes values (used to test a suggested correction)."""
    left_known, left = _side(equation.left, cells, override)
    right_known, right = _side(equation.right, cells, override)
    if left is None and right is None:  # every cell stated: the common case
        return Outcome(equation, left_known, right_known, 0, 0, left_known == right_known)
    left, right = left or _Side(), right or _Side()
    left.known += left_known
    right.known += right_known
    return Outcome(equation, left.known, right.known, left.unknown, right.unknown, _feasible(left, right))


def _side(paths: tuple[str, ...], cells: CellMap, override: Mapping[str, Number] | None) -> tuple[Number, _Side | None]:
    """The sum of the side's stated cells, and its blank or ambiguous ones (None when there are none)."""
    side = None
    known: Number = 0
    for path in paths:
        if override and path in override:
            known += override[path]
            continue
        cell = cells.get(path, BLANK)
        if cell.value is not None:
            known += cell.value
        else:
            if side is None:
                side = _Side()
            side.add(cell)
    return known, side
