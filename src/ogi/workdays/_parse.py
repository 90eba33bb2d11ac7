"""`parse_notice`: either form of a year's holiday notice to a checked YearNotice."""

from __future__ import annotations

from pathlib import Path

from ogi.workdays._date_lines import looks_like_date_lines, read_date_lines
from ogi.workdays._notice import NoticeError, YearNotice, build_notice
from ogi.workdays._notice_text import TITLE, find_title, read_notice_text


def parse_notice(text: str, *, year: int | None = None) -> YearNotice:
    """Read the State Council notice as published, or the one-date-a-line file; raise NoticeError (Chinese)."""
    if looks_like_date_lines(text):
        return _parse_date_lines(text, year)
    title_year, title = find_title(text)
    if title_year is not None and year is not None and title_year != year:
        raise NoticeError(f"通知标题是{title_year}年的，要载入的却是{year}年")
    year = title_year if title_year is not None else year
    if year is None:
        raise NoticeError("看不出是哪一年的通知：标题中没有“XXXX年部分节假日安排”，请指明年份")
    return build_notice(year, read_notice_text(text, year), title)


def read_notice(path: str | Path, *, year: int | None = None) -> YearNotice:
    """`parse_notice` on a file saved as UTF-8 (with or without BOM) or GB18030, as Chinese Windows saves text."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise NoticeError(f"读不到文件 {path}：{error.strerror or error}") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return parse_notice(text, year=year)
    raise NoticeError(f"文件 {path} 既不是 UTF-8 也不是 GB18030 编码的文本")


def _parse_date_lines(text: str, year: int | None) -> YearNotice:
    entries, comments = read_date_lines(text)
    title = next((comment for comment in comments if TITLE.search(comment)), "")
    if title:
        match = TITLE.search(title)
        assert match is not None
        title_year = int(match.group(1))
        if year is not None and title_year != year:
            raise NoticeError(f"注释中的标题是{title_year}年的，要载入的却是{year}年")
        year = title_year
    if year is None:
        year = entries[0].day.year
    return build_notice(year, entries, title)
