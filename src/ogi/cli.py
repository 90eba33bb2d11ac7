"""The ``ogi`` command: a thin shell over :mod:`ogi.report`.

    ogi check FILE|DIR …  [--series] [--json]    校验年度报告（勾稽关系等）
    ogi parse FILE --to json|md|html [-o OUT]    读取报告并转换格式
    ogi render REPORT.json --to json|md|html|docx|pdf [-o OUT]
    ogi eval DIR [--json]                        与 X.expected.json 比对，评估读取准确率
    ogi schema                                   输出报告 JSON 的 JSON Schema

Exit codes: 0 no errors, 1 errors found (or an evaluation below 100%), 2 an input could not be read.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from ogi import __version__
from ogi.platform import commands as platform_commands
from ogi.report import (
    Evaluation,
    FileCheck,
    FileEvaluation,
    Finding,
    ReportError,
    Severity,
    Source,
    UnresolvedCells,
    _batch,
    check_series,
    check_stream,
    evaluate_dir,
    file_check_to_dict,
    finding_to_dict,
    iter_checks,
    json_schema,
    list_reports,
    read,
    read_stream,
    write,
)
from ogi.report._errors import os_reason

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2
#: “-” as a file is standard input, as ``-o`` standard output.
STDIO = "-"
STDIN_NAME = "<标准输入>"
TEXT_FORMATS = ("json", "md", "html")
BINARY_FORMATS = ("docx", "pdf")
_TABLES = (("table2", "表二"), ("table3", "表三"), ("table4", "表四"), (None, "其他"))


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors in Chinese and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_UNREADABLE, f"ogi：参数错误：{_chinese_usage_error(message)}\n")


#: argparse's English usage errors, in Chinese (the values it names are kept as they are).
_USAGE_ERRORS = (
    (re.compile(r"the following arguments are required: (.+)"), r"缺少参数 \1"),
    (re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"), r"\1 不能取 \2，可选：\3"),
    (re.compile(r"argument (\S+): invalid (\w+) value: (.+)"), r"\1 的值 \3 无效"),
    (re.compile(r"argument (\S+): expected one argument"), r"\1 后面需要一个值"),
    (re.compile(r"unrecognized arguments: (.+)"), r"无法识别的参数 \1"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), r"\1 不能与 \2 同时使用"),
)


def _chinese_usage_error(message: str) -> str:
    for pattern, chinese in _USAGE_ERRORS:
        if pattern.fullmatch(message):
            return pattern.sub(chinese, message)
    return message


_ALLOW_UNRESOLVED = "有数字无法确定的单元格时也生成（印作“？”并在表下加注），默认拒绝"


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ogi", description="政府信息公开工作年度报告：读取、校验、转换与评估。")
    parser.add_argument("--version", action="version", version=f"ogi {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    p = sub.add_parser("check", help="校验年度报告的勾稽关系等规则", description="校验年度报告；可给出文件或文件夹。")
    p.add_argument("paths", nargs="+", metavar="FILE", help="报告文件或文件夹（文件夹递归查找；- 表示标准输入）")
    p.add_argument("--series", action="store_true", help="同时进行跨年度校验（上年结转等）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    p.add_argument("-j", "--jobs", type=_positive, default=None, help="并行进程数（默认且最多：全部 CPU 核）")
    p.add_argument("-q", "--quiet", action="store_true", help="多个文件时只输出汇总表")
    p.add_argument("-v", "--verbose", action="store_true", help="显示详细信息（如每条结果的规则编号）")

    p = sub.add_parser("parse", help="读取报告并转换为 JSON / Markdown / HTML")
    p.add_argument("file", metavar="FILE", help="报告文件（- 表示标准输入）")
    p.add_argument("--to", choices=TEXT_FORMATS, default="json", help="输出格式（默认 json）")
    p.add_argument("-o", "--output", metavar="OUT", help="输出文件（默认或 -：标准输出）")
    p.add_argument("--allow-unresolved", action="store_true", help=_ALLOW_UNRESOLVED)
    _add_verbose(p)

    p = sub.add_parser("render", help="把报告 JSON 生成为 JSON / Markdown / HTML / DOCX / PDF")
    p.add_argument("file", metavar="REPORT.json", help="报告 JSON（- 表示标准输入）")
    p.add_argument("--to", choices=TEXT_FORMATS + BINARY_FORMATS, required=True, help="输出格式")
    p.add_argument("-o", "--output", metavar="OUT", help="输出文件（- 为标准输出；二进制格式须指定文件或重定向）")
    p.add_argument("--allow-unresolved", action="store_true", help=_ALLOW_UNRESOLVED)
    _add_verbose(p)

    p = sub.add_parser("eval", help="与 X.expected.json 比对，评估读取准确率")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    _add_verbose(p)

    sub.add_parser("schema", help="输出报告 JSON 的 JSON Schema")
    platform_commands.add_parsers(sub)
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


def _add_verbose(p: argparse.ArgumentParser) -> None:
    p.add_argument("-v", "--verbose", action="store_true", help="出现意外错误时显示异常详情")


def _subject(args: argparse.Namespace) -> str:
    """What an unexpected error is about: the file (or files) the command was given."""
    names = [getattr(args, "file", None), getattr(args, "dir", None), *(getattr(args, "paths", None) or [])]
    named = [STDIN_NAME if n == STDIO else str(n) for n in names if n]
    return "、".join(named) or "ogi"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return EXIT_UNREADABLE
    if args.command in platform_commands.COMMANDS:
        return platform_commands.run(args)
    try:
        return _COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("ogi：已中断", file=sys.stderr)
        if _batch.workers_killed:  # Python would wait at exit for the killed pool's manager thread
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(130)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # never an English traceback by default: one Chinese line naming the file, exit 2
        verbose = getattr(args, "verbose", False)
        hint = "" if verbose else "；加 --verbose 可查看异常详情"
        print(f"ogi：{_subject(args)}：发生意外错误（程序缺陷，请把该文件报告给维护者{hint}）", file=sys.stderr)
        if verbose:
            traceback.print_exc(file=sys.stderr)
        return EXIT_UNREADABLE


# --------------------------------------------------------------------------- check


def _console(stream: TextIO) -> Any:
    from rich.console import Console

    return Console(file=stream, width=None if stream.isatty() else 120, highlight=False)


def _describe(result: FileCheck) -> str:
    report = result.report
    if report is None:
        return result.file
    parts = [p for p in (report.agency, f"{report.year}年度" if report.year else None) if p]
    return f"{result.file}（{' '.join([*parts, f'{report.format.value}年格式'])}）"


def _location(source: Source | None, file: str | None) -> str:
    """“（位置：第3页 第9行）”; the file is named only when it is not the one the block is about."""
    if source is None:
        return ""
    if file is not None and source.file in (file, Path(file).name):
        source = dataclasses.replace(source, file=None)
    where = source.describe()
    return f"（位置：{where}）" if where else ""


def _finding_line(finding: Finding, file: str | None = None, *, verbose: bool = False) -> str:
    """“  错误：表三 自然人 列：…（位置：第10行）”; with ``verbose`` the rule id follows the severity
    (“错误 T3.balance：”) for whoever maintains the rules — a clerk acts on the words alone."""
    message = finding.message
    embedded = _location(finding.source, None)
    if embedded and message.endswith(embedded):
        message = message.removesuffix(embedded)
    year = f"[{finding.year}年度] " if finding.year is not None else ""
    rule = f" {finding.rule}" if verbose else ""
    return f"  {finding.severity.label}{rule}：{year}{message}{_location(finding.source, file)}"


def format_findings(findings: Sequence[Finding], file: str | None = None, *, verbose: bool = False) -> list[str]:
    """Findings grouped by table (表二/表三/表四/其他), errors before warnings within each group.

    ``file`` is the report the findings are about: locations in it are given without its name.
    """
    lines = []
    for table, name in _TABLES:
        group = [f for f in findings if (f.table if f.table in ("table2", "table3", "table4") else None) == table]
        if not group:
            continue
        group.sort(key=lambda f: f.severity is not Severity.ERROR)  # stable: keeps the checks' order
        lines.append(name)
        lines += [_finding_line(f, file, verbose=verbose) for f in group]
    return lines


def _print_file(result: FileCheck, out: TextIO, *, verbose: bool = False) -> None:
    print(f"== {_describe(result)}", file=out)
    if result.skipped is not None:
        print(f"  已跳过：{result.skipped}", file=out)
        return
    if result.error is not None:
        print(f"  无法读取：{result.error.removeprefix(result.file + '：')}", file=out)
        return
    for line in format_findings(result.findings, result.file, verbose=verbose):
        print(line, file=out)
    if not result.findings:
        print("  未发现问题", file=out)
    else:
        print(f"  共 {result.errors} 个错误，{result.warnings} 个提示", file=out)


@dataclasses.dataclass(frozen=True)
class _Row:
    """What the summary keeps of a checked file: a line of figures, not the report (memory stays flat)."""

    file: str
    kind: str
    format: str
    year: str
    errors: int
    warnings: int
    status: str

    @classmethod
    def of(cls, r: FileCheck) -> _Row:
        report = r.report
        return cls(
            r.file,
            r.kind or "",
            report.format.value if report else "",
            str(report.year) if report and report.year else "",
            r.errors,
            r.warnings,
            r.status,
        )


def _summary_table(rows: Sequence[_Row], root: Path | None) -> Any:
    from rich.table import Table

    table = Table(title="校验汇总", show_lines=False)
    for name, justify in (("文件", "left"), ("类型", "left"), ("格式", "left"), ("年度", "right")):
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for name in ("错误", "提示"):
        table.add_column(name, justify="right")
    table.add_column("状态")
    status = {"无法读取": "[red]无法读取[/]", "有错误": "[red]有错误[/]", "有提示": "[yellow]有提示[/]"}
    status["已跳过"] = "[dim]已跳过[/]"
    for r in rows:
        name = r.file
        if root is not None:
            with contextlib.suppress(ValueError):
                name = str(Path(r.file).relative_to(root))
        counted = r.status not in ("无法读取", "已跳过")
        table.add_row(
            name,
            r.kind,
            r.format,
            r.year,
            str(r.errors) if counted else "",
            str(r.warnings) if counted else "",
            status.get(r.status, f"[green]{r.status}[/]"),
        )
    return table


def _with_progress(results: Iterator[FileCheck], total: int) -> Iterator[FileCheck]:
    """A progress bar on the terminal's standard error while the results stream by."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("校验中"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=_console(sys.stderr), transient=True, redirect_stdout=False) as progress:
        task = progress.add_task("校验", total=total)
        for result in results:
            yield result
            progress.advance(task)


