"""A register imported from CSV gives the tables its rows imply (hand-counted below); the review log page."""

from __future__ import annotations

from datetime import date

from ogi.platform.annual.tables import cell_records, count_tables
from ogi.platform.casework.register_import import import_rows, read_rows
from ogi.platform.litigation.models import Dispute
from ogi.platform.policy import SYSTEM
from ogi.report import FormatVersion

HEADER = (
    "受理编号,收到申请日期,申请方式,申请人类型,申请人,证件号码,联系电话,申请内容,"
    "补正告知日期,补正收到日期,延期告知日期,答复日期,办理结果,信息处理费（元）,备注"
)
ROWS = """
2024-0031,2024-12-16,在线,自然人,张某某,,,低保名单,,,,2025-01-08,予以公开,,
2024-0032,2024-12-23,邮寄,商业企业,某某建设有限公司,,,规划许可证,,,,,,,年底未办结
2025-0001,2025-01-06,在线,自然人,李某,,,宅基地档案,,,,2025-01-20,本机关不掌握相关政府信息,,
2025-0002,2025-02-11,邮寄,商业企业,某某建设有限公司,,,拆迁补偿方案,2025-02-14,2025-02-24,2025-03-20,2025-04-15,部分公开,,
2025-0003,2025-03-03,当面,法律服务机构,某某律师事务所,,,行政处罚决定书,,,,2025-03-10,重复申请,,
2025-0004,2025-05-06,在线,自然人,王某,,,预算说明,,,,2025-05-09,撤回,,
2025-0005,2025-12-22,传真,其他,某某村民委员会,,,项目环评批复,,,,2025-12-31,予以公开,,
2025-0006,2025-12-29,在线,自然人,赵某,,,招生划片方案,,,,,,,年底未办结
"""


def _row(*values: int) -> list[int]:
    return [*values, sum(values)]


def test_a_csv_register_gives_the_tables_its_rows_imply(world):
    agency = world.department
    content = (HEADER + ROWS).encode("utf-8")
    result = import_rows(agency, read_rows(content, "台账.csv"), SYSTEM, today=date(2026, 1, 10))
    assert result.ok, result.errors
    #                       自然人 商业 科研 公益 法律 其他
    expected = {
        "new_received": _row(3, 1, 0, 0, 1, 1),  # 0001 0004 0006 | 0002 | 0003 | 0005
        "carried_over": _row(1, 1, 0, 0, 0, 0),  # 0031 0032
        "granted": _row(1, 0, 0, 0, 0, 1),  # 0031 (decided 2025-01-08), 0005 (31 December)
        "partially_granted": _row(0, 1, 0, 0, 0, 0),  # 0002
        "unavailable.not_held": _row(1, 0, 0, 0, 0, 0),  # 0001
        "not_processed.duplicate": _row(0, 0, 0, 0, 1, 0),  # 0003
        "other": _row(1, 0, 0, 0, 0, 0),  # 0004 withdrawn, in the single 2019 row
        "total_handled": _row(3, 1, 0, 0, 1, 1),
        "carried_forward": _row(1, 1, 0, 0, 0, 0),  # 0006, 0032
    }
    t3 = count_tables(agency, 2025, FormatVersion.V2019).table3
    for row, values in expected.items():
        assert t3[row] == values, row
    assert sum(t3[r][6] for r in t3 if r not in expected) == 0
    assert t3["new_received"][6] + t3["carried_over"][6] == t3["total_handled"][6] + t3["carried_forward"][6]
    numbers = set(cell_records(agency, 2025, "table3.carried_forward.total").values_list("number", flat=True))
    assert numbers == {"2025-0006", "2024-0032"}


def test_the_review_log_page_records_a_dispute_linked_to_a_request(world, new_case):
    case = new_case(date(2025, 3, 3), number="2025-0007")
    officer = world.client("dept_officer")
    bad = officer.post("/disputes/", {"kind": "review", "filed_on": "2025-05-01", "case_number": "9999"})
    assert "本机关没有受理编号为“9999”的申请" in bad.content.decode()
    half = officer.post("/disputes/", {"kind": "review", "filed_on": "2025-05-01", "result": "upheld"})
    assert "填写审理结果时须同时填写审结日期" in half.content.decode()
    done = officer.post(
        "/disputes/", {"kind": "review", "filed_on": "2025-05-01", "case_number": "2025-0007", "number": "复议1号"}
    )
    assert done.status_code == 302
    assert Dispute.objects.get().case == case
    assert count_tables(world.department, 2025).table4["review.pending"] == 1
    assert world.client("county_supervisor").get("/disputes/").status_code == 403
