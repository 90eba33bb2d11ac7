"""Finding the table labels in report text, tolerant of how text extraction mangles them.

The text is folded character by character (full-width digits, ASCII brackets, traditional forms — the
same folding as :func:`normalize_label`) without changing its length, so a match position in the folded
text is a position in the original. Labels are matched with optional whitespace between any two
characters (PDF text breaks labels across lines; web captures insert spaces). A label's printed number
(“2.”, “（三）”, “一、”) is claimed by the label even when it sticks to the previous row's digits
(“…1700000172.没有现成…”).
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .._format import CHAR_FOLDS, normalize_label
from .._frozen import quick_init
from .._lines import Line
from .._model import Source

#: How far (in characters) a label is looked for beyond the previous one: bounds time on huge inputs.
SEARCH_WINDOW = 30_000

#: Page chrome of PDF text: “— 3 —”, “- 12 -”, “第 3 页 共 9 页”, “3 / 9”.
_PAGE_CHROME = re.compile(
    r"^\s*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
#: Markdown table rule lines (|---|:--:|) and heading marks.
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
#: The first printed character of every line these three match, but a digit: lines starting otherwise are kept.
_MARKUP_STARTS = frozenset("-—–－第|:#")
#: A table cell that says “无” (none) standing alone between separators: a blank cell, folded to “/”.
_LONE_NONE = re.compile(r"无(?<![^\s|]无)(?![^\s|])")  # 无 first: the search skips to it


@quick_init
@dataclass(frozen=True)
class Match:
    start: int  # including the printed number
    end: int
    printed: str  # the label as printed (whitespace removed, number excluded)
    name: str  # the name alternative that matched (normalised)


class Text:
    """Report text joined from :class:`Line` objects, with a folded copy and line provenance."""

    def __init__(self, lines: Sequence[Line], file: str | None = None) -> None:
        kept: list[Line] = []
        for line in lines:
            text = line.text
            first = text.lstrip()[:1]
            if first and (first in _MARKUP_STARTS or first.isdecimal()):  # page chrome or Markdown, maybe
                if _PAGE_CHROME.match(text) or _MD_RULE.match(text):
                    continue
                heading = _MD_HEADING.match(text)
                if heading:
                    text = text[heading.end() :]
            kept.append(line if text is line.text else Line(text, line.source))
        self.lines = kept
        self.file = file
        self.starts: list[int] = []
        parts: list[str] = []
        pos = 0
        for line in kept:
            self.starts.append(pos)
            parts.append(line.text)
            pos += len(line.text) + 1
        self.text = "\n".join(parts)
        self.folded = _LONE_NONE.sub("/", fold(self.text))
        #: (line index, tab/pipe field index) of positions asked for (``_columns._token_fields``): per read.
        self.fields_at: dict[int, tuple[int, int]] = {}
        self._line_sources: list[tuple | None] = [None] * len(kept)

    def __len__(self) -> int:
        return len(self.text)

    def line_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def source(self, pos: int, raw: str | None = None) -> Source:
        """The source of the character at ``pos``: the line's source, with the tab column and raw text."""
        if not self.lines:
            return Source(file=self.file, raw=raw)
        i = bisect.bisect_right(self.starts, pos) - 1  # line_index, inlined: this runs for every cell
        if i < 0:
            i = 0
        known = self._line_sources[i]
        if known is None:
            known = self._line_sources[i] = self._line_source(i)
        file, page, line, table, row, column, tabbed = known
        if tabbed:  # a table row: the column is the tab field the character stands in
            column = self.lines[i].text.count("\t", 0, pos - self.starts[i]) + 1
        # Source(...) directly: dataclasses.replace costs three times as much, and this runs for every cell.
        return Source(file, page, line, table, row, column, raw)

    def _line_source(self, i: int) -> tuple:
        """What the sources of line ``i`` share, and whether their column is the tab field (a table row)."""
        line = self.lines[i]
        src = line.source
        tabbed = (src.table is not None or src.page is not None) and "\t" in line.text
        return (src.file or self.file, src.page, src.line, src.table, src.row, src.column, tabbed)


def fold(text: str) -> str:
    """``text`` with every character folded as :func:`normalize_label` folds it; same length.

    By a regex over the few characters that fold: ``str.translate`` looks up every character of a
    report's text in its table, which costs ten times as much.
    """
    return _FOLDABLE.sub(_fold_match, text)


