"""Patterns written numeral-first (or space-first) for speed match exactly what their plain forms match.

A pattern that starts with a look-behind makes the regex engine try it at every character of a report;
starting with the character it is about lets the search skip ahead. The plain forms are kept here.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report._checks._prose import _unwrap
from ogi.report._readers._anchors import _LONE_NONE
from ogi.report._readers._grid import _CJK_GAP
from ogi.report._readers._sections import _CHROME_ENDS, _HEADING, _LISTING_GAP, _PAST_LISTING_GAP, _TRAILING_CHROME

PLAIN_HEADING = re.compile(
    r"(?<![第（(一二三四五六七八九十])(?P<mark>[一二三四五六])\s*[、.，]"
    r"|(?<![第（(一二三四五六七八九十])(?P<space>[一二三四五六])[ \t\u3000]+(?=\S)"
)
PLAIN_LONE_NONE = re.compile(r"(?<![^\s|])无(?![^\s|])")
PLAIN_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")
CHROME_WORDS = [
    "附件下载",
    "【打印本页】",
    "打印本页",
    "关闭窗口】",
    "扫一扫在手机打开当前页",
    "正文。",
    "页",
    "载",
    "口",
]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="第（(一二三四五六七八九十、.， \t\u3000\nab总", max_size=16))
def test_headings(text) -> None:
    plain = [
        (m.span(), m.group("mark") or m.group("space"), m.group("space") is not None)
        for m in PLAIN_HEADING.finditer(text)
    ]
    fast = [(m.span(), m.group("numeral"), m.group("space") is not None) for m in _HEADING.finditer(text)]
    assert fast == plain


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="无 |\t\na一。5\u3000", max_size=12))
def test_lone_none_and_cjk_gaps(text) -> None:
    assert _LONE_NONE.sub("/", text) == PLAIN_LONE_NONE.sub("/", text)
    assert _CJK_GAP.sub("", text) == PLAIN_CJK_GAP.sub("", text)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="一、总体情况；二 \t\n_-（）.a5", max_size=12))
def test_listing_gap(gap) -> None:
    meaningful = re.sub(r"[\s\W_]+", "", gap)
    assert (_PAST_LISTING_GAP.match(gap) is None) == (len(meaningful) <= _LISTING_GAP)
    assert (_PAST_LISTING_GAP.match("xx" + gap, 2) is None) == (len(meaningful) <= _LISTING_GAP)


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["附件下载", "【打印本页】", "打印本页", "关闭窗口】", "扫一扫在手机打开当前页", "正文。", "页", "载"]
        ),
        max_size=4,
    )
)
def test_trailing_chrome_is_only_where_the_prose_ends_as_chrome_does(words) -> None:
    prose = "\n".join(words)
    if not prose.endswith(_CHROME_ENDS):
        assert _TRAILING_CHROME.sub("", prose) == prose


PLAIN_UNWRAP = re.compile(r"(?<=[^\d\s])[ \t]*\n\s*|[ \t]*\n\s*(?=[^\d\s])")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="受理 \t\n\u300017件。\u2003٣", max_size=14))
def test_unwrap_joins_the_breaks_the_plain_pattern_joins(text) -> None:
    assert _unwrap(text) == PLAIN_UNWRAP.sub("", text)
