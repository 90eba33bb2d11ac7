"""Reading a year's notice: the real 2025 and 2026 texts, the one-date-a-line file, and what is refused."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from ogi.workdays import Calendar, NoticeError, YearNotice, format_notice, parse_notice, read_notice

NOTICES = Path(__file__).parent / "notices"


@pytest.mark.parametrize("year", [2025, 2026])
def test_real_notice_agrees_with_chinesecalendar_every_day(year: int) -> None:
    notice = parse_notice((NOTICES / f"{year}.txt").read_text(encoding="utf-8"))
    assert notice.year == year
    assert notice.title == f"国务院办公厅关于{year}年部分节假日安排的通知"
    calendar = Calendar([notice])
    days = [date(year, 1, 1) + timedelta(i) for i in range(365)]
    assert [day for day in days if calendar.is_workday(day) != chinese_calendar.is_workday(day)] == []


def test_2025_notice_days() -> None:
    notice = parse_notice((NOTICES / "2025.txt").read_text(encoding="utf-8"))
    assert sorted(notice.days_on) == [
        date(2025, 1, 26),
        date(2025, 2, 8),
        date(2025, 4, 27),
        date(2025, 9, 28),
        date(2025, 10, 11),
    ]
    assert date(2025, 6, 2) in notice.days_off  # “5月31日（周六）至6月2日（周一）” crosses a month
    assert date(2025, 5, 31) not in notice.days_off  # a Saturday is off anyway: not a departure
    assert all(day.weekday() < 5 for day in notice.days_off)


def test_notice_pasted_as_one_line_with_ranges_across_months() -> None:
    text = (
        "国务院办公厅关于2027年部分节假日安排的通知 一、元旦：1月1日（周五）放假1天，不调休。"
        "二、劳动节：4月30日（周五）至5月4日（周二）放假调休，共5天。4月25日（周日）上班。"
        "三、国庆节：9月30日至10月8日放假调休，共9天。9月26日（周日）、10月9日（周六）上班。"
    )
    notice = parse_notice(text)
    assert notice.year == 2027
    assert notice.days_on == {date(2027, 4, 25), date(2027, 9, 26), date(2027, 10, 9)}
    assert {date(2027, 4, 30), date(2027, 5, 3), date(2027, 5, 4), date(2027, 9, 30), date(2027, 10, 8)} <= (
        notice.days_off
    )
    assert len(notice.days_off) == 1 + 3 + 7


def test_year_from_the_argument_when_the_text_has_no_title() -> None:
    notice = parse_notice("一、元旦：1月1日（周五）放假1天。", year=2027)
    assert notice == YearNotice(2027, frozenset({date(2027, 1, 1)}), frozenset())


def test_explicit_years_in_a_range_over_new_year() -> None:
    text = "国务院办公厅关于2023年部分节假日安排的通知\n元旦：2022年12月31日至2023年1月2日放假调休，共3天。"
    assert parse_notice(text).days_off == {date(2023, 1, 2)}


def test_date_in_an_aside_and_the_signature_date_are_not_read_as_days() -> None:
    text = (
        "国务院办公厅关于2024年部分节假日安排的通知\n"
        "二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。"
        "鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。\n"
        "国务院办公厅\n2023年10月25日\n"
    )
    notice = parse_notice(text)
    assert notice.days_on == {date(2024, 2, 4), date(2024, 2, 18)}
    assert date(2024, 2, 9) not in notice.days_off


def test_simple_file() -> None:
    text = "# 国务院办公厅关于2027年部分节假日安排的通知\n2027-01-01 休\n\n2027-02-07 班  # 周日\n2027-02-08 放假\n"
    notice = parse_notice(text)
    assert notice == YearNotice(
        2027,
        frozenset({date(2027, 1, 1), date(2027, 2, 8)}),
        frozenset({date(2027, 2, 7)}),
        "国务院办公厅关于2027年部分节假日安排的通知",
    )


def test_simple_file_accepts_english_words_and_weekend_days_off() -> None:
    notice = parse_notice("2027-01-01 off\n2027-01-02 OFF\n2027-02-06on\n")
    assert notice.days_off == {date(2027, 1, 1)}  # Saturday 01-02 is off anyway
    assert notice.days_on == {date(2027, 2, 6)}


@pytest.mark.parametrize("year", [2025, 2026])
def test_format_notice_reads_back_to_the_same_notice(year: int) -> None:
    notice = parse_notice((NOTICES / f"{year}.txt").read_text(encoding="utf-8"))
    assert parse_notice(format_notice(notice)) == notice


T = "国务院办公厅关于2027年部分节假日安排的通知\n"
ERRORS = [
    ("2027-01-01 休\n2027-01-02 歇\n", None, "第2行：“歇”不是"),
    ("2027-01-01 休\n\n# c\n2027-02-30 休\n", None, "第4行：没有这一天：2027-02-30"),
    ("2027-01-01 休\n2027-01-01\n", None, "第2行：看不懂"),
    ("2027-01-01 休\n2028-01-03 休\n", None, "第2行：2028-01-03 不在2027年内"),
    ("2027-01-04 休\n2027-01-05 班\n", None, "第2行：1月5日（星期二）本来就是工作日"),
    ("2027-02-06 班\n2027-02-08 休\n2027-02-06 休\n", None, "第3行：2月6日（星期六）既放假又上班（另见第1行）"),
    ("2027-01-01 休\n", 2026, "第1行：2027-01-01 不在2026年内"),
    ("# 国务院办公厅关于2027年部分节假日安排的通知\n2027-01-01 休\n", 2026, "标题是2027年的"),
    ("一、元旦：1月1日放假。", None, "看不出是哪一年"),
    (T + "一、元旦：1月1日（周四）放假。", None, "第2行：1月1日（星期五），通知写的是“周四”"),
    (T + "\n春节：2月5日至11日放假，共6天。", None, "第3行：2月5日（星期五）至2月11日（星期四）共7天"),
    (T + "2月6日（周六）、\n2月8日（周一）上班。", None, "第3行：2月8日（星期一）本来就是工作日"),
    (T + "春节：2月5日至放假。", None, "第2行：“至”后面缺少日期"),
    (T + "春节：2月5日至3日放假。", None, "第2行：“至”后的2月3日"),
    (T + "春节：2月30日放假。", None, "第2行：没有这一天：2027年2月30日"),
    (T + "春节：2月5日。2月6日上班。", None, "第2行：2月5日（星期五）后面没有“放假”或“上班”"),
    (T + "元旦：12日放假。", None, "第2行：“12日”没有写月份"),
    (T + "元旦：12月31日至1月2日放假。", None, "第2行：“至”后的1月2日"),
    (T + "春节：2026年12月31日放假。", None, "第2行：2026-12-31 不在2027年内"),
    (T + "经国务院批准，现将放假安排通知如下。", None, "没有读到2027年的任何放假或上班日期"),
    (T + "2月6日放假。2月6日上班。", None, "第2行：2月6日（星期六）既放假又上班"),
    ("国务院办公厅关于2026年部分节假日安排的通知\n1月1日放假。", 2027, "标题是2026年的，要载入的却是2027年"),
]


@pytest.mark.parametrize(("text", "year", "message"), ERRORS)
def test_what_cannot_be_read_is_refused_naming_the_line(text: str, year: int | None, message: str) -> None:
    with pytest.raises(NoticeError) as raised:
        parse_notice(text, year=year)
    assert message in str(raised.value)


def test_prose_around_dates_is_no_error() -> None:
    text = T + "经国务院批准，现将放假调休日期的具体安排通知如下。\n元旦：1月1日至3日放假，与周末连休。甚至上班。\n"
    assert parse_notice(text).days_off == {date(2027, 1, 1)}


def test_notice_error_carries_the_line_number() -> None:
    with pytest.raises(NoticeError) as raised:
        parse_notice("2027-01-01 休\n2027-01-05 班\n")
    assert raised.value.line == 2
    assert isinstance(raised.value, ValueError)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_read_notice_file_in_the_encodings_people_save(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "2026.txt"
    path.write_bytes((NOTICES / "2026.txt").read_text(encoding="utf-8").encode(encoding))
    notice = read_notice(path)
    assert notice.year == 2026
    assert date(2026, 2, 14) in notice.days_on


def test_read_notice_names_a_missing_or_undecodable_file(tmp_path: Path) -> None:
    with pytest.raises(NoticeError, match="读不到文件"):
        read_notice(tmp_path / "missing.txt")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x81\x30")
    with pytest.raises(NoticeError, match="既不是 UTF-8 也不是 GB18030"):
        read_notice(tmp_path / "bad.txt")


def test_line_numbers_hold_far_into_a_long_text() -> None:
    text = "国务院办公厅关于2027年部分节假日安排的通知\n" + "说明。\n" * 5000 + "2月8日（周二）放假。\n"
    with pytest.raises(NoticeError) as raised:
        parse_notice(text)
    assert raised.value.line == 5002