_FOLDABLE = re.compile("[" + "".join(re.escape(ch) for ch in sorted(CHAR_FOLDS)) + "]")


def _fold_match(m: re.Match[str]) -> str:
    return CHAR_FOLDS[m.group()]


def label_regex(label: str) -> str:
    """Regex source matching ``label`` with optional whitespace between characters."""
    chars = normalize_label(label)
    return r"\s*".join(re.escape(c) for c in chars)


def number_regex(number: str) -> str:
    """Regex source for a printed item number: “1.” also as “1、”, “（一）” also as “(一)”."""
    n = normalize_label(number)
    if not n:
        return ""
    if n.startswith("（") and n.endswith("）"):
        return r"（\s*" + re.escape(n[1:-1]) + r"\s*）"
    core = n.rstrip(".、，")
    return re.escape(core) + r"\s*[.、，]"


@quick_init
@dataclass(frozen=True)
class Label:
    """A label to anchor on: its names (verbatim first, then variants) and printed number."""

    key: str
    names: tuple[str, ...]
    number: str = ""
    need_number: bool = False  # the name alone is too common (“总计”, “其他”)

    @property
    def pattern(self) -> re.Pattern[str]:
        return _compile(self.names, self.number if self.need_number else "")

    @property
    def number_tail(self) -> re.Pattern[str] | None:
        if not self.number:
            return None
        return _number_tail(self.number)

    @property
    def search(self) -> _Search:
        """Built once per label (kept in the instance's dict; not a field: equality and hashing ignore it)."""
        found = self.__dict__.get("_search")
        if found is None:
            found = self.__dict__["_search"] = _search(self.names, self.number, self.need_number)
        return found


@quick_init
@dataclass(frozen=True)
class _Search:
    """What :func:`find` needs of a label, built once per label: its pattern, names and number tail."""

    pattern: re.Pattern[str]
    alts: tuple[str, ...]  # the normalised names, longest first: the pattern's groups in order
    longer: tuple[tuple[str, ...], ...]  # for each name, the longer names that start with it
    tail: re.Pattern[str] | None


@lru_cache(maxsize=1024)
def _search(names: tuple[str, ...], number: str, need_number: bool) -> _Search:
    alts = _alts(names)
    longer = tuple(tuple(a for a in alts if len(a) > len(name) and a.startswith(name)) for name in alts)
    tail = _number_tail(number) if number else None
    return _Search(_compile(names, number if need_number else ""), alts, longer, tail)


@lru_cache(maxsize=1024)
def _compile(names: tuple[str, ...], number: str) -> re.Pattern[str]:
    alts = _alts(names)
    body = "|".join(f"({label_regex(a)})" for a in alts)
    prefix = f"(?:{number_regex(number)})\\s*" if number else ""
    return re.compile(f"{prefix}(?:{body})")


@lru_cache(maxsize=1024)
def _number_tail(number: str) -> re.Pattern[str]:
    return re.compile(f"(?:{number_regex(number)})\\s*$")


@lru_cache(maxsize=1024)
def _alts(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({normalize_label(n) for n in names}, key=len, reverse=True))


def find(text: Text, label: Label, start: int, end: int) -> Match | None:
    """First match of ``label`` in ``text.folded[start:end]``, its number claimed when printed."""
    end = min(end, start + SEARCH_WINDOW, len(text))
    if start >= end:
        return None
    search = label.search
    m = search.pattern.search(text.folded, start, end)
    if m is None:
        return None
    gi = m.lastindex or 1  # one group per name, none nested: the group that matched
    name = search.alts[gi - 1]
    name_start = m.start(gi)
    begin = m.start()
    tail = search.tail
    if tail is not None and begin == name_start:
        back = text.folded[max(0, begin - 12) : begin]
        t = tail.search(back)
        if t:
            begin = begin - (len(back) - t.start())
    longer = search.longer[gi - 1]
    stop = _wrapped_rest(text.folded, m.end(), end, name, longer) if longer else m.end()
    printed = "".join(text.text[name_start : m.end()].split())
    return Match(begin, stop, printed, name)


