"""The 救济途径 paragraph of an answer, from the answer type, the agency and the rules in force on its date.

Since 2024-01-01 (《中华人民共和国行政复议法》 as revised in 2023, Art. 23(1)(五) and Art. 23(2)) a refusal to
disclose, in whole or in part, must go to 行政复议 before a court, and the decision itself must say so; other
answers leave the choice between 复议 and 诉讼. The 复议机关 (Art. 24): for a department, the people's government
at its level; for a government, the one above it; a provincial government hears cases against itself. Vertically
managed systems (上一级主管部门) are not modelled: the officer edits the paragraph before issuing.
Time limits: 复议 60 days (行政复议法 Art. 20); 诉讼 6 months (行政诉讼法 Art. 46 since 2015-05-01, 3 months before);
after a 复议 decision, 15 days (行政诉讼法 Art. 45).
"""

from __future__ import annotations

from datetime import date
from typing import Any

REVIEW_FIRST_FROM = date(2024, 1, 1)
SIX_MONTHS_FROM = date(2015, 5, 1)


def review_body(agency: Any) -> str:
    """The 行政复议机关 for decisions of ``agency`` (an Agency or anything with name/kind/level/parent)."""
    parent = agency.parent
    if agency.kind == "department":
        if parent is not None and parent.kind == "government":
            return parent.name
        return "本级人民政府"
    if agency.level == "province":
        return agency.name
    if parent is not None and parent.kind == "government":
        return parent.name
    return "上一级人民政府"


def remedy_paragraph(*, withholds: bool, agency: Any, on: date) -> str:
    body = review_body(agency)
    lawsuit = "六个月" if on >= SIX_MONTHS_FROM else "三个月"
    if withholds and on >= REVIEW_FIRST_FROM:
        return (
            "如对本答复不服，根据《中华人民共和国行政复议法》第二十三条的规定，应当先申请行政复议：可以自知道本答复之日起"
            f"六十日内向{body}申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内"
            "依法向人民法院提起行政诉讼。"
        )
    return (
        f"如对本答复不服，可以自知道本答复之日起六十日内向{body}申请行政复议，"
        f"也可以自知道本答复之日起{lawsuit}内依法向人民法院提起行政诉讼。"
    )
