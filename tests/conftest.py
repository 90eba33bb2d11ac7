"""Shared fixtures: where the real corpus lives."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("OGI_CORPUS", ROOT.parent / "shared" / "corpus"))
SEED = CORPUS / "seed" / "000_614567a681452a82.txt"
SEED_EXPECTED = SEED.with_name(SEED.stem + ".expected.json")


def pytest_sessionstart(session: pytest.Session) -> None:
    """Refuse to run without the corpus: parametrized corpus tests would otherwise vanish silently."""
    if not (CORPUS / "seed").is_dir():
        raise pytest.UsageError(f"未找到语料库 {CORPUS}（设置 OGI_CORPUS 指向 shared/corpus）")


def expected_files() -> list[Path]:
    files = sorted(CORPUS.glob("*/*.expected.json"))
    if not files:
        raise RuntimeError(f"no expected files under {CORPUS}")
    return files


def report_file_for(expected: Path) -> Path:
    stem = expected.name.removesuffix(".expected.json")
    (match,) = [p for p in expected.parent.iterdir() if p.stem == stem and not p.name.endswith(".json")]
    return match


def load_expected(expected: Path) -> dict:
    return json.loads(expected.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    assert CORPUS.is_dir(), f"corpus not found at {CORPUS} (set OGI_CORPUS)"
    return CORPUS
