"""The acceptance criteria of the report-engine and reader issues, run as a user would run them."""

from __future__ import annotations

import json

import pytest

from ogi.cli import main

from .conftest import CORPUS, SEED

SEED_EXPECTED = SEED.with_name(SEED.name.replace(".txt", ".expected.json"))


def test_seed_parses_to_its_expected_cells(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEED), "--to", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    for table in ("table2", "table3", "table4"):
        assert got[table] == expected[table]
    assert (got["agency"], got["year"], got["format"]) == (expected["agency"], expected["year"], expected["format"])
    assert sorted(got["sections"]) == ["1", "2", "3", "4", "5", "6"]


def test_seed_check_passes_with_its_deviations_as_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", str(SEED)]) == 0
    findings = json.loads(capsys.readouterr().out)
    flat = json.dumps(findings, ensure_ascii=False)
    assert '"severity": "error"' not in flat
    for deviation in ("table3.col.nonprofit", "table2.row.normative_documents", "table3.other"):
        assert deviation in flat


def test_every_corpus_report_reads_to_its_expected_values(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["eval", str(CORPUS)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "100.0%" in out.splitlines()[-1]
