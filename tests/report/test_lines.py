"""Lines of report text: a grid row joined by tabs, and where each token stands among a line's fields."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report._lines import Line
from ogi.report._model import Source
from ogi.report._readers._anchors import Text
from ogi.report._readers._columns import _token_fields
from ogi.report._readers._splits import Token

_PIECES = ["", " ", "\t", "\n", "a", "12", "\u3000", "\r", "x y", " 5", "5 ", "予以公开"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=3).map("".join), max_size=6))
def test_cells_joined_as_cleaned(cells) -> None:
    expected = "\t".join(c.replace("\t", " ").replace("\n", " ").strip() for c in cells)
    assert Line.from_cells(cells, Source()).text == expected


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["12", "a", "|", "\t", " ", "予以", "3|4"]), max_size=6).map("".join), min_size=1
    ),
    st.data(),
)
def test_token_fields_count_the_separators_before_each_token(lines, data) -> None:
    """_token_fields (incremental, kept per read) gives each position's line and tab/pipe field."""
    size = len(Text([Line(t, Source(line=i)) for i, t in enumerate(lines, start=1)]).text)
    positions = sorted(data.draw(st.lists(st.integers(0, max(size - 1, 0)), max_size=8)))
    for pos_list in (positions, list(reversed(positions))):  # in text order, and against it
        text = Text([Line(t, Source(line=i)) for i, t in enumerate(lines, start=1)])  # nothing kept yet
        tokens = [Token(str(p), start=p) for p in pos_list]
        expected = []
        for p in pos_list:
            i = text.line_index(p)
            expected.append((i, len(re.findall(r"[\t|]", text.text[text.starts[i] : p]))))
        assert _token_fields(text, tokens) == expected
