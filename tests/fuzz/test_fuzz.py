"""A small fuzzing run in the suite: mutated inputs of every format are read or refused, never a crash.

The full run (``python -m tests.fuzz.harness -n 100000``) is done by hand; this keeps the harness itself
working and catches a regression on the commonest mutations.
"""

from __future__ import annotations

import pytest

from ..conftest import CORPUS
from .harness import FORMATS, message_problem, run, seed_files

N = 90


@pytest.fixture(scope="module")
def seeds() -> dict[str, list[tuple[str, bytes]]]:
    return seed_files(CORPUS, generated=2)


def test_every_format_has_seeds(seeds) -> None:
    assert all(seeds[fmt] for fmt in FORMATS)


def test_mutated_inputs_are_read_or_refused_never_unexpected(seeds) -> None:
    tally = run(N, seed=2026, seeds=seeds)
    assert tally.total("read") + tally.total("refused") + tally.total("unexpected") == N
    assert {fmt for fmt, _ in tally.counts} == set(FORMATS)
    assert tally.total("read") > 0 and tally.total("refused") > 0  # the mutations reach both outcomes
    assert [o.detail for o in tally.unexpected] == []


def test_a_message_must_name_the_file_and_carry_no_english() -> None:
    assert message_problem("a.txt：文件为空", "a.txt") is None
    assert message_problem("文件为空", "a.txt") == "消息未指明文件"
    assert message_problem("a.txt：读取失败（KeyError）", "a.txt") == "消息含英文异常文本"
    assert message_problem('a.txt：未知的代码 "reeeeeeeeeeeview"', "a.txt") is None
    assert message_problem("a.txt：table3.not_processed.confirmation[5]：数值过大", "a.txt") is None
    assert message_problem("a.txt：object has no attribute", "a.txt") == "消息含英文异常文本"
