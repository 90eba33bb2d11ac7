"""Lines of report text with their provenance: the form every reader reduces its input to.

The HTML, DOCX and PDF readers turn their tables and paragraphs into ``Line`` objects (table cells joined
by tabs, one visual or grid row per line); the text reader then anchors on labels and recovers cell
boundaries with the arithmetic, the same way for every input type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._frozen import quick_init
from ._model import Source

CELL_SEP = "\t"
#: Whitespace but the separator, and such whitespace at either end of a cell of a tab-joined row.
_SPACE = re.compile(r"[^\S\t]")
_EDGE_SPACE = re.compile(r"(?:^|\t)[^\S\t]|[^\S\t](?:\t|$)")


@quick_init
@dataclass(frozen=True)
class Line:
    text: str
    source: Source

    @classmethod
    def from_cells(cls, cells: list[str], source: Source) -> Line:
        joined = CELL_SEP.join(cells)
        if (
            "\n" in joined
            or joined.count(CELL_SEP) != len(cells) - 1
            or (_SPACE.search(joined) and _EDGE_SPACE.search(joined))  # most rows have no space at all
        ):
            joined = CELL_SEP.join(c.replace("\t", " ").replace("\n", " ").strip() for c in cells)
        return cls(joined, source)  # else every cell was tab-free, newline-free and stripped already


def text_lines(text: str, file: str | None = None) -> list[Line]:
    """Split plain text into numbered lines (1-based)."""
    return [Line(t, Source(file=file, line=i)) for i, t in enumerate(text.splitlines(), start=1)]