def _expand(paths: Sequence[str]) -> tuple[list[Path], list[FileCheck]]:
    """A folder becomes the report files in it (recursively); a file stays itself. Also what a folder's
    listing passed over (symlink loops, dangling links), as skipped results."""
    files: list[Path] = []
    skipped: list[FileCheck] = []
    for p in map(Path, paths):
        if str(p) == STDIO or not p.is_dir():
            files.append(p)
            continue
        listing = list_reports(p)
        files += listing.files
        skipped += [FileCheck(str(path), skipped=reason) for path, reason in listing.skipped]
    return files, skipped


def _results(
    files: list[Path], skipped: list[FileCheck], args: argparse.Namespace, folder: bool
) -> Iterator[FileCheck]:
    """Skipped entries, then standard input, then every file, checked on the cores as they stream."""
    yield from skipped
    stdin = [f for f in files if str(f) == STDIO]
    if stdin:
        yield check_stream(sys.stdin.buffer, STDIN_NAME)
    paths = [f for f in files if str(f) != STDIO]
    yield from iter_checks(paths, jobs=args.jobs, count=len(paths), skip_foreign=folder)


def _series(reports: Iterable[Any]) -> dict[str, list[Finding]]:
    """The across-year findings per agency (a series finding names years, not the agency)."""
    by_agency: dict[str, list[Any]] = {}
    for report in reports:
        by_agency.setdefault(report.agency or "", []).append(report)
    return {
        agency: check_series(sorted(reports, key=lambda r: r.year or 0))
        for agency, reports in sorted(by_agency.items())
    }


def cmd_check(args: argparse.Namespace) -> int:
    folder_mode = any(p != STDIO and Path(p).is_dir() for p in args.paths)
    files, skipped = _expand(args.paths)
    if not files and not skipped:
        print(f"ogi：没有找到报告文件：{'、'.join(args.paths)}", file=sys.stderr)
        return EXIT_UNREADABLE
    many = folder_mode or len(files) > 1
    verbose = getattr(args, "verbose", False)
    results = _results(files, skipped, args, folder_mode)
    # Streaming output is its own progress; the bar is for when the results go elsewhere.
    if many and sys.stderr.isatty() and (args.json or args.quiet or not sys.stdout.isatty()):
        results = _with_progress(results, len(files) + len(skipped))
    rows: list[_Row] = []
    reports: list[Any] = []
    with contextlib.closing(results):
        if args.json:
            sys.stdout.write('{"files": [')
        for i, result in enumerate(results):
            rows.append(_Row.of(result))
            if args.series and result.report is not None:
                reports.append(result.report)
            if args.json:
                item = json.dumps(file_check_to_dict(result), ensure_ascii=False, indent=1)
                sys.stdout.write(("," if i else "") + "\n" + item)
                continue
            if not (many and args.quiet):
                _print_file(result, sys.stdout, verbose=verbose)
            if result.error is not None:
                print(f"ogi：{result.error}", file=sys.stderr)
                if verbose and result.detail:
                    print(f"  详情：{result.detail}", file=sys.stderr)
    series_by_agency = _series(reports) if args.series else {}
    series = [f for findings in series_by_agency.values() for f in findings]
    unreadable = any(r.status == "无法读取" for r in rows)
    has_errors = any(r.errors for r in rows) or any(f.severity is Severity.ERROR for f in series)
    code = EXIT_UNREADABLE if unreadable else EXIT_FINDINGS if has_errors else EXIT_OK

    if args.json:
        sys.stdout.write("\n]")
        if args.series:
            sys.stdout.write(', "series": ' + json.dumps([finding_to_dict(f) for f in series], ensure_ascii=False))
        sys.stdout.write(f', "exit_code": {code}}}\n')
        return code

    if args.series:
        print("== 跨年度校验", file=sys.stdout)
        for agency, findings in series_by_agency.items():
            if findings:
                print(f"{agency or '（未识别机关）'}：", file=sys.stdout)
                print("\n".join(format_findings(findings, verbose=args.verbose)), file=sys.stdout)
        if not series:
            print("  未发现问题", file=sys.stdout)
    if many:
        root = Path(args.paths[0]) if len(args.paths) == 1 and folder_mode else None
        _console(sys.stdout).print(_summary_table(rows, root))
        errors = sum(r.errors for r in rows) + sum(f.severity is Severity.ERROR for f in series)
        warnings = sum(r.warnings for r in rows) + sum(f.severity is Severity.WARNING for f in series)
        bad = sum(r.status == "无法读取" for r in rows)
        passed_over = sum(r.status == "已跳过" for r in rows)
        tail = f"，{passed_over} 个已跳过" if passed_over else ""
        print(f"共 {len(rows)} 个文件：{errors} 个错误，{warnings} 个提示，{bad} 个无法读取{tail}", file=sys.stdout)
    return code


