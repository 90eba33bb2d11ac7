"""The ``ogi`` command, run in-process through ``main([...])`` (and once as a real process)."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from ogi import cli
from ogi.cli import main
from ogi.report import Cell, FormatVersion, Report, check, dumps, json_schema, read, to_dict
from ogi.report._generate import random_report

from .conftest import CORPUS, SEED

#: Published report (as expected JSON) that breaks T3.balance in two columns; a clean one.
BROKEN = CORPUS / "pingtan" / "pingtan_gaj_2021_page.expected.json"
CLEAN = CORPUS / "pingtan" / "pingtan_2021_page.expected.json"
BROKEN_KEYS = {"T3.balance natural_person", "T3.balance total"}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- check


def test_check_reports_errors_grouped_by_table_and_exits_1(capsys) -> None:
    code, out, _ = run(capsys, "check", BROKEN)
    assert code == 1
    lines = out.splitlines()
    assert "表三" in lines
    errors = [i for i, line in enumerate(lines) if line.startswith("  错误：")]
    warnings = [i for i, line in enumerate(lines) if line.startswith("  提示：")]
    assert len(errors) == 2
    assert not re.search(r"[A-Za-z]\w*\.[a-z_]+", "\n".join(lines[1:]))  # no rule ids: a clerk reads words
    assert not any(k in out for k in BROKEN_KEYS)  # the subject codes stay in --json (key), not in the text
    assert lines.index("表三") < min(errors)
    assert not warnings or min(warnings) > max(errors) or lines.index("其他") < min(warnings)
    assert "共 2 个错误" in out


def test_errors_come_before_warnings_within_a_table(capsys) -> None:
    report = Report.zero(FormatVersion.V2021, agency="测试局", year=2023)
    report = report.with_cell("table3.granted.natural_person", Cell.of(5))  # breaks sums: errors
    report = report.with_cell("table3.carried_over.research", Cell())  # blank: a warning
    lines = cli.format_findings(check(report))
    table3 = lines[lines.index("表三") + 1 :]
    table3 = table3[: next((i for i, line in enumerate(table3) if not line.startswith("  ")), len(table3))]
    kinds = [line.strip()[:2] for line in table3]
    assert "错误" in kinds and kinds == sorted(kinds, key=lambda k: k != "错误")


def test_verbose_shows_the_rule_ids(capsys) -> None:
    code, out, _ = run(capsys, "check", "--verbose", BROKEN)
    assert code == 1
    errors = [line for line in out.splitlines() if line.startswith("  错误 ")]
    assert len(errors) == 2 and all(line.startswith("  错误 T3.balance：") for line in errors)


def test_check_clean_report_exits_0(capsys) -> None:
    code, out, _ = run(capsys, "check", CLEAN)
    assert code == 0
    assert "错误" not in out.replace("0 个错误", "")


def test_check_json_is_machine_readable(capsys) -> None:
    code, out, _ = run(capsys, "check", "--json", BROKEN, CLEAN)
    data = json.loads(out)
    assert code == 1 and data["exit_code"] == 1
    broken, clean = data["files"]
    assert broken["file"] == str(BROKEN) and broken["format"] == "2021" and broken["year"] == 2021
    assert broken["errors"] == 2 and broken["status"] == "有错误" and broken["error"] is None
    errors = {f["key"] for f in broken["findings"] if f["severity"] == "error"}
    assert errors == BROKEN_KEYS
    finding = broken["findings"][0]
    assert {"key", "rule", "severity", "message", "table", "cells", "suggestion", "source"} <= set(finding)
    assert clean["errors"] == 0


def test_unreadable_input_is_one_line_and_exit_2(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "坏.json"
    bad.write_text("{ not json", encoding="utf-8")
    missing = tmp_path / "没有.pdf"
    code, out, err = run(capsys, "check", bad, missing, BROKEN)
    assert code == 2  # unreadable wins over errors
    err_lines = [line for line in err.splitlines() if line.strip()]
    assert any(str(bad) in line for line in err_lines) and any(str(missing) in line for line in err_lines)
    assert "Traceback" not in out + err
    code, out, _ = run(capsys, "check", "--json", bad)
    data = json.loads(out)
    assert code == 2 and data["files"][0]["status"] == "无法读取" and str(bad) in data["files"][0]["error"]


def test_unexpected_exception_is_one_line_and_exit_2(capsys, monkeypatch, tmp_path: Path) -> None:
    def boom(*_args: object, **_kwargs: object) -> bytes:
        raise RuntimeError("意外\n第二行")

    monkeypatch.setattr(cli, "write", boom)
    code, _, err = run(capsys, "parse", CLEAN, "--to", "md")
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert f"{CLEAN}：发生意外错误" in err and "RuntimeError" not in err and "--verbose" in err
    code, _, err = run(capsys, "parse", CLEAN, "--to", "md", "--verbose")
    assert code == 2 and f"{CLEAN}：发生意外错误" in err and "RuntimeError: 意外" in err


def test_check_folder_prints_a_summary_and_skips_non_reports(capsys, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    shutil.copy(BROKEN, tmp_path / "a" / "gaj_2021.json")
    shutil.copy(CLEAN, tmp_path / "pingtan_2021.json")
    shutil.copy(CLEAN, tmp_path / "pingtan_2021.expected.json")  # an answer file, not a report
    (tmp_path / "README.md").write_text("# 说明\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.json").write_text("{", encoding="utf-8")
    code, out, _ = run(capsys, "check", "-j", "2", tmp_path)
    assert code == 1
    assert "校验汇总" in out and "a/gaj_2021.json" in out and "pingtan_2021.json" in out
    assert "README" not in out and "expected" not in out and "x.json" not in out
    assert "共 2 个文件：2 个错误" in out
    for header in ("文件", "类型", "格式", "年度", "错误", "提示", "状态"):
        assert header in out
    code, out, _ = run(capsys, "check", "--json", tmp_path)
    assert [Path(f["file"]).name for f in json.loads(out)["files"]] == ["gaj_2021.json", "pingtan_2021.json"]


def test_check_empty_folder_exits_2(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", tmp_path)
    assert code == 2 and "没有找到报告文件" in err


def _series_pair(tmp_path: Path) -> tuple[Path, Path]:
    first = random_report(random.Random(7), version=FormatVersion.V2021, scale=300)
    second = random_report(random.Random(8), version=FormatVersion.V2021, scale=300)
    first = replace(first, agency="测试局", year=2022)
    second = replace(second, agency="测试局", year=2023)
    assert first.table3["carried_forward"] != second.table3["carried_over"]
    paths = tmp_path / "2022.json", tmp_path / "2023.json"
    for report, path in zip((first, second), paths, strict=True):
        path.write_text(dumps(report), encoding="utf-8")
    return paths


def test_check_series_adds_cross_year_findings(capsys, tmp_path: Path) -> None:
    paths = _series_pair(tmp_path)
    code, out, _ = run(capsys, "check", *paths)
    assert code == 0 and "X.carry" not in out
    code, out, _ = run(capsys, "check", "--series", *paths)
    assert code == 1 and "跨年度校验" in out and "X.carry" not in out
    code, out, _ = run(capsys, "check", "--series", "--verbose", *paths)
    assert code == 1 and "错误 X.carry：" in out
    code, out, _ = run(capsys, "check", "--series", "--json", *paths)
    data = json.loads(out)
    assert code == 1 and any(f["rule"] == "X.carry" and f["severity"] == "error" for f in data["series"])


# --------------------------------------------------------------------------- parse / render


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_parse_writes_the_requested_format(capsys, tmp_path: Path, fmt: str) -> None:
    out_file = tmp_path / f"out.{fmt}"
    code, out, _ = run(capsys, "parse", CLEAN, "--to", fmt, "-o", out_file)
    assert code == 0 and out == ""
    text = out_file.read_text(encoding="utf-8")
    assert "平潭综合实验区" in text
    if fmt == "json":
        assert to_dict(read(out_file))["table3"] == to_dict(read(CLEAN))["table3"]
    code, out, _ = run(capsys, "parse", CLEAN, "--to", fmt)
    assert code == 0 and out == text
    assert [p.name for p in tmp_path.iterdir()] == [out_file.name], "no temp file left behind"
    umask = os.umask(0)
    os.umask(umask)
    assert out_file.stat().st_mode & 0o777 == 0o666 & ~umask, "an ordinary file, not mkstemp's 0600"


def test_nothing_is_written_when_reading_fails(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "1999"}', encoding="utf-8")
    target = tmp_path / "out.md"
    code, _, err = run(capsys, "parse", bad, "--to", "md", "-o", target)
    assert code == 2 and str(bad) in err and not target.exists()
    target.write_text("旧内容", encoding="utf-8")
    code, _, _ = run(capsys, "render", bad, "--to", "html", "-o", target)
    assert code == 2 and target.read_text(encoding="utf-8") == "旧内容"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "out.md"]


def test_render_binary_needs_a_file_or_a_pipe(capsys, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = run(capsys, "render", CLEAN, "--to", "docx")
    assert code == 2 and "-o" in err and out == ""


def test_render_writes_html_from_report_json(capsys, tmp_path: Path) -> None:
    source = tmp_path / "r.json"
    source.write_text(dumps(Report.zero(FormatVersion.V2019, agency="测试局", year=2020)), encoding="utf-8")
    code, _, _ = run(capsys, "render", source, "--to", "html", "-o", tmp_path / "r.html")
    assert code == 0
    assert "测试局2020年度政府信息公开工作年度报告" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_schema_prints_the_json_schema(capsys) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out) == json_schema()


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["parse", str(CLEAN), "--to", "xls"])
    assert exc.value.code == 2 and "参数错误" in capsys.readouterr().err


# --------------------------------------------------------------------------- eval


def _eval_dir(tmp_path: Path, source: Path, expected: dict) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(source, folder / source.name)
    (folder / f"{source.stem}.expected.json").write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    return folder


def _expected_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_eval_all_right_exits_0(capsys, tmp_path: Path) -> None:
    report_json = tmp_path / "r.json"
    shutil.copy(BROKEN, report_json)
    folder = _eval_dir(tmp_path, report_json, _expected_of(BROKEN))
    code, out, _ = run(capsys, "eval", folder)
    assert code == 0, out
    assert "100.0%" in out and "校验一致" in out


def test_eval_seed_text_file_against_its_expected_values(capsys, tmp_path: Path) -> None:
    folder = _eval_dir(tmp_path, SEED, _expected_of(SEED.with_name(SEED.stem + ".expected.json")))
    code, out, _ = run(capsys, "eval", folder)
    assert code == 0, out


def test_eval_reports_a_wrong_cell_and_exits_1(capsys, tmp_path: Path) -> None:
    expected = _expected_of(SEED.with_name(SEED.stem + ".expected.json"))
    expected["table3"]["granted"][6] = 3  # the seed says 0
    expected["source_checks"] = ["T4.totals review: made up"]
    folder = _eval_dir(tmp_path, SEED, expected)
    code, out, _ = run(capsys, "eval", folder)
    assert code == 1
    assert "table3.granted.total：应为 3，实为 0" in out
    assert "校验缺少错误：T4.totals review" in out
    code, out, _ = run(capsys, "eval", "--json", folder)
    data = json.loads(out)
    assert code == 1 and data["passed"] is False and data["exit_code"] == 1
    (result,) = data["files"]
    assert result["wrong"] == [{"path": "table3.granted.total", "expected": 3, "got": 0, "note": ""}]
    assert result["correct"] == result["cells"] - 1 and result["missing_checks"] == ["T4.totals review"]


def test_eval_unreadable_file_scores_zero(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "x.json").write_text("{", encoding="utf-8")
    shutil.copy(CLEAN, folder / "x.expected.json")
    code, out, _ = run(capsys, "eval", folder)
    assert code == 1 and "0.0%" in out and "无法读取" in out and "x.json" in out


# --------------------------------------------------------------------------- a real process


def test_installed_command_runs(tmp_path: Path) -> None:
    ogi = Path(sys.executable).parent / "ogi"
    done = subprocess.run([str(ogi), "check", "--json", str(BROKEN)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert {f["key"] for f in json.loads(done.stdout)["files"][0]["findings"] if f["severity"] == "error"} == (
        BROKEN_KEYS
    )
    done = subprocess.run([str(ogi), "check", str(tmp_path / "无.txt")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr and "无.txt" in done.stderr