def _wrapped_rest(folded: str, pos: int, limit: int, name: str, alts: tuple[str, ...]) -> int:
    """Where a label cut by its cell's wrap ends: a short name matched, then the start of a longer form of it.

    A narrow label column wraps “部分公开（区分处理的，只计这一情形，不计其他情形）” so that the row's
    numbers follow its first line (“部分公开（区分处理的，” then the numbers, the rest of the label on the
    next line). Those words, up to the end of the cell (a tab or line end), belong to the label, not to
    the value text.
    """
    best = pos
    for longer in alts:
        if len(longer) <= len(name) or not longer.startswith(name):
            continue
        rest = longer[len(name) :]
        i, j = pos, 0
        while i < limit and j < len(rest):
            if folded[i] == " ":
                i += 1
            elif folded[i] == rest[j]:
                i, j = i + 1, j + 1
            else:
                break
        if 2 <= j < len(rest) and (i >= limit or folded[i] in "\t\n"):
            best = max(best, i)
    return best


def find_last_before(text: Text, label: Label, start: int, end: int) -> Match | None:
    """The last match of ``label`` starting in [start, end): the one closest to what follows."""
    best = None
    pos = start
    while True:
        m = find(text, label, pos, end)
        if m is None or m.start >= end:
            return best
        best = m
        pos = m.end


def anchor_sequence(text: Text, labels: Sequence[Label], start: int, end: int) -> dict[str, Match]:
    """Anchor labels that appear in this order; a label whose match lies beyond the next one's is absent.

    Each label takes its last occurrence before the next label, so that prose mentioning a label before
    the table does not capture it.
    """
    found: dict[str, Match] = {}
    pos = start
    # the first match of each label from where it was last looked for: a row's label is looked for as the
    # follower of the row before it, then again from that row's end, and is where it was unless passed
    ahead: dict[int, tuple[int, Match | None]] = {}
    unclipped = start + SEARCH_WINDOW >= min(end, len(text))  # no search window cuts the range short

    def first(j: int, at: int) -> Match | None:
        known = ahead.get(j)
        if unclipped and known is not None and known[0] <= at and (known[1] is None or known[1].start >= at):
            return known[1]
        m = find(text, labels[j], at, end)
        ahead[j] = (at, m)
        return m

    for i, label in enumerate(labels):
        m = first(i, pos)
        if m is None:
            continue
        nxt = None
        for j in range(i + 1, min(i + 3, len(labels))):
            nxt = first(j, pos)
            if nxt is not None:
                break
        if nxt is not None:
            if nxt.start < m.start:
                continue  # this label is missing; its match belongs further down
            later = find_last_before(text, label, m.end, nxt.start)
            if later is not None:
                m = later
        found[label.key] = m
        pos = m.end
    return found


def fuzzy_in_gap(text: Text, label: Label, start: int, end: int, threshold: float = 0.6) -> Match | None:
    """A misspelt label between two anchored ones: the non-numeric run most similar to one of its names."""
    if end <= start:
        return None
    gap = text.folded[start:end]
    best: tuple[float, int, int] | None = None
    for m in re.finditer(r"[^\d\s\t|/.,+\-—–－]+(?:\s+[^\d\s\t|/.,+\-—–－]+)*", gap):
        run = "".join(m.group(0).split())
        if len(run) < 2:
            continue
        for name in _alts(label.names):
            ratio = difflib.SequenceMatcher(None, run, name, autojunk=False).ratio()
            if best is None or ratio > best[0]:
                best = (ratio, start + m.start(), start + m.end())
    if best is None or best[0] < threshold:
        return None
    _, s, e = best
    printed = "".join(text.text[s:e].split())
    tail = label.number_tail  # the label's printed number (“7.”) is the label's, not the previous row's digits
    t = tail.search(text.folded, max(start, s - 12), s) if tail is not None else None
    return Match(t.start() if t else s, e, printed, "")


#: A year that a 年 follows ends no value run: it starts the prose after the table (“…收费02025年，我局…”).
_YEAR = re.compile(r"(?:19|20)\d\d")


def scan_value(text: Text, start: int, end: int, value_chars: Iterable[str]) -> int:
    """End of the value text that begins at ``start``: the first character that cannot be part of a value."""
    chars = value_chars if isinstance(value_chars, frozenset) else frozenset(value_chars)
    folded = text.folded
    limit = min(end, len(folded))
    i = start
    while i < limit and folded[i] in chars:
        i += 1
    if i < len(folded) and folded[i] == "年" and _YEAR.fullmatch(folded, max(i - 4, 0), i):
        return max(start, i - 4)  # also when ``start`` is inside the year: the run is empty
    return i
