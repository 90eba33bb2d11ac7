"""anchor_sequence reuses a label's search from where it was last looked for: the same anchors as searching anew."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report._format import t3_rows
from ogi.report._lines import Line
from ogi.report._model import Source
from ogi.report._readers._anchors import Label, Text, anchor_sequence, find, find_last_before
from ogi.report._readers._table3 import t3_label

ROWS = t3_rows(True)
LABELS = [t3_label(row) for row in ROWS]


def _anchor_sequence_anew(text: Text, labels: list[Label], start: int, end: int) -> dict:
    """anchor_sequence as first written: every label looked for again from the current position."""
    found = {}
    pos = start
    for i, label in enumerate(labels):
        m = find(text, label, pos, end)
        if m is None:
            continue
        nxt = None
        for follower in labels[i + 1 : i + 3]:
            nxt = find(text, follower, pos, end)
            if nxt is not None:
                break
        if nxt is not None:
            if nxt.start < m.start:
                continue
            later = find_last_before(text, label, m.end, nxt.start)
            if later is not None:
                m = later
        found[label.key] = m
        pos = m.end
    return found


@st.composite
def tables(draw) -> list[str]:
    """Lines of a table 三 with rows dropped, repeated, swapped and mentioned in prose."""
    lines = []
    for row in ROWS:
        if draw(st.integers(0, 9)) == 0:
            continue
        line = f"{row.number}{draw(st.sampled_from(row.names))}\t{draw(st.integers(0, 99))}\t0"
        lines.append(line)
        if draw(st.integers(0, 12)) == 0:
            lines.append(line)
    for _ in range(draw(st.integers(0, 3))):
        i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    if draw(st.booleans()):
        lines.insert(0, f"本年共{draw(st.sampled_from(ROWS)).name}5件")
    return lines


@settings(max_examples=300, deadline=None)
@given(tables().filter(bool), st.data())
def test_same_anchors_as_searching_anew(lines, data) -> None:
    text = Text([Line(t, Source(line=i)) for i, t in enumerate(lines, start=1)])
    start = data.draw(st.integers(0, len(text) // 2))
    assert anchor_sequence(text, LABELS, start, len(text)) == _anchor_sequence_anew(text, LABELS, start, len(text))
