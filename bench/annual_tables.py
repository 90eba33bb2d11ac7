"""Annual-report tables from the records: all of tables 二/三/四 of one agency-year, counted by aggregation on
PostgreSQL, with 10,000, 100,000 and 1,000,000 requests, against a bare COUNT(*) over the same rows.

    python bench/run.py --only annual_tables          (DATABASE_URL, default …/ogi_bench_annual)

The requests are bulk-loaded with COPY into a database of their own (created when missing, emptied first),
spread over three years around the report year, in every outcome row and applicant column, some still open.
Prints figures only (best and median of repeated runs; target: under 2 s at 1,000,000).
"""

from __future__ import annotations

import io
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

SIZES = (10_000, 100_000, 1_000_000)
YEAR = 2025
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/ogi_bench_annual"


def _setup() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("OGI_DATA_DIR", tempfile.mkdtemp(prefix="ogi-bench-"))
    os.environ.setdefault("OGI_SECRET_KEY", "bench-secret-key-not-for-production-0123456789abcdefghijklmnop")
    os.environ.setdefault("OGI_FIELD_KEY", "bench-field-key")
    os.environ["DJANGO_SETTINGS_MODULE"] = "ogi.platform.settings"
    import dj_database_url
    import psycopg

    settings = dj_database_url.parse(os.environ["DATABASE_URL"])
    if not settings["ENGINE"].endswith("postgresql"):
        raise SystemExit("annual_tables 基准需要 PostgreSQL（DATABASE_URL=postgres://…）")
    admin = psycopg.connect(
        host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432, user=settings["USER"] or "postgres",
        dbname="postgres", autocommit=True,
    )  # fmt: skip
    with admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (settings["NAME"],)).fetchone():
            admin.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def _rows(agency_id: int, start: int, count: int, rng: random.Random) -> io.StringIO:
    """``count`` cases as COPY text: received over YEAR-1..YEAR+1, ~90% concluded 1–60 days later."""
    from ogi.platform.annual.tables import APPLICANTS, OUTCOME_CODES

    first = date(YEAR - 1, 1, 1)
    out = io.StringIO()
    now = datetime.now(UTC).isoformat()
    weights = [30 if o == "granted" else 3 for o in OUTCOME_CODES]
    for i in range(start, start + count):
        received = first + timedelta(days=rng.randrange(3 * 365))
        concluded = received + timedelta(days=rng.randrange(1, 60)) if rng.random() < 0.9 else None
        outcome = rng.choices(OUTCOME_CODES, weights)[0] if concluded else ""
        applicant = rng.choices(APPLICANTS, [60, 15, 3, 5, 10, 7])[0]
        state = "closed" if concluded else "registered"
        fields = [
            str(agency_id), f"B{i:07d}", "online", now, received.isoformat(), applicant, "某某", "none", "", "", "",
            "", "", "", "", "基准测试申请", "", "", "bench", now, state, "\\N", "f", "", "\\N", outcome,
            concluded.isoformat() if concluded else "\\N",
        ]  # fmt: skip
        out.write("\t".join(fields) + "\n")
    out.seek(0)
    return out


_COLUMNS = (
    "agency_id, number, channel, arrived_at, received_on, applicant_type, applicant_name, id_kind, id_encrypted, "
    "id_hash, id_masked, phone, email, address, postcode, description, delivery_form, note, source, created_at, "
    "state, due_date, due_provisional, due_explanation, waiting_until, outcome, concluded_on"
)


def _load(agency_id: int, start: int, count: int, rng: random.Random) -> float:
    from django.db import connection

    started = time.perf_counter()
    data = _rows(agency_id, start, count, rng)
    with connection.cursor() as cursor:
        with cursor.connection.cursor().copy(f"COPY casework_case ({_COLUMNS}) FROM STDIN") as copy:
            while chunk := data.read(1 << 20):
                copy.write(chunk)
        cursor.execute("ANALYZE casework_case")
    return time.perf_counter() - started


def _time(work: object, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def run(corpus: Path, repeat: int) -> None:
    _setup()
    from django.db import connection

    from ogi.platform.agencies.models import Agency
    from ogi.platform.annual.tables import count_tables
    from ogi.platform.casework.models import Case
    from ogi.report import FormatVersion

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE casework_event, casework_case RESTART IDENTITY CASCADE")
    agency, _ = Agency.objects.get_or_create(name="基准测试县人民政府", defaults={"level": "county"})
    rng = random.Random(2025)
    runs = repeat or 5
    loaded = 0
    print(f"  年度报告表二/三/四（{YEAR}年度，一个机关），PostgreSQL，每项取 {runs} 次中最快/中位数：")
    for size in SIZES:
        seconds = _load(agency.pk, loaded, size - loaded, rng)
        loaded = size
        bare = _time(lambda: Case.objects.filter(agency=agency).count(), runs)
        tables = {v: _time(lambda v=v: count_tables(agency, YEAR, v), runs) for v in FormatVersion}
        counted = count_tables(agency, YEAR)
        t3 = counted.table3
        ms = {v: f"{t[0] * 1000:7.1f} / {t[1] * 1000:7.1f} ms" for v, t in tables.items()}
        print(
            f"  {size:>9,} 件（COPY 载入 {seconds:.1f} 秒）  COUNT(*) {bare[0] * 1000:7.1f} / {bare[1] * 1000:7.1f} ms"
            f"  全部表格 2021 {ms[FormatVersion.V2021]}  2019 {ms[FormatVersion.V2019]}"
            f"  （新收 {t3['new_received'][6]:,}，办结 {t3['total_handled'][6]:,}，结转 {t3['carried_forward'][6]:,}）"
        )
