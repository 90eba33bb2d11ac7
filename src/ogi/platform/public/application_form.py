"""The blank application form (政府信息公开申请表) offered with the guide, for applicants who write or post."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Pt

from ogi.platform.agencies.models import Agency

ROWS = (
    ("申请人信息", ("申请人类型（自然人／商业企业／科研机构／社会公益组织／法律服务机构／其他）", "姓名或名称",
                   "身份证件名称及号码（居民身份证号码或统一社会信用代码）", "联系电话", "电子邮箱",
                   "通信地址及邮政编码")),
    ("所需信息", ("所需政府信息的名称、文号或者便于查询的其他特征性描述",)),
    ("获取方式", ("获取信息的方式（纸质文本／电子文本）及途径（邮寄／电子邮件／自行领取）",)),
    ("", ("申请人签名或者盖章", "申请日期")),
)  # fmt: skip


def application_form(agency: Agency) -> bytes:
    doc = Document()
    title = doc.add_paragraph()
    run = title.add_run(f"{agency.name}政府信息公开申请表")
    run.bold, run.font.size = True, Pt(18)
    table = doc.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    for group, labels in ROWS:
        for label in labels:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = group, label
    doc.add_paragraph(
        "依照《中华人民共和国政府信息公开条例》第二十九条，申请应当包括申请人的姓名或者名称、身份证明、联系方式；"
        "申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；申请公开的政府信息的形式要求。"
    )
    contact = "；".join(
        x for x in (agency.address and f"地址：{agency.address}", agency.phone and f"电话：{agency.phone}") if x
    )
    if contact:
        doc.add_paragraph(f"受理机关：{agency.name}；{contact}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
