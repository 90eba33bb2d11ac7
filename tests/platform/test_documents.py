"""Documents: each kind drafted from a case's events, issued, read back (number, dates, 救济途径), hash verified;
the default template laid out by LibreOffice without overflow."""

from __future__ import annotations

import hashlib
import io
import subprocess
from datetime import date
from pathlib import Path

import pymupdf
import pytest
from docx import Document as Docx

from ogi.platform.agencies.models import Agency, Kind, Level
from ogi.platform.casework.models import Event
from ogi.platform.casework.states import EventKind
from ogi.platform.documents import actions
from ogi.platform.documents.default_template import MARGINS_MM, PAGE_MM
from ogi.platform.documents.files import docx_bytes
from ogi.platform.documents.kinds import DocumentKind
from ogi.platform.documents.models import Document, FrozenError
from ogi.platform.documents.remedy import remedy_paragraph, review_body
from ogi.platform.documents.rendering import soffice
from ogi.platform.policy import SYSTEM

from .conftest import act

ISSUED_ON = date(2025, 6, 30)


def _text(document: Document) -> str:
    doc = Docx(io.BytesIO(docx_bytes(document)))
    return "\n".join(p.text for p in doc.paragraphs)


def _issue(case, kind: str, actor=SYSTEM) -> Document:
    draft = actions.start(case, kind, actor)
    return actions.issue(draft, actor, today=ISSUED_ON)


def _full_case(new_case, world):
    """A case with a correction, a third-party consultation, an extension and a fee notice, then a decision."""
    case = new_case(date(2025, 3, 3), delivery_form="电子邮件")
    case = act(case, "request_correction", date(2025, 3, 4), items="请写明文件的文号", reply_by=date(2025, 3, 18))
    case = act(case, "record_correction", date(2025, 3, 10))
    case = act(case, "consult", date(2025, 3, 11), party="某某建设有限公司", party_kind="third_party")
    case = act(case, "record_consultation", date(2025, 3, 20), opinion="agree")
    case = act(case, "extend", date(2025, 4, 1), world.users["dept_head"], days=10, reason="需要检索的档案较多",
               notified_on=date(2025, 4, 1))  # fmt: skip
    case = act(case, "notify_fee", date(2025, 4, 2), amount="100", basis="per_application")
    return act(case, "record_payment", date(2025, 4, 8))


def test_every_kind_is_numbered_dated_and_frozen(new_case, world):
    case = _full_case(new_case, world)
    case = act(case, "decide", date(2025, 4, 20), outcome="withheld.third_party", summary="该信息涉及商业秘密。")
    expected = {
        DocumentKind.RECEIPT: ("测试县财政局依申收〔2025〕1号", ["2025年3月3日", "申请编号"]),
        DocumentKind.CORRECTION: ("测试县财政局依申补〔2025〕1号", ["请写明文件的文号", "2025年3月18日前补正"]),
        DocumentKind.CONSULTATION: ("测试县财政局依申征〔2025〕1号", ["某某建设有限公司", "第三十二条"]),
        DocumentKind.EXTENSION: ("测试县财政局依申延〔2025〕1号", ["需要检索的档案较多", "延长10个工作日"]),
        DocumentKind.FEE: ("测试县财政局依申费〔2025〕1号", ["100.00元", "按件计收"]),
        DocumentKind.ANSWER_WITHHELD: ("测试县财政局依申复〔2025〕1号", ["第十五条", "应当先申请行政复议"]),
    }
    for kind, (number, phrases) in expected.items():
        document = _issue(case, kind)
        text = _text(document)
        assert document.number == number
        assert number in text and "测试县财政局" in text and "2025年6月30日" in text
        for phrase in phrases:
            assert phrase in text, (kind, phrase)
        # the hash recorded at issue is the hash of the stored file
        with document.file.open("rb") as f:
            assert hashlib.sha256(f.read()).hexdigest() == document.sha256
        assert document.verify()
        event = Event.objects.get(case=case, kind=EventKind.DOCUMENT_ISSUED, payload__document=document.pk)
        assert event.payload["sha256"] == document.sha256 and event.on == ISSUED_ON
    answer = Document.objects.get(kind=DocumentKind.ANSWER_WITHHELD)
    text = _text(answer)
    # legal date of receipt and the date the correction arrived (§7 element 3); what was requested (element 4)
    assert "2025年3月3日收到" in text and "2025年3月10日收到补正" in text and "农村低保" in text
    assert "测试县人民政府申请行政复议" in text and "信息处理费100.00元" in text
    # a second answer takes the next number of the same series; the issue did not change the case's state
    case.refresh_from_db()
    assert case.state == "decided"
    assert _issue(case, DocumentKind.ANSWER_WITHHELD).number == "测试县财政局依申复〔2025〕2号"


