"""A grid row as one Line: cells joined by tabs, each without tabs, line breaks or edge whitespace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report._lines import Line
from ogi.report._model import Source

_PIECES = ["", " ", "\t", "\n", "a", "12", "\u3000", "\r", "x y", " 5", "5 ", "予以公开"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=3).map("".join), max_size=6))
def test_cells_joined_as_cleaned(cells) -> None:
    expected = "\t".join(c.replace("\t", " ").replace("\n", " ").strip() for c in cells)
    assert Line.from_cells(cells, Source()).text == expected