# --------------------------------------------------------------------------- parse / render


def _file_mode(target: Path) -> int:
    """The mode a plain ``open(target, "w")`` would give (mkstemp makes 0600 files): keep or follow umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_output(data: bytes, output: str | None, fmt: str) -> int:
    """Write to OUT atomically (temp file + rename), or to stdout (no ``-o``, or ``-o -``); binary needs a
    file or a pipe."""
    if output is None or output == STDIO:
        if fmt in BINARY_FORMATS and sys.stdout.isatty():
            print(f"ogi：{fmt} 是二进制格式，请用 -o 指定输出文件，或重定向标准输出", file=sys.stderr)
            return EXIT_UNREADABLE
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return EXIT_OK
    target = Path(output)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path("."))
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.chmod(tmp, _file_mode(target))
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        print(f"ogi：{output}：无法写入（{os_reason(exc)}）", file=sys.stderr)
        return EXIT_UNREADABLE
    return EXIT_OK


def _convert(path: str, fmt: str, output: str | None, *, allow_unresolved: bool = False) -> int:
    try:
        report = read_stream(sys.stdin.buffer, STDIN_NAME) if path == STDIO else read(path)
        data = write(report, fmt, allow_unresolved=allow_unresolved)
    except UnresolvedCells as exc:
        print(f"ogi：{path}：{exc}：", file=sys.stderr)
        for note in exc.notes:
            print(f"  {note}", file=sys.stderr)
        print(
            "请在报告 JSON 中填入正确的数字后再生成；如确需照此生成，加 --allow-unresolved"
            "（这些单元格印作“？”并在表下加注）",
            file=sys.stderr,
        )
        return EXIT_FINDINGS
    except ReportError as exc:
        print(f"ogi：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if not report.complete:  # written as far as it goes; say what it lacks
        parts = "、".join(part.describe() for part in report.missing[:3])
        more = f"等 {len(report.missing)} 处" if len(report.missing) > 3 else ""
        print(f"ogi：{path}：报告不完整，缺少{parts}{more}（缺少的单元格为空白）", file=sys.stderr)
    return _write_output(data, output, fmt)


def cmd_parse(args: argparse.Namespace) -> int:
    return _convert(args.file, args.to, args.output, allow_unresolved=args.allow_unresolved)


def cmd_render(args: argparse.Namespace) -> int:
    return _convert(args.file, args.to, args.output, allow_unresolved=args.allow_unresolved)


# --------------------------------------------------------------------------- eval


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0.0%"


def _print_evaluation(result: FileEvaluation, out: TextIO) -> None:
    checks = "校验一致" if result.checks_match else "校验不一致"
    if result.error is not None:
        print(f"✗ {result.file}  单元格 0.0%（0/{result.cells}）  无法读取：{result.error}", file=out)
        return
    mark = "✓" if result.passed else "✗"
    accuracy = _percent(result.correct, result.cells)
    print(f"{mark} {result.file}  单元格 {accuracy}（{result.correct}/{result.cells}）  {checks}", file=out)
    for wrong in result.wrong:
        note = f"（{wrong.note}）" if wrong.note else ""
        expected = "空" if wrong.expected is None else wrong.expected
        got = "空" if wrong.got is None else wrong.got
        print(f"    单元格 {wrong.path}：应为 {expected}，实为 {got}{note}", file=out)
    for key in result.missing_checks:
        print(f"    校验缺少错误：{key}", file=out)
    for key in result.unexpected_checks:
        print(f"    校验多出错误：{key}", file=out)
    for name, expected, got in result.meta_mismatches:
        print(f"    （信息）{name}：应为 {expected}，实为 {got}", file=out)


def cmd_eval(args: argparse.Namespace) -> int:
    if not Path(args.dir).is_dir():
        print(f"ogi：{args.dir}：不是文件夹", file=sys.stderr)
        return EXIT_UNREADABLE
    evaluation: Evaluation = evaluate_dir(args.dir)
    code = EXIT_OK if evaluation.passed else EXIT_FINDINGS
    if args.json:
        json.dump({**evaluation.to_dict(), "exit_code": code}, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return code
    if not evaluation.files:
        print(f"ogi：{args.dir} 中没有带 .expected.json 的报告文件", file=sys.stderr)
        return EXIT_FINDINGS
    for result in evaluation.files:
        _print_evaluation(result, sys.stdout)
    matched = sum(1 for f in evaluation.files if f.checks_match)
    total = _percent(evaluation.correct, evaluation.cells)
    print(
        f"合计：{len(evaluation.files)} 个文件，单元格准确率 {total}（{evaluation.correct}/{evaluation.cells}），"
        f"校验一致 {matched}/{len(evaluation.files)}",
        file=sys.stdout,
    )
    return code


# --------------------------------------------------------------------------- schema


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


_COMMANDS = {
    "check": cmd_check,
    "parse": cmd_parse,
    "render": cmd_render,
    "eval": cmd_eval,
    "schema": cmd_schema,
}


if __name__ == "__main__":
    raise SystemExit(main())
