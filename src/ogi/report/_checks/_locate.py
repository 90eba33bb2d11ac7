"""Locating the wrong table-三 cell (consistency-checks.md §4), like a parity check.

A single wrong cell breaks its row equation (T3.applicants) and its column equation(s) (T3.outcomes,
and T3.balance for the four balance rows; （七）总计 lies on both). A cell is a candidate when every
equation it lies on is broken (or still satisfiable with the new value) and all the broken ones ask for
the same non-negative value. Candidates that share no broken equation with another candidate are
located; the others are listed as possibilities.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from .._format import Equation, t3_rows, table3_equations
from .._model import Number
from ._solve import CellMap, Outcome, evaluate


@dataclass(frozen=True)
class Candidate:
    path: str
    value: Number  # the value that satisfies every equation the cell lies on
    equations: frozenset[str]  # keys of the broken equations it explains


@dataclass(frozen=True)
class Location:
    """Per broken-equation key: the located cell, or the list of possible cells."""

    located: dict[str, Candidate]
    possible: dict[str, list[Candidate]]


@cache
def _index(split_other: bool) -> dict[str, tuple[Equation, ...]]:
    by_cell: dict[str, list[Equation]] = defaultdict(list)
    for eq in table3_equations(t3_rows(split_other)):
        for path in eq.cells():
            by_cell[path].append(eq)
    return {path: tuple(eqs) for path, eqs in by_cell.items()}


def _required(outcome: Outcome, path: str, current: Number) -> Number | None:
    """The value of ``path`` that makes a fully stated equation hold; None when blanks leave it open."""
    if not outcome.settled:
        return None
    eq = outcome.equation
    return current - outcome.difference if path in eq.left else current + outcome.difference


def _is_count(value: Number) -> bool:
    return value >= 0 and (isinstance(value, int) or value == Decimal(value).to_integral_value())


def locate(split_other: bool, outcomes: list[Outcome], cells: CellMap) -> Location:
    """Explain the broken table-三 equations by single wrong cells where the arithmetic allows."""
    broken = {o.equation.key: o for o in outcomes if o.broken and o.equation.rule.startswith("T3.")}
    if len(broken) < 2:
        return Location({}, {})
    index = _index(split_other)
    seen: set[str] = set()
    candidates: list[Candidate] = []
    for outcome in broken.values():
        for path in outcome.equation.cells():
            if path in seen:
                continue
            seen.add(path)
            cand = _candidate(path, index.get(path, ()), broken, cells)
            if cand is not None:
                candidates.append(cand)
    by_equation: dict[str, list[Candidate]] = defaultdict(list)
    for cand in candidates:
        for key in cand.equations:
            by_equation[key].append(cand)
    located: dict[str, Candidate] = {}
    possible: dict[str, list[Candidate]] = {}
    for cand in candidates:
        rivals = {id(c) for key in cand.equations for c in by_equation[key]}
        if rivals == {id(cand)}:
            for key in cand.equations:
                located[key] = cand
    for key, cands in by_equation.items():
        if key not in located:
            possible[key] = cands
    return Location(located, possible)


def _candidate(
    path: str, equations: tuple[Equation, ...], broken: dict[str, Outcome], cells: CellMap
) -> Candidate | None:
    cell = cells.get(path)
    if cell is None or cell.value is None:
        return None  # a blank cell is "not stated", not wrong
    current = cell.value
    mine = [broken[eq.key] for eq in equations if eq.key in broken]
    if len(mine) < 2:
        return None
    values = {_required(o, path, current) for o in mine}
    if len(values) != 1:
        return None
    (value,) = values
    if value is None or value == current or not _is_count(value):
        return None
    for eq in equations:
        if eq.key not in broken and not evaluate(eq, cells, {path: value}).feasible:
            return None
    if isinstance(value, Decimal):
        value = int(value)
    return Candidate(path, value, frozenset(o.equation.key for o in mine))
