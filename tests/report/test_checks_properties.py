"""Property tests: valid reports pass; any single wrong table-三/四 cell is caught, and in 三 located."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report import Cell, Report, Severity, check
from ogi.report._generate import random_report
from ogi.report._model import BLANK

SETTINGS = settings(max_examples=200, deadline=None)


def _errors(report: Report) -> list:
    return [f for f in check(report) if f.severity is Severity.ERROR]


def _arithmetic_paths(report: Report) -> list[str]:
    return [path for path, _ in report.iter_cells() if path.startswith(("table3.", "table4."))]


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_valid_reports_have_no_errors(rng: random.Random) -> None:
    report = random_report(rng)
    assert _errors(report) == []


@SETTINGS
@given(st.randoms(use_true_random=False), st.data())
def test_any_single_changed_cell_is_flagged_and_located(rng: random.Random, data: st.DataObject) -> None:
    report = random_report(rng)
    path = data.draw(st.sampled_from(_arithmetic_paths(report)))
    original = report.value(path)
    new = data.draw(st.integers(min_value=0, max_value=10_000).filter(lambda v: v != original))
    broken = report.with_cell(path, Cell.of(new))
    errors = _errors(broken)
    assert errors
    assert any(path in f.cells for f in errors)
    if path.startswith("table3."):
        assert all(f.suggestion == {path: original} for f in errors)


@SETTINGS
@given(st.randoms(use_true_random=False), st.data())
def test_blanking_cells_never_creates_errors(rng: random.Random, data: st.DataObject) -> None:
    report = random_report(rng)
    paths = data.draw(st.lists(st.sampled_from(_arithmetic_paths(report)), min_size=1, max_size=40, unique=True))
    for path in paths:
        report = report.with_cell(path, BLANK)
    findings = check(report)
    assert not [f for f in findings if f.severity is Severity.ERROR]
    blank = [f for f in findings if f.rule == "cells.blank"]
    assert sorted(p for f in blank for p in f.cells if p.startswith(("table3.", "table4."))) == sorted(paths)


@SETTINGS
@given(st.randoms(use_true_random=False))
def test_findings_are_deterministic(rng: random.Random) -> None:
    report = random_report(rng)
    path = rng.choice(_arithmetic_paths(report))
    broken = report.with_cell(path, Cell.of((report.value(path) or 0) + 1))
    assert check(broken) == check(broken)
