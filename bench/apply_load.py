"""Load on the public API: 200 concurrent clients submit 2,000 applications to `ogi serve` on 127.0.0.1, one in ten
sent a second time with the same Idempotency-Key, on SQLite and on PostgreSQL; then on PostgreSQL again with the
database server restarted mid-run (clients that get an error or a lost connection retry with their key).

    python bench/apply_load.py [--apps 2000] [--clients 200] [--only sqlite,postgres,restart]

Checked after each run, from the database: exactly one case per distinct key, each key answered with the same
number every time, no 5xx (except in the restart run, where they are counted and retried). Printed: throughput
and p50/p99 latency of the requests. ``make bench`` runs the SQLite and PostgreSQL runs (no restart) via run().
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

AGENCY = "基准测试县人民政府"
PG_SERVER = os.environ.get("OGI_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
PG_RESTART = ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "restart"]
SETUP = f"""
import sys
from ogi.cli import main
if main(["migrate"]):
    sys.exit("migrate failed")
from ogi.platform.agencies.models import Agency, Kind, Level
Agency.objects.get_or_create(name={AGENCY!r}, defaults={{"kind": Kind.GOVERNMENT, "level": Level.COUNTY}})
"""
COUNT = """
from ogi.platform.commands import setup
setup()
from ogi.platform.casework.models import Case
from ogi.platform.public.models import OnlineApplication
import json
print(json.dumps({"cases": Case.objects.filter(source="online").count(),
                  "keys": dict(OnlineApplication.objects.values_list("idempotency_key", "case__number"))}))
