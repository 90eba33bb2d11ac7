"""The platform's `ogi` commands: migrate, demo, serve, workdays, register import, createuser, report build.

Django is set up only when one of these runs, so `ogi check` stays a plain report tool.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

COMMANDS = ("migrate", "demo", "serve", "workdays", "register", "createuser", "report")


def add_parsers(sub: Any) -> None:
    sub.add_parser("migrate", help="创建或升级平台数据库（DATABASE_URL，默认本地 SQLite 文件）")

    sub.add_parser("demo", help="创建（或重置）演示数据：东沟乡人民政府、一个县政府及其四个部门、各角色用户")

    p = sub.add_parser("serve", help="以生产 WSGI 服务器（gunicorn）运行平台网站")
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    p.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    p.add_argument("--workers", type=int, default=2, help="工作进程数（默认 2）")
    p.add_argument("--demo", action="store_true", help="先创建（或重置）演示数据")

    p = sub.add_parser("workdays", help="工作日计算与节假日安排")
    wsub = p.add_subparsers(dest="workdays_command", metavar="子命令", required=True)
    a = wsub.add_parser("add", help="输出某日之后第 N 个工作日及其计算说明")
    a.add_argument("date", metavar="DATE", help="起算日期 YYYY-MM-DD（当日不计入）")
    a.add_argument("n", metavar="N", type=int, help="工作日数")
    a = wsub.add_parser("load-year", help="载入国务院办公厅某年节假日安排通知（原文或逐行日期）")
    a.add_argument("file", metavar="FILE")
    a.add_argument("--year", type=int, default=None, help="年份（通知标题中已有时可不填）")

    p = sub.add_parser("register", help="登记台账")
    rsub = p.add_subparsers(dest="register_command", metavar="子命令", required=True)
    a = rsub.add_parser("import", help="导入登记台账（XLSX/CSV；全部行无误才导入）")
    a.add_argument("agency", metavar="AGENCY", help="机关全称")
    a.add_argument("file", metavar="FILE")
    a.add_argument("--create-agency", action="store_true", help="机关不存在时创建")
    a.add_argument("--dry-run", action="store_true", help="只检查并显示将导入的内容，不写入")

    p = sub.add_parser("report", help="年度报告（由平台记录生成）")
    rsub = p.add_subparsers(dest="report_command", metavar="子命令", required=True)
    a = rsub.add_parser("build", help="生成某机关某年度的政府信息公开工作年度报告（已发布的输出发布版本）")
    a.add_argument("agency", metavar="AGENCY", help="机关全称")
    a.add_argument("year", metavar="YEAR", type=int, help="报告年度")
    a.add_argument("--to", choices=("json", "md", "html", "docx", "pdf"), default="json", help="输出格式（默认 json）")
    a.add_argument("-o", "--output", metavar="OUT", help="输出文件（默认：标准输出）")
    a.add_argument("--fresh", action="store_true", help="即使已发布，也按当前记录重新统计")

    p = sub.add_parser("createuser", help="创建用户（管理员或机关工作人员）")
    p.add_argument("username")
    p.add_argument("--role", choices=("admin", "officer", "head", "supervisor"), default="admin")
    p.add_argument("--agency", help="所属机关全称（管理员可不填）")
    p.add_argument("--name", help="姓名（默认同用户名）")
    p.add_argument("--password", help="密码（不填则交互输入；也可用环境变量 OGI_PASSWORD）")


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogi.platform.settings")
    import django

    django.setup()


def run(args: argparse.Namespace) -> int:
    setup()
    from django.db.utils import OperationalError, ProgrammingError

    handler = {
        "migrate": _migrate,
        "demo": _demo,
        "serve": _serve,
        "workdays": _workdays,
        "register": _register,
        "createuser": _createuser,
        "report": _report,
    }[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except (OperationalError, ProgrammingError) as exc:
        if "no such table" in str(exc) or "does not exist" in str(exc):
            print("ogi：数据库尚未初始化，请先运行 ogi migrate", file=sys.stderr)
            return 2
        print(f"ogi：无法访问数据库 {_where()}：{' '.join(str(exc).split())[:200]}", file=sys.stderr)
        return 2
    except Exception as exc:  # never a traceback: one line and exit 2
        print(f"ogi：发生意外错误（{type(exc).__name__}：{' '.join(str(exc).split())[:200]}）", file=sys.stderr)
        return 2


def _where() -> str:
    from ogi.platform.config import database_url, describe_database

    return describe_database(database_url())


def _migrate(args: argparse.Namespace | None = None, *, quiet: bool = False) -> int:
    from django.core.management import call_command

    from ogi.platform.config import default_database_path

    if not os.environ.get("DATABASE_URL"):
        default_database_path().parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0 if quiet else 1)
    if not quiet:
        print(f"数据库已就绪：{_where()}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from ogi.platform.demo import create_demo

    _migrate(quiet=True)
    summary = create_demo()
    print(summary.describe())
    return 0


def _serve(args: argparse.Namespace) -> int:
    from django.core.management import call_command
    from django.db import connections

    from ogi.platform.server import serve

    _migrate(quiet=True)
    if args.demo:
        _demo(args)
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()  # never share a connection with the forked workers
    print(f"数据库：{_where()}")
    print(f"平台网站：http://{args.host}:{args.port}/  （Ctrl-C 停止）", flush=True)
    serve(args.host, args.port, workers=args.workers)
    return 0


def _workdays(args: argparse.Namespace) -> int:
    from ogi.platform.policy import SYSTEM
    from ogi.platform.workcalendar.service import current_calendar, load_notice_text
    from ogi.workdays import NoticeError

    if args.workdays_command == "add":
        try:
            start = date.fromisoformat(args.date)
        except ValueError:
            print(f"ogi：“{args.date}”不是日期（应为 YYYY-MM-DD）", file=sys.stderr)
            return 2
        if args.n < 0:
            print("ogi：工作日数不能为负数", file=sys.stderr)
            return 2
        deadline = current_calendar().add(start, args.n)
        print(deadline.due.isoformat())
        print(deadline.explain())
        return 0
    path = Path(args.file)
    try:
        raw = path.read_bytes()
    except OSError:
        print(f"ogi：无法读取 {path}（文件不存在或没有读取权限）", file=sys.stderr)
        return 2
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        print(f"ogi：{path} 不是 UTF-8 或 GB18030 编码的文本", file=sys.stderr)
        return 2
    try:
        notice, recomputed = load_notice_text(text, actor=SYSTEM, year=args.year)
    except NoticeError as exc:
        print(f"ogi：{path}：{exc}", file=sys.stderr)
        return 2
    print(f"已载入{notice.year}年节假日安排：放假 {len(notice.days_off)} 天，调休上班 {len(notice.days_on)} 天；"
          f"重新计算了 {recomputed} 件在办申请的期限")  # fmt: skip
    return 0


def _register(args: argparse.Namespace) -> int:
    from ogi.platform.agencies.models import Agency
    from ogi.platform.casework.register_import import ImportFileError, import_rows, read_rows
    from ogi.platform.demo import agency_from_name
    from ogi.platform.policy import SYSTEM

    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as exc:
        print(f"ogi：无法读取 {path}（{type(exc).__name__}）", file=sys.stderr)
        return 2
    agency = Agency.objects.filter(name=args.agency).first()
    if agency is None:
        if not args.create_agency:
            print(f"ogi：没有名为“{args.agency}”的机关（可加 --create-agency 创建）", file=sys.stderr)
            return 2
        if args.dry_run:
            print(f"将创建机关“{args.agency}”")
            agency = agency_from_name(args.agency, save=False)
        else:
            agency = agency_from_name(args.agency)
    try:
        rows = read_rows(content, path.name)
        if agency.pk is None:  # dry run for an agency that does not exist yet: nothing to compare against
            from django.db import transaction

            with transaction.atomic():
                agency.save()
                result = import_rows(agency, rows, SYSTEM, dry_run=True)
                transaction.set_rollback(True)
        else:
            result = import_rows(agency, rows, SYSTEM, dry_run=args.dry_run)
    except ImportFileError as exc:
        print(f"ogi：{path}：{exc}", file=sys.stderr)
        return 2
    if result.errors:
        print(f"{path}：发现 {len(result.errors)} 处错误，未导入任何记录：", file=sys.stderr)
        for error in result.errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    verb = "将导入" if args.dry_run else "已导入"
    print(f"{path}：共 {result.rows} 行，{verb} {len(result.created)} 件，跳过已存在的 {len(result.skipped)} 件")
    if args.dry_run and result.created:
        print("  " + "、".join(result.created[:50]) + ("……" if len(result.created) > 50 else ""))
    return 0


def _createuser(args: argparse.Namespace) -> int:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from ogi.platform.agencies.models import Agency, Staff

    agency = None
    if args.agency:
        agency = Agency.objects.filter(name=args.agency).first()
        if agency is None:
            print(f"ogi：没有名为“{args.agency}”的机关", file=sys.stderr)
            return 2
    elif args.role != "admin":
        print("ogi：机关工作人员必须指定 --agency", file=sys.stderr)
        return 2
    User = get_user_model()
    if User.objects.filter(username=args.username).exists():
        print(f"ogi：用户 {args.username} 已存在", file=sys.stderr)
        return 2
    password = args.password or os.environ.get("OGI_PASSWORD") or getpass.getpass("密码：")
    try:
        validate_password(password)
    except ValidationError as exc:
        print("ogi：密码不符合要求：" + "；".join(exc.messages), file=sys.stderr)
        return 2
    with transaction.atomic():
        admin = args.role == "admin"
        user = User.objects.create_user(args.username, password=password, is_staff=admin, is_superuser=admin)
        Staff.objects.create(user=user, agency=agency, role=args.role, display_name=args.name or args.username)
    print(f"已创建用户 {args.username}（{Staff(role=args.role).get_role_display()}）")
    return 0


def _report(args: argparse.Namespace) -> int:
    from ogi.platform.agencies.models import Agency
    from ogi.platform.annual.build import report_of

    agency = Agency.objects.filter(name=args.agency).first()
    if agency is None:
        print(f"ogi：没有名为“{args.agency}”的机关", file=sys.stderr)
        return 2
    if not 2008 <= args.year <= date.today().year:
        print(f"ogi：年度 {args.year} 不在 2008 年至今年之间", file=sys.stderr)
        return 2
    from ogi.report import ReportError, write

    try:
        data = write(report_of(agency, args.year, fresh=args.fresh), args.to)
    except ReportError as exc:
        print(f"ogi：{args.agency} {args.year}年度：{exc}", file=sys.stderr)
        return 2
    if args.output is None:
        if args.to in ("docx", "pdf") and sys.stdout.isatty():
            print(f"ogi：{args.to} 是二进制格式，请用 -o 指定输出文件，或重定向标准输出", file=sys.stderr)
            return 2
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        print(f"ogi：{args.output}：无法写入（{exc.strerror or exc}）", file=sys.stderr)
        return 2
    return 0
