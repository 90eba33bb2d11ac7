"""Tables 二/三/四 counted from the records equal hand-counted fixtures; every drill-down adds up to its cell."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ogi.platform.annual.tables import cell_records, count_tables
from ogi.platform.catalogue.models import Record, YearFigures
from ogi.platform.litigation.models import Dispute
from ogi.report import FormatVersion, Report
from ogi.report.format import T3_COLUMN_CODES

from .conftest import act

V2019, V2021 = FormatVersion.V2019, FormatVersion.V2021
ZERO = [0] * 7


def _row(**by_column: int) -> list[int]:
    values = [by_column.get(c, 0) for c in T3_COLUMN_CODES[:6]]
    return [*values, sum(values)]


@pytest.fixture
def year_of_requests(world, new_case):
    """Seven requests around the 2024/2025 and 2025/2026 boundaries (see each line)."""
    agency = world.department
    # A: received in December 2024, decided on 6 January 2025 -> 2024 结转下年度; 2025 上年结转 and 予以公开
    a = new_case(date(2024, 12, 20), number="A")
    act(a, "decide", date(2025, 1, 6), outcome="granted")
    # B: decided on 31 December 2024 -> counted in 2024 only
    b = new_case(date(2024, 12, 30), number="B", applicant_type="commercial", id_kind="none", id_number="")
    act(b, "decide", date(2024, 12, 31), outcome="granted")
    # C: withdrawn -> （六）3.其他 (2021), the single （六） row (2019)
    c = new_case(date(2025, 3, 3), number="C", applicant_type="legal_service", id_kind="none", id_number="")
    act(c, "withdraw", date(2025, 3, 5), reason="书面撤回")
    # D: 补正 lapsed -> （六）1 (2021), the single （六） row (2019)
    d = new_case(date(2025, 6, 2), number="D")
    act(d, "request_correction", date(2025, 6, 3), items="文号", reply_by=date(2025, 6, 17))
    act(d, "lapse_correction", date(2025, 6, 18))
    # E: received 29 December 2025, still open -> 2025 new and 结转下年度
    new_case(date(2025, 12, 29), number="E")
    # F: decided on 1 January 2026 -> 2025 结转下年度; 2026 上年结转 and 无法提供 1
    f = new_case(date(2025, 12, 1), number="F", applicant_type="research", id_kind="none", id_number="")
    act(f, "decide", date(2026, 1, 1), outcome="unavailable.not_held")
    # G: decided on 31 December 2025 -> 2025 部分公开
    g = new_case(date(2025, 12, 15), number="G", applicant_type="nonprofit", id_kind="none", id_number="")
    act(g, "decide", date(2025, 12, 31), outcome="partially_granted")
    return agency


def test_table3_2021_equals_the_hand_count(year_of_requests):
    t3 = count_tables(year_of_requests, 2025, V2021).table3
    assert t3["new_received"] == _row(natural_person=2, research=1, nonprofit=1, legal_service=1)  # C D E F G
    assert t3["carried_over"] == _row(natural_person=1)  # A
    assert t3["granted"] == _row(natural_person=1)  # A
    assert t3["partially_granted"] == _row(nonprofit=1)  # G
    assert t3["other.no_correction"] == _row(natural_person=1)  # D
    assert t3["other.other"] == _row(legal_service=1)  # C
    assert t3["other.unpaid_fee"] == ZERO
    assert t3["unavailable.not_held"] == ZERO  # F is decided in 2026
    assert t3["total_handled"] == _row(natural_person=2, nonprofit=1, legal_service=1)
    assert t3["carried_forward"] == _row(natural_person=1, research=1)  # E F
    assert "other" not in t3


def test_table3_2019_collapses_other_into_one_row(year_of_requests):
    t3 = count_tables(year_of_requests, 2025, V2019).table3
    assert t3["other"] == _row(natural_person=1, legal_service=1)
    assert not any(code.startswith("other.") for code in t3)


def test_year_boundaries(year_of_requests):
    t2024 = count_tables(year_of_requests, 2024).table3
    assert t2024["new_received"] == _row(natural_person=1, commercial=1)  # A B
    assert t2024["granted"] == _row(commercial=1)  # B, decided 31 December
    assert t2024["carried_forward"] == _row(natural_person=1)  # A
    t2026 = count_tables(year_of_requests, 2026).table3
    assert t2026["carried_over"] == _row(natural_person=1, research=1)  # E F
    assert t2026["unavailable.not_held"] == _row(research=1)  # F, decided 1 January
    assert t2026["carried_forward"] == _row(natural_person=1)  # E
    # next year's 上年结转 is this year's 结转下年度
    assert t2026["carried_over"] == count_tables(year_of_requests, 2025).table3["carried_forward"]


@pytest.mark.parametrize("version", [V2019, V2021])
def test_the_counted_tables_pass_the_engine_arithmetic(year_of_requests, version):
    from ogi.report import check

    tables = count_tables(year_of_requests, 2025, version)
    report = Report.build(version, table2=tables.table2, table3=tables.table3, table4=tables.table4)
    assert [f.key for f in check(report) if f.rule.startswith(("T3", "T4"))] == []


@pytest.mark.parametrize("version", [V2019, V2021])
def test_every_drill_down_adds_up_to_its_cell(year_of_requests, version):
    agency = year_of_requests
    _catalogue(agency)
    _disputes(agency)
    for year in (2024, 2025, 2026):
        tables = count_tables(agency, year, version)
        report = Report.build(version, table2=tables.table2, table3=tables.table3, table4=tables.table4)
        checked = 0
        for path, cell in report.iter_cells():
            if path.startswith("table2.") and not path.startswith(("table2.regulations", "table2.normative")):
                continue
            assert cell_records(agency, year, path).count() == cell.value, path
            checked += 1
        assert checked == 6 + len(tables.table3) * 7 + 15


def _catalogue(agency):
    def doc(n, kind, made, published, ended=None):
        return Record.objects.create(
            agency=agency, index_number=f"X/{n}", title=f"文件{n}", issuer=agency.name, made_on=made,
            published_on=published, article="1", doc_kind=kind, ended_on=ended, end_kind="repealed" if ended else "",
        )  # fmt: skip

    doc(1, "normative_documents", date(2023, 5, 1), date(2023, 5, 8))
    doc(2, "normative_documents", date(2025, 2, 1), date(2025, 2, 10), ended=date(2025, 11, 1))
    doc(3, "normative_documents", date(2024, 12, 28), date(2025, 1, 5))
    doc(4, "regulations", date(2025, 4, 1), date(2025, 6, 30))
    doc(5, "normative_documents", date(2022, 1, 1), date(2022, 1, 4), ended=date(2026, 1, 1))


def _disputes(agency):
    Dispute.objects.create(
        agency=agency, kind="review", filed_on=date(2025, 2, 1), decided_on=date(2025, 4, 1), result="upheld"
    )
    Dispute.objects.create(
        agency=agency, kind="review", filed_on=date(2025, 10, 1), decided_on=date(2026, 1, 10), result="corrected"
    )
    Dispute.objects.create(agency=agency, kind="litigation_direct", filed_on=date(2024, 11, 1))
    Dispute.objects.create(
        agency=agency,
        kind="litigation_after_review",
        filed_on=date(2025, 12, 31),
        decided_on=date(2025, 12, 31),
        result="other",
    )


def test_table2_block_one_follows_the_lifecycle(world):
    agency = world.department
    _catalogue(agency)
    t2 = count_tables(agency, 2025, V2021).table2
    assert (
        t2["normative_documents.issued"],
        t2["normative_documents.repealed"],
        t2["normative_documents.in_force"],
    ) == (1, 1, 3)
    assert (t2["regulations.issued"], t2["regulations.repealed"], t2["regulations.in_force"]) == (1, 0, 1)
    t2 = count_tables(agency, 2025, V2019).table2
    # 2019: made in the year / published in the year / published by its end
    assert (
        t2["normative_documents.made"],
        t2["normative_documents.published"],
        t2["normative_documents.total_published"],
    ) == (1, 2, 4)
    # in-force chain: last year's 现行有效 + this year's 制发 − 废止 = this year's 现行有效
    t2024 = count_tables(agency, 2024, V2021).table2
    assert t2024["normative_documents.in_force"] == 3  # 1, 3 (made 28 December), 5


def test_table2_figures_come_from_the_year_entry(world):
    agency = world.department
    YearFigures.objects.create(agency=agency, year=2025, cells={"licensing.decisions": "12", "fees.amount": "7730.28"})
    t2 = count_tables(agency, 2025, V2021).table2
    assert (
        t2["licensing.decisions"] == 12 and t2["fees.amount"] == Decimal("7730.28") and t2["punishment.decisions"] == 0
    )


def test_table4_counts_pending_at_year_end_and_is_reproducible(world):
    agency = world.department
    _disputes(agency)
    t4 = count_tables(agency, 2025).table4
    assert (t4["review.upheld"], t4["review.corrected"], t4["review.pending"], t4["review.total"]) == (1, 0, 1, 2)
    assert (t4["litigation_direct.pending"], t4["litigation_direct.total"]) == (1, 1)
    assert (t4["litigation_after_review.other"], t4["litigation_after_review.total"]) == (1, 1)
    t4_2026 = count_tables(agency, 2026).table4
    assert (t4_2026["review.corrected"], t4_2026["review.pending"]) == (1, 0)
    # deciding the lawsuit later does not change 2025's table
    Dispute.objects.filter(kind="litigation_direct").update(decided_on=date(2026, 3, 1), result="upheld")
    assert count_tables(agency, 2025).table4 == t4
