"""The opening paragraph, the printed title and the closing sign-off: read, kept in the JSON, written
back by every writer and read back by every reader."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ogi.report import from_dict, json_schema, read, read_bytes, to_dict, write
from ogi.report._json import published_schema
from ogi.report._model import SignOff
from ogi.report._preamble import parse_date, parse_preamble

from ..conftest import CORPUS
from .helpers import seed_with_sections

OPENING = (
    "本报告由测试县人民政府办公室根据《中华人民共和国政府信息公开条例》规定编制。"
    "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
    "如对本报告有疑问，请与测试县人民政府办公室联系（地址：测试县人民路1号，邮编：123456，"
    "电话：0123-87654321，电子邮箱：gk@example.gov.cn）。"
)
TITLE = "测试县人民政府2023年政府信息公开工作年度报告"
SIGNOFF = SignOff(agency="测试县人民政府办公室", date=date(2024, 1, 20))


def _report():
    sections = {
        "1": "（一）主动公开。本年度主动公开信息100条。",
        "5": "存在的问题是公开不够及时。",
        "6": "本年度未收取信息处理费。",
    }
    report = seed_with_sections(sections)
    return replace(report, title=TITLE, preamble=parse_preamble(OPENING), signoff=SIGNOFF)


def _flat(text: str | None) -> str:
    """Text without spaces: a PDF's text layer has no reliable spaces between Latin and CJK."""
    return "".join((text or "").split())


def test_the_opening_paragraph_is_read_with_its_facts() -> None:
    report = read(CORPUS / "jiangsu" / "huaian_szf_2024.pdf")
    preamble = report.preamble
    assert preamble is not None
    assert preamble.text.startswith("本报告由淮安市人民政府办公室")
    assert (preamble.period_start, preamble.period_end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert (preamble.postcode, preamble.telephone, preamble.email) == ("223001", "0517-83605210", "hazwgkc@163.com")
    assert preamble.address == "淮安市翔宇南道1号"
    assert "一、总体情况" not in preamble.text
    assert not report.sections["1"].startswith("本报告由")  # not read twice


def test_a_web_capture_keeps_its_opening_paragraph_apart_from_the_capture_header() -> None:
    report = read(CORPUS / "pingtan" / "pingtan_2023_page.txt")
    assert report.preamble is not None
    assert report.preamble.text.startswith("本报告根据《中华人民共和国政府信息公开条例》")
    assert "发布时间" not in report.preamble.text and "====" not in report.preamble.text
    assert report.preamble.postcode == "350400"


def test_a_report_without_an_opening_paragraph_has_none() -> None:
    assert read(CORPUS / "pingtan" / "pingtan_2025_tables.html").preamble is None


@pytest.mark.parametrize("fmt", ["json", "md", "html", "docx", "pdf"])
def test_title_opening_and_signoff_round_trip_through_every_writer_and_reader(fmt: str) -> None:
    report = _report()
    back = read_bytes(write(report, fmt), f"report.{fmt}")
    assert _flat(back.title) == _flat(TITLE)
    assert back.preamble is not None
    assert _flat(back.preamble.text) == _flat(OPENING)
    assert back.preamble.period_end == date(2023, 12, 31) and back.preamble.email == "gk@example.gov.cn"
    assert back.signoff == SIGNOFF
    assert _flat(back.sections["6"]) == _flat(report.sections["6"])  # the sign-off is not prose of 六


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_title_set_in_the_json_is_what_gets_printed(fmt: str) -> None:
    report = replace(_report(), title="某某局2023年度政府信息公开工作年度报告（修订稿）")
    text = write(report, fmt).decode()
    assert "某某局2023年度政府信息公开工作年度报告（修订稿）" in text
    assert "测试县人民政府2023年度" not in text


def test_without_a_printed_signoff_the_document_ends_with_agency_and_publication_date() -> None:
    report = replace(_report(), signoff=None, agency="测试县人民政府", published=date(2024, 3, 8))
    text = write(report, "md").decode().rstrip().splitlines()
    assert text[-2:] == ["测试县人民政府", "2024年3月8日"]


def test_the_docx_signoff_is_right_aligned_four_characters_in() -> None:
    from io import BytesIO

    from docx import Document
    from docx.shared import Pt

    doc = Document(BytesIO(write(_report(), "docx")))
    agency, when = doc.paragraphs[-2], doc.paragraphs[-1]
    assert (agency.text, when.text) == ("测试县人民政府办公室", "2024年1月20日")
    assert when.paragraph_format.right_indent == Pt(16 * 4)
    # 10 characters centred over a 6.5-character date (digits are half a character wide)
    assert agency.paragraph_format.right_indent == Pt(16 * 2.25)


def test_json_keeps_the_opening_paragraph_and_signoff() -> None:
    data = to_dict(_report())
    assert data["preamble"]["text"] == OPENING
    assert data["preamble"]["period_start"] == "2023-01-01" and data["preamble"]["postcode"] == "123456"
    assert data["signoff"] == {"agency": "测试县人民政府办公室", "date": "2024-01-20"}
    assert from_dict(data).preamble == _report().preamble


def test_json_preamble_may_be_the_text_alone_and_given_facts_win() -> None:
    data = to_dict(_report())
    data["preamble"] = OPENING
    assert from_dict(data).preamble.telephone == "0123-87654321"
    data["preamble"] = {"text": OPENING, "telephone": "0123-11111111"}
    assert from_dict(data).preamble.telephone == "0123-11111111"


@pytest.mark.parametrize(
    ("key", "value", "named"),
    [
        ("signoff", {"date": "2024-02-30"}, "signoff.date"),
        ("preamble", {"text": OPENING, "period_start": "yesterday"}, "preamble.period_start"),
        ("preamble", 5, "preamble"),
        ("signoff", {"agency": 3}, "signoff.agency"),
    ],
)
def test_bad_front_matter_in_json_names_the_key(key: str, value: object, named: str) -> None:
    from ogi.report import JSONFormatError

    data = {**to_dict(_report()), key: value}
    with pytest.raises(JSONFormatError, match=named.replace(".", r"\.")):
        from_dict(data)


def test_the_schema_describes_the_new_keys() -> None:
    props = json_schema()["properties"]
    assert {"preamble", "signoff"} <= set(props)
    assert published_schema() == json_schema()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2024年3月8日", date(2024, 3, 8)), ("二〇二四年三月十八日", date(2024, 3, 18)), ("2024年2月30日", None)],
)
def test_dates_are_read_as_printed(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected
