"""The fold of a whole report text: each character as normalize_label folds it, the length kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report._format import _FOLD, normalize_label
from ogi.report._lines import text_lines
from ogi.report._readers._anchors import _MARKUP_STARTS, _MD_HEADING, _MD_RULE, _PAGE_CHROME, Text, fold


def _char_by_char(text: str) -> str:
    out = []
    for ch in text:
        folded = normalize_label(ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out)


def test_every_character_folds_as_normalize_label_folds_it() -> None:
    chars = "".join(chr(c) for c in (*range(0x20, 0xD800), *range(0xE000, 0x10000), *range(0x20000, 0x20100)))
    assert fold(chars) == _char_by_char(chars)


def test_a_report_line_keeps_its_positions() -> None:
    line = "（一）予以公开\t１２\t3\u3000臺灣 (二) 部分公開 無"
    folded = fold(line)
    assert len(folded) == len(line) and folded.startswith("（一）予以公开\t12\t3")
    assert Text(text_lines(line)).folded.endswith("/")  # a lone 无 (無) is a blank cell


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=" \t\u3000-—–－第页共|:#/12３a一", max_size=14))
def test_lines_passed_over_are_neither_page_chrome_nor_markdown(line) -> None:
    """Text keeps a line without trying the chrome and Markdown patterns when its first character rules them out."""
    first = line.lstrip()[:1]
    if not (first and (first in _MARKUP_STARTS or first.isdecimal())):
        assert not (_PAGE_CHROME.match(line) or _MD_RULE.match(line) or _MD_HEADING.match(line))


def test_normalize_label_folds_every_character_as_its_table_says() -> None:
    """normalize_label substitutes only the characters of its table: the same as translating by it."""
    chars = "".join(chr(c) for c in (*range(0x20, 0xD800), *range(0xE000, 0x10000), *range(0x20000, 0x20100)))
    for text in (chars, "（一）予以公开 (二)開\t總計 ０１２", ""):
        assert normalize_label.__wrapped__(text) == "".join(text.translate(_FOLD).split())
