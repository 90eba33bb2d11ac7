"""Rejoining a label that a page break cut in two (“（四）无” at the foot of one page, “法提供” atop the next).

A table that ends one page and goes on at the top of the next is one table; a merged label cell that
straddled the break is printed in two parts. The parts are joined only when together they make a
known printed label (from ``_format``) better than either part alone, so two labels of their own
that happen to meet at a break stay apart.
"""

from __future__ import annotations

import difflib
import functools
import re

from ..._format import T3_HEADER_NOTE, known_labels, normalize_label
from ._blocks import SNAP, Table, join_lines

_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+\s*[.．、]|第)")
_NUMERIC = re.compile(r"^[\s\d.,，+\-－/／%]*$")
_REPEATED_HEADER = normalize_label(T3_HEADER_NOTE)[:10]


def _fragment(text: str) -> bool:
    """Text that can only be the rest of a label begun above (not numbered, not a number, not the
    table 三 header note that starts a header repeated after the page break)."""
    if normalize_label(text).startswith(_REPEATED_HEADER):
        return False
    return bool(text) and not _NUMBERED.match(text) and not _NUMERIC.match(text)


@functools.lru_cache(maxsize=1024)
def _label_fit(text: str) -> float:
    """How closely ``text`` matches a printed label of the formats: 1.0 for a label, less for a part."""
    folded = normalize_label(text)
    labels = known_labels()
    if not folded or folded in labels:
        return float(bool(folded))
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(folded)
    best = 0.0
    for label in labels:
        matcher.set_seq1(label)
        if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
            best = max(best, matcher.ratio())
    return best


def rejoins(head: str, tail: str) -> bool:
    """True when ``head`` + ``tail`` is one label cut in two: together they match a known label better
    than either does alone (“（四）无” + “法提供”; not “行政处罚” + “行政强制”, two rows of their own)."""
    return _label_fit(join_lines([head, tail])) > max(_label_fit(head), _label_fit(tail))


def join_split_cells(before: Table, after: Table) -> None:
    """Rejoin a merged label cell that a page break cut in two (“（四）无” | “法提供”).

    The table on the next page begins with an unnumbered text in the same column as a text cell that
    reached the bottom of the table on the page before, and the two together make a known label.
    """
    last_row = len(before.grid) - 1
    bottom = [c for c in before.cells if c.r1 == last_row and c.text and not _NUMERIC.match(c.text)]
    for cell in after.cells:
        if cell.r0 != 0 or not _fragment(cell.text):
            continue
        for above in bottom:
            same_column = abs(above.x0 - cell.x0) <= 3 * SNAP and abs(above.x1 - cell.x1) <= 3 * SNAP
            if same_column and rejoins(above.text, cell.text):
                above.text = join_lines([above.text, cell.text])
                before.grid[above.r0][above.c0] = above.text
                after.grid[0][cell.c0] = ""
                cell.text = ""
                break