def test_an_issued_document_cannot_change_and_a_tampered_file_is_refused(new_case):
    case = act(new_case(date(2025, 3, 3)), "decide", date(2025, 3, 20), outcome="granted")
    document = _issue(case, DocumentKind.ANSWER_GRANTED)
    document.body = "改过的正文"
    with pytest.raises(FrozenError):
        document.save()
    with pytest.raises(Exception, match="已签发"):
        actions.edit(Document.objects.get(pk=document.pk), SYSTEM, body="改过的正文")
    path = Path(document.file.path)
    path.write_bytes(path.read_bytes() + b"x")
    assert not Document.objects.get(pk=document.pk).verify()


def test_draft_is_editable_and_the_edit_is_what_is_issued(new_case):
    case = act(new_case(date(2025, 3, 3)), "decide", date(2025, 3, 20), outcome="unavailable.not_held")
    draft = actions.start(case, DocumentKind.ANSWER_UNAVAILABLE, SYSTEM)
    assert "其他行政机关" in draft.body
    actions.edit(draft, SYSTEM, body="经检索，本机关未制作该信息。\n该信息由县档案馆保存，电话 0972-1234567。")
    issued = actions.issue(Document.objects.get(pk=draft.pk), SYSTEM, today=ISSUED_ON)
    text = _text(issued)
    assert "县档案馆保存" in text and "其他行政机关" not in text
    assert "也可以自知道本答复之日起六个月内" in text  # 无法提供 is not a refusal: 复议 or 诉讼


def test_a_document_the_events_do_not_support_is_refused(new_case):
    case = new_case(date(2025, 3, 3))
    with pytest.raises(Exception, match="不支持"):
        actions.start(case, DocumentKind.EXTENSION, SYSTEM)
    with pytest.raises(Exception, match="不支持"):
        actions.start(case, DocumentKind.ANSWER_GRANTED, SYSTEM)


@pytest.mark.parametrize(
    ("kind", "level", "parent", "body"),
    [
        (Kind.DEPARTMENT, Level.COUNTY, "测试县人民政府", "测试县人民政府"),
        (Kind.GOVERNMENT, Level.TOWNSHIP, "测试县人民政府", "测试县人民政府"),
        (Kind.GOVERNMENT, Level.COUNTY, "测试市人民政府", "测试市人民政府"),
        (Kind.GOVERNMENT, Level.PROVINCE, None, "测试省人民政府"),
        (Kind.DEPARTMENT, Level.CITY, None, "本级人民政府"),
    ],
)
def test_review_body_per_kind_and_level(db, kind, level, parent, body):
    above = Agency(name=parent, kind=Kind.GOVERNMENT, level=Level.CITY) if parent else None
    agency = Agency(
        name="测试省人民政府" if level == Level.PROVINCE else "某机关", kind=kind, level=level, parent=above
    )
    assert review_body(agency) == body


@pytest.mark.parametrize(
    ("outcome", "withholds"),
    [("granted", False), ("partially_granted", True), ("withheld.state_secret", True),
     ("unavailable.needs_creation", False), ("not_processed.petition", False), ("other.other", False)],
)  # fmt: skip
def test_remedy_per_outcome(new_case, world, outcome, withholds):
    case = new_case(date(2025, 3, 3), agency=world.township)
    case = act(case, "decide", date(2025, 3, 20), outcome=outcome)
    kind = actions.available_kinds(case)[-1]
    document = _issue(case, kind)
    text = _text(document)
    assert "向测试县人民政府申请行政复议" in text
    assert ("应当先申请行政复议" in text) is withholds
    assert ("六个月" in text) is not withholds
    assert ("十五日内" in text) is withholds


