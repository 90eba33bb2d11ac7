"""``ogi check DIR`` on large and odd folders, standard input and output, and the unexpected-error line."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ogi.cli import main
from ogi.report import iter_checks, list_reports
from ogi.report._batch import IN_FLIGHT_PER_WORKER, usable_workers

from .conftest import CORPUS

CLEAN = CORPUS / "pingtan" / "pingtan_2021_page.expected.json"
TEXT = CORPUS / "pingtan" / "pingtan_2021_page.txt"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_json_that_is_no_report_is_skipped_and_said_so(capsys, tmp_path: Path) -> None:
    shutil.copy(CLEAN, tmp_path / "report.json")
    (tmp_path / "package.json").write_text('{"name": "site", "version": "1.0"}', encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2, 3]", encoding="utf-8")
    code, out, _ = run(capsys, "check", tmp_path)
    assert code == 0
    assert "package.json" in out and "list.json" in out and "已跳过：不是报告 JSON" in out
    assert "2 个已跳过" in out and "0 个无法读取" in out
    code, out, _ = run(capsys, "check", "--json", tmp_path)
    data = json.loads(out)
    statuses = sorted(f["status"] for f in data["files"])
    assert code == 0 and statuses.count("已跳过") == 2 and "无法读取" not in statuses


def test_a_json_that_is_no_report_given_by_name_is_unreadable(capsys, tmp_path: Path) -> None:
    other = tmp_path / "package.json"
    other.write_text('{"name": "site"}', encoding="utf-8")
    code, _, err = run(capsys, "check", other)
    assert code == 2 and str(other) in err


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_symlinked_folders_are_followed_and_loops_listed(capsys, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(TEXT, elsewhere / "linked.txt")
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    shutil.copy(TEXT, root / "sub" / "own.txt")
    (root / "link").symlink_to(elsewhere, target_is_directory=True)
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    listing = list_reports(root)
    assert [p.relative_to(root).as_posix() for p in listing.files] == ["link/linked.txt", "sub/own.txt"]
    reasons = {p.relative_to(root).as_posix(): reason for p, reason in listing.skipped}
    assert "循环" in reasons["sub/loop"] and "不存在" in reasons["dangling.txt"]
    _, out, _ = run(capsys, "check", root)
    assert "link/linked.txt" in out and "sub/loop" in out and "已跳过" in out


def test_standard_input_and_output(capsys, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.read_bytes())))
    code, out, _ = run(capsys, "parse", "-", "--to", "json", "-o", "-")
    assert code == 0 and json.loads(out)["year"] == 2021
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.read_bytes())))
    code, out, _ = run(capsys, "check", "-")
    assert code in (0, 1) and "<标准输入>" in out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe\x00")))
    code, _, err = run(capsys, "parse", "-")
    assert code == 2 and err.startswith("ogi：<标准输入>：")
    target = tmp_path / "名.md"
    code, _, _ = run(capsys, "parse", TEXT, "--to", "md", "--allow-unresolved", "-o", target)
    assert code == 0 and target.read_text(encoding="utf-8").startswith("#")


def test_jobs_above_the_core_count_are_capped(capsys) -> None:
    cores = os.cpu_count() or 1
    assert usable_workers(64, 1000) == cores and usable_workers(None, 1) == 1 and usable_workers(1, 1000) == 1
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "-j", "0", str(TEXT)])
    assert exit_info.value.code == 2 and "-j" in capsys.readouterr().err


def test_results_stream_with_few_files_in_flight(tmp_path: Path) -> None:
    taken: list[int] = []

    def paths():
        for i in range(200):
            taken.append(i)
            yield TEXT

    results = iter_checks(paths(), jobs=2)
    first = next(results)
    assert first.report is not None
    assert len(taken) <= IN_FLIGHT_PER_WORKER * usable_workers(2, 200) + 1  # not the whole folder queued
    results.close()  # stops the workers; nothing else is read
    assert len(taken) < 200


def test_ctrl_c_stops_a_folder_check_before_the_queue_is_done(tmp_path: Path) -> None:
    for i in range(300):
        shutil.copy(TEXT, tmp_path / f"r{i:03d}.txt")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ogi.cli", "check", "-j", "2", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        encoding="utf-8",
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("== "):
            break
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "已中断" in err
    assert out.count("== ") < 299 and "校验汇总" not in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX feature")
def test_check_refuses_a_fifo_without_opening_it(capsys, tmp_path: Path) -> None:
    fifo = tmp_path / "管道.json"
    os.mkfifo(fifo)
    code, out, _ = run(capsys, "check", fifo)  # opening it would block the test forever
    assert code == 2 and "不是普通文件" in out
