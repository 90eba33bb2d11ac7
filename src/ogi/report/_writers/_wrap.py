"""CJK line breaking, shared by the PDF writer (which sets the lines) and the DOCX writer (which
counts them to know where Word and LibreOffice will break its pages).

Text is broken between CJK characters and between Latin/digit words, never inside a number, and
with the 禁则 of Chinese typesetting: a closing mark (“，。）》”…) never starts a line, an opening
mark (“（《”…) never ends one. How wide a token is, is the caller's to say (``measure``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

NO_LINE_START = frozenset("，。、；：？！）》」』”’…%·．,.;:?!)]}")
NO_LINE_END = frozenset("（《「『“‘([{")
#: Tokens: a Latin/digit word, a run of spaces, or any other single character.
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%+\-/@_]*|\s+|.", re.S)

#: Width of a token at a font size, in points.
Measure = Callable[[str, float], float]


def wrap(
    text: str, width: float, size: float, *, first: float | None = None, measure: Measure, hang: bool = False
) -> list[list[str]]:
    """``text`` broken into lines of tokens (CJK characters, Latin/digit words) no wider than ``width``
    (the first line no wider than ``first`` when given: the indented line of a paragraph).

    禁则 (line-breaking rules): a closing mark (“，。）》”…) never starts a line — the character before
    it moves down with it (or, with ``hang``, it hangs past the line's end, as Word and LibreOffice let
    one do) — and an opening mark (“（《”…) never ends one.
    """
    lines: list[list[str]] = []
    full = width
    width = full if first is None else first
    line: list[str] = []
    used = 0.0
    for token in WORD.findall(text):
        if token.isspace():
            if line:
                line.append(" ")
                used += measure(" ", size)
            continue
        w = measure(token, size)
        if line and used + w > width + 0.01 and hang and token in NO_LINE_START and line[-1] not in NO_LINE_START:
            line.append(token)  # hangs past the line's end, which it ends
            used = width + w
            continue
        if line and used + w > width + 0.01:
            carry: list[str] = []
            if token[0] in NO_LINE_START and len(line) > 1:
                carry = [line.pop()]
                while len(line) > 1 and carry[0][0] in NO_LINE_START:  # “。”” : move the pair down
                    carry.insert(0, line.pop())
            while len(line) > 1 and line[-1] in NO_LINE_END:
                carry.insert(0, line.pop())
            while line and line[-1] == " ":
                line.pop()
            lines.append(line)
            width = full
            line = carry
            used = sum(measure(t, size) for t in line)
        if not line and w > width:  # a word wider than the line: break it by character
            for ch in token:
                cw = measure(ch, size)
                if line and used + cw > width:
                    lines.append(line)
                    width = full
                    line, used = [], 0.0
                line.append(ch)
                used += cw
            continue
        line.append(token)
        used += w
    if line:
        lines.append(line)
    return lines