"""


def _resident_id(rng: random.Random) -> str:
    from stdnum.cn import ric

    body = (
        f"632126{1960 + rng.randrange(40)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}{rng.randrange(1000):03d}"
    )
    return body + ric.calc_check_digit(body + "0")  # stdnum takes the whole 18 characters and ignores the last


def _body(i: int, rng: random.Random) -> bytes:
    return json.dumps(
        {
            "agency": AGENCY,
            "applicant": {"type": "自然人", "name": f"申请人{i}", "id_number": _resident_id(rng),
                          "phone": "13912345678", "address": f"基准路{i}号"},
            "description": f"第{i}份申请：2025年部门预算",
            "delivery": "电子文本·电子邮件",
        },
        ensure_ascii=False,
    ).encode()  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _postgres_database() -> Iterator[str]:
    import psycopg
    from psycopg import sql

    name = f"ogi_bench_apply_{secrets.token_hex(3)}"
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        for _ in range(30):  # the server may still be coming back from a restart
            try:
                with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
                    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
                break
            except psycopg.OperationalError:
                time.sleep(1)


@contextlib.contextmanager
def _server(database_url: str | None) -> Iterator[tuple[str, dict[str, str]]]:
    with tempfile.TemporaryDirectory(prefix="ogi-bench-apply-") as data:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
        env.update(OGI_DATA_DIR=data, OGI_APPLY_RATE="off", DJANGO_SETTINGS_MODULE="ogi.platform.settings")
        if database_url:
            env["DATABASE_URL"] = database_url
        subprocess.run([sys.executable, "-c", SETUP], env=env, check=True, capture_output=True)
        port = _free_port()
        ogi = Path(sys.executable).with_name("ogi")
        log = Path(data) / "serve.log"
        with log.open("wb") as out:
            proc = subprocess.Popen([str(ogi), "serve", "--port", str(port)], env=env, stdout=out,
                                    stderr=subprocess.STDOUT)  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(300):
                try:
                    with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                        break
                except OSError:
                    if proc.poll() is not None:
                        raise RuntimeError(log.read_text(errors="replace")) from None
                    time.sleep(0.2)
            yield url, env
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    numbers: dict[str, set[str]] = field(default_factory=dict)
    failures: int = 0  # 5xx or lost connections (retried)
    gave_up: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _submit(url: str, key: str, body: bytes, out: Outcome, retry: bool) -> None:
    for attempt in range(60):
        headers = {"Content-Type": "application/json", "Idempotency-Key": key}
        request = urllib.request.Request(f"{url}/api/requests", data=body, method="POST", headers=headers)
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                status, payload = response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            status, payload = exc.code, None
        except OSError:
            status, payload = 0, None  # connection refused or reset
        elapsed = time.perf_counter() - started
        with out.lock:
            out.statuses[status] += 1
            if status in (200, 201):
                out.latencies.append(elapsed)
                out.numbers.setdefault(key, set()).add(payload["number"])
                return
            if status == 0 or status >= 500:
                out.failures += 1
        if not retry or (status and status < 500):
            break
        time.sleep(min(0.1 * 2**attempt, 2.0))
    with out.lock:
        out.gave_up.append(key)


def load(url: str, env: dict[str, str], apps: int, clients: int, *, restart: bool = False) -> dict[str, object]:
    rng = random.Random(2026)
    jobs = [(f"bench-{i:05d}", _body(i, rng)) for i in range(apps)]
    jobs += [jobs[i] for i in rng.sample(range(apps), apps // 10)]  # one in ten sent twice with the same key
    rng.shuffle(jobs)
    out = Outcome()
    restarted = threading.Event()

    def restart_when_a_third_done() -> None:
        while sum(out.statuses.values()) < len(jobs) // 3:
            time.sleep(0.05)
        subprocess.run(PG_RESTART, check=True, capture_output=True)
        restarted.set()

    watcher = threading.Thread(target=restart_when_a_third_done, daemon=True) if restart else None
    if watcher:
        watcher.start()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(lambda job: _submit(url, job[0], job[1], out, retry=restart), jobs))
    wall = time.perf_counter() - started
    if watcher:
        watcher.join(timeout=120)
    counted = json.loads(subprocess.run([sys.executable, "-c", COUNT], env=env, check=True, capture_output=True,
                                        text=True).stdout)  # fmt: skip
    lat = sorted(out.latencies)
    consistent = all(len(v) == 1 for v in out.numbers.values()) and all(
        counted["keys"].get(k) == next(iter(v)) for k, v in out.numbers.items()
    )
    return {
        "requests": len(jobs),
        "distinct": apps,
        "cases": counted["cases"],
        "exact": counted["cases"] == apps and len(out.numbers) == apps and not out.gave_up and consistent,
        "statuses": dict(sorted(out.statuses.items())),
        "errors_retried": out.failures,
        "gave_up": len(out.gave_up),
        "throughput": len(out.latencies) / wall,
        "p50_ms": statistics.median(lat) * 1000 if lat else float("nan"),
        "p99_ms": lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000 if lat else float("nan"),
        "wall_s": wall,
        "restarted": restarted.is_set() if restart else None,
    }


def _print(name: str, r: dict[str, object]) -> None:
    print(f"  {name}: {r['requests']} 次请求（{r['distinct']} 份不同申请），数据库中 {r['cases']} 件 —— "
          f"{'计数准确' if r['exact'] else '计数不符！'}；状态码 {r['statuses']}；"
          f"重试的错误 {r['errors_retried']}，放弃 {r['gave_up']}")  # fmt: skip
    print(f"      吞吐 {r['throughput']:.0f} 件/秒，p50 {r['p50_ms']:.0f} ms，p99 {r['p99_ms']:.0f} ms，"
          f"用时 {r['wall_s']:.1f} 秒" + ("，运行中已重启 PostgreSQL" if r["restarted"] else ""))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="在线申请接口的负载测试")
    parser.add_argument("--apps", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--only", default="sqlite,postgres,restart")
    args = parser.parse_args(argv)
    wanted = args.only.split(",")
    print(f"在线申请负载：{args.clients} 个并发客户端，{args.apps} 份申请，其中十分之一以同一幂等键重复提交")
    ok = True
    if "sqlite" in wanted:
        with _server(None) as (url, env):
            result = load(url, env, args.apps, args.clients)
        _print("SQLite", result)
        ok &= bool(result["exact"]) and not any(s >= 500 or s == 0 for s in result["statuses"])
    if "postgres" in wanted:
        with _postgres_database() as db, _server(db) as (url, env):
            result = load(url, env, args.apps, args.clients)
        _print("PostgreSQL", result)
        ok &= bool(result["exact"]) and not any(s >= 500 or s == 0 for s in result["statuses"])
    if "restart" in wanted:
        with _postgres_database() as db, _server(db) as (url, env):
            result = load(url, env, args.apps, args.clients, restart=True)
        _print("PostgreSQL（运行中重启）", result)
        ok &= bool(result["exact"])
    return 0 if ok else 1


def run(corpus: Path, repeat: int) -> None:
    """For bench/run.py: the SQLite and PostgreSQL runs (the restart run only from the command line)."""
    main(["--only", "sqlite,postgres"])


if __name__ == "__main__":
    sys.exit(main())
