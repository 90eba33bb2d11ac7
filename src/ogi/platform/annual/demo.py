"""Demo annual reports: 东沟乡人民政府's 2023 report as the seed published it (its tables all zero, its texts read
from the seed by the engine), and last year's reports of the county and its departments from their demo records.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ogi.platform.agencies.models import Agency
from ogi.platform.catalogue.actions import publish_record, save_figures
from ogi.platform.litigation.models import Dispute
from ogi.report import read

from .publish import acknowledge, edit_sections, get_or_draft, publish

SEED = Path(__file__).with_name("demo_data") / "donggou-2023.txt"

_DOCUMENTS = (
    ("关于进一步规范行政事业性收费管理的通知", "normative_documents"),
    ("政府信息公开工作制度", ""),
    ("关于印发农村低保实施细则的通知", "normative_documents"),
    ("部门预算及“三公”经费预算说明", ""),
    ("行政许可事项清单", ""),
)


def seed_report(township: Agency, head: Any, officer: Any) -> None:
    """The seed: 东沟乡人民政府 2023, texts from the published report, published on 18 January 2024."""
    seed = read(SEED)
    report = get_or_draft(township, 2023, officer)
    edit_sections(report, officer, {k: seed.sections.get(k, "") for k in ("1", "5", "6")})
    acknowledge(report, officer, "*", publishing_on=date(2024, 1, 18))
    publish(report, head, on=date(2024, 1, 18))


def department_reports(agencies: dict[str, Agency], people: dict[str, dict[str, Any]], today: date) -> None:
    """Catalogue records, figures and disputes for last year, and each agency's report of it (published when
    the demo day is past 20 January)."""
    year = today.year - 1
    rng = random.Random(f"ogi-demo-reports-{today.isoformat()}")
    for name, agency in agencies.items():
        officer, head = people[name]["officer"], people[name]["head"]
        for i, (title, kind) in enumerate(_DOCUMENTS):
            made = date(year, 1 + i * 2, 10 + i)
            published = made + timedelta(days=rng.choice([3, 7, 14, 40]))
            publish_record(
                agency, officer,
                {"title": f"{agency.short_name or agency.name}{title}", "issuer": agency.name, "made_on": made,
                 "published_on": published, "article": "1" if kind else rng.choice(["2", "7", "5"]), "doc_kind": kind,
                 "summary": title, "body": f"{agency.name}{year}年{title}全文。"},
            )  # fmt: skip
        save_figures(
            agency, year, officer,
            {"licensing.decisions": rng.randrange(0, 200), "punishment.decisions": rng.randrange(0, 30),
             "coercion.decisions": rng.randrange(0, 5), "fees.amount": f"{rng.randrange(0, 5000) / 100:.2f}"},
        )  # fmt: skip
        cases = list(
            agency.cases.filter(concluded_on__year=year, outcome__in=["partially_granted", "unavailable.not_held"])
        )
        for i, case in enumerate(cases[:2]):
            filed = case.concluded_on + timedelta(days=30)
            decided = filed + timedelta(days=60) if i == 0 and filed + timedelta(days=60) <= today else None
            Dispute.objects.create(
                agency=agency, case=case, kind="review", number=f"复议〔{year}〕{i + 1}号", body="上级人民政府",
                filed_on=filed, decided_on=decided, result="upheld" if decided else "",
            )  # fmt: skip
        report = get_or_draft(agency, year, officer)
        edit_sections(
            report, officer, {"5": f"{year}年本机关政务公开工作仍存在政策解读形式较单一等问题，下一步将丰富解读形式。"}
        )
        if today >= date(today.year, 1, 20):
            acknowledge(report, officer, "*", publishing_on=date(today.year, 1, 20))
            publish(report, head, on=date(today.year, 1, 20))