def test_remedy_follows_the_rules_in_force_on_the_decision_date(world):
    before = remedy_paragraph(withholds=True, agency=world.department, on=date(2023, 12, 29))
    after = remedy_paragraph(withholds=True, agency=world.department, on=date(2024, 1, 2))
    old = remedy_paragraph(withholds=False, agency=world.department, on=date(2014, 3, 1))
    assert "应当先" not in before and "也可以" in before
    assert "应当先申请行政复议" in after
    assert "三个月" in old


def test_issuing_needs_a_case_worker_of_the_agency(new_case, world):
    case = new_case(date(2025, 3, 3))
    with pytest.raises(Exception, match="没有权限"):
        actions.start(case, DocumentKind.RECEIPT, world.users["other_officer"])
    with pytest.raises(Exception, match="没有权限"):
        actions.start(case, DocumentKind.RECEIPT, world.users["county_supervisor"])
    assert actions.start(case, DocumentKind.RECEIPT, world.users["dept_officer"]).contact.startswith(
        "联系人：dept_officer"
    )


def test_pages_draft_edit_issue_and_download(new_case, world):
    case = act(new_case(date(2025, 3, 3)), "decide", date(2025, 3, 20), outcome="granted")
    officer = world.client("dept_officer")
    assert "起草答复书（予以公开）" in officer.get(f"/cases/{case.pk}/").content.decode()
    response = officer.post(f"/documents/new/{case.pk}/answer_granted/")
    document = Document.objects.get(case=case)
    assert response.url == f"/documents/{document.pk}/"
    response = officer.post(
        f"/documents/{document.pk}/", {"title": "t", "addressee": "张三", "body": "", "closing": "特此告知。"}
    )
    assert response.status_code == 400 and "正文" in response.content.decode()
    officer.post(f"/documents/{document.pk}/", {"title": "答复", "addressee": "张三", "body": "第一段\n第二段",
                                                "remedy": "救济", "closing": "特此告知。", "contact": ""})  # fmt: skip
    officer.post(f"/documents/{document.pk}/issue/")
    document.refresh_from_db()
    assert document.is_issued and document.paragraphs == ["第一段", "第二段"]
    download = officer.get(f"/documents/{document.pk}/file.docx")
    assert hashlib.sha256(download.content).hexdigest() == document.sha256
    assert world.client("other_officer").get(f"/documents/{document.pk}/file.docx").status_code == 404
    assert officer.post(f"/documents/{document.pk}/", {"body": "x"}).status_code == 403


def test_default_template_laid_out_without_overflow(new_case, world, tmp_path):
    """Every kind, with long text, converted by LibreOffice: every page's text stays inside the text block."""
    exe = soffice()
    assert exe, "LibreOffice (soffice) is not installed"
    case = _full_case(new_case, world)
    case = act(case, "decide", date(2025, 4, 20), outcome="partially_granted", summary="经区分处理，" * 60)
    src = tmp_path / "docx"
    src.mkdir()
    for kind in actions.available_kinds(case):
        (src / f"{kind}.docx").write_bytes(docx_bytes(_issue(case, kind)))
    out = tmp_path / "pdf"
    subprocess.run(
        [exe, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(out), *map(str, src.iterdir())],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    mm = 72 / 25.4
    left, right = MARGINS_MM["left"] * mm, (PAGE_MM[0] - MARGINS_MM["right"]) * mm
    top, bottom = MARGINS_MM["top"] * mm, (PAGE_MM[1] - MARGINS_MM["bottom"]) * mm
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 6
    long_answer_pages = 0
    for pdf in pdfs:
        with pymupdf.open(pdf) as doc:
            if pdf.stem == "answer_partial":
                long_answer_pages = doc.page_count
            for page in doc:
                assert page.rect.width == pytest.approx(PAGE_MM[0] * mm, abs=1)
                for x0, y0, x1, y1, text, *_ in page.get_text("blocks"):
                    if text.strip().startswith("—"):  # the page number sits below the text block
                        assert y0 >= bottom - 1, (pdf.stem, page.number, text)
                        continue
                    assert x0 >= left - 2 and x1 <= right + 2, (pdf.stem, page.number, text[:20])
                    assert y0 >= top - 2 and y1 <= bottom + 2, (pdf.stem, page.number, text[:20])
    assert long_answer_pages >= 2  # the long answer did break across pages, and every page was checked
