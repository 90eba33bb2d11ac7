"""The text of an HTML element as the reader takes it: libxml2's text serialisation, the same as itertext."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report._readers._html import _PARSER, _text, etree

_TAGS = ("td", "span", "p", "b", "br", "div", "font", "sup", "table", "tr", "script", "style")
_WORDS = ("12", " ", "予以公开", "&amp;", "&nbsp;", "\u3000", "<!-- c -->", "<?pi x?>", "/", "&#12354;", "\n", "a<b")


@st.composite
def fragments(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(st.sampled_from(_TAGS))
            parts.append(f"<{tag}>{draw(fragments(depth + 1))}</{tag}>")
        else:
            parts.append(draw(st.sampled_from(_WORDS)))
    return "".join(parts)


@settings(max_examples=500, deadline=None)
@given(fragments(), fragments())
def test_element_text_is_the_joined_itertext(inner, tail) -> None:
    root = etree.fromstring(f"<html><body><table><tr><td>{inner}</td></tr></table>{tail}</body></html>", _PARSER)
    for element in root.iter():
        if isinstance(element.tag, str):
            assert _text(element) == "".join(element.itertext())
            if len(element) == 0:  # table_grid's shortcut for a cell without children
                assert (element.text or "") == "".join(element.itertext())
