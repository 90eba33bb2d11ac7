"""Recovering cell boundaries in flattened table rows.

Web captures and PDF text run a row's cells together (“230000023” is 23|0|0|0|0|0|23). Whitespace, tabs,
pipes and signs are boundaries we can see; inside a digit run the boundaries are found by enumerating the
splits that obey the rules we know: no leading zero in a multi-digit cell, a sum rule per group of cells
(table 三: 总计 = the six applicant cells; table 四: 总计 = the four results). The enumeration is capped, so a
pathological row costs bounded time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from .._format import CellKind
from .._frozen import quick_init
from .._model import Number

#: Longest integer part accepted for one cell (a trillion is far beyond any count in a report).
MAX_DIGITS = 12
#: Longest cell of tables 三 and 四 (no agency handles ten million applications or appeals a year);
#: the tighter bound keeps the enumeration of long runs of counts fast.
COUNT_DIGITS = 7
#: Default cap on the number of splits returned for one row.
SPLIT_CAP = 2000
#: Cap on recursion steps per enumeration: bounds time on long digit runs.
STEP_CAP = 100_000

_TOKEN = re.compile(
    r"(?P<num>[+\-]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?)(?:\s*(?P<unit>万元|元))?"
    r"|(?P<blank>[/／]|[\-—–－―‐]+|无)"
)
#: Characters that may appear in a row's value text (numbers, blanks, separators). A cell printed “无”
#: (none) is a blank too; the text folds it to “/” where it stands alone (see ``_anchors``), so a value
#: text holds it only there.
VALUE_CHARS = frozenset("0123456789.,，+＋-−/／—–－―‐| \t\r\n\u3000\xa0\u2009\u202f元万")
#: Full-width forms of the characters of numbers, folded before tokenizing.
_VALUE_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{"．": ".", "，": ",", "＋": "+", "－": "-", "−": "-", "／": "/", "\u3000": " "},
    }
)
#: A value text of ASCII digit runs and separators only, and one such run.
_PLAIN_ROW = re.compile(r"[0-9 \t|\n]*")
_SEPARATED_DIGITS = re.compile(r"[0-9\t|\n]*")
_DIGIT_RUN = re.compile(r"[0-9]+")
_VALUE_FOLDABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in _VALUE_FOLD) + "]")
_FIELD_SEP = re.compile(r"[\t|\n]")


@quick_init
@dataclass(frozen=True)
class Token:
    """A number or blank marker as printed; ``digits`` without sign or unit (may hold a decimal point)."""

    raw: str
    digits: str = ""
    sign: str = ""
    blank: bool = False
    atomic: bool = False  # printed with thousands separators: one cell, never split
    start: int = 0  # offset of the token in the full text
    field: int = 0  # index of the tab/pipe/line field it stands in


@quick_init
@dataclass(frozen=True)
class Piece:
    """One cell of a split: its value (None = blank) and the token it came from."""

    value: Number | None
    token: int


def tokenize(value_text: str, offset: int = 0) -> tuple[list[Token], list[list[int]]]:
    """Tokens of a value text and the fields (tab/pipe/newline separated) as lists of token indexes.

    The first field is dropped when empty (the separator right after the label), trailing empty fields too.
    """
    if value_text.isascii() and value_text.isdigit():  # a digit run alone (“0000000”): one token
        return [Token(value_text, value_text, "", False, False, offset, 0)], [[0]]
    if _SEPARATED_DIGITS.fullmatch(value_text):  # a grid row: at most one digit run a field
        return _separated_digits(value_text, offset)
    plain = _PLAIN_ROW.fullmatch(value_text) is not None  # digit runs between separators: a grid row's cells
    if not plain and _VALUE_FOLDABLE.search(value_text):
        value_text = value_text.translate(_VALUE_FOLD)
    tokens: list[Token] = []
    fields: list[list[int]] = [[]]
    seps = [m.start() for m in _FIELD_SEP.finditer(value_text)]  # separators inside a token (“5\t元”) count not
    si, n_seps = 0, len(seps)
    for m in (_DIGIT_RUN if plain else _TOKEN).finditer(value_text):
        start, end = m.span()
        while si < n_seps and seps[si] < end:
            if seps[si] < start:
                fields.append([])
            si += 1
        field = len(fields) - 1
        if plain:  # what _TOKEN reads in such a text: each digit run a count, no sign, unit or separator
            digits = m.group()
            fields[-1].append(len(tokens))
            tokens.append(Token(digits, digits, "", False, False, offset + start, field))
            continue
        num, _, blank = m.groups()
        if blank:
            tok = Token(blank, "", "", True, False, offset + start, field)
        else:
            sign = num[0] if num[0] in "+-" else ""
            body = num[1:] if sign else num
            atomic = "," in body
            digits = body.replace(",", "") if atomic else body
            tok = Token(m.group().strip(), digits, sign, False, atomic, offset + start, field)
        fields[-1].append(len(tokens))
        tokens.append(tok)
    fields.extend([] for _ in range(n_seps - si))
    return tokens, _trimmed(fields)


def _separated_digits(value_text: str, offset: int) -> tuple[list[Token], list[list[int]]]:
    """tokenize for a text of ASCII digit runs and tab/pipe/newline separators only: each field one run or none."""
    tokens: list[Token] = []
    fields: list[list[int]] = []
    pos = offset
    for j, piece in enumerate(value_text.replace("\n", "\t").replace("|", "\t").split("\t")):
        if piece:
            fields.append([len(tokens)])
            tokens.append(Token(piece, piece, "", False, False, pos, j))
        else:
            fields.append([])
        pos += len(piece) + 1
    return tokens, _trimmed(fields)


def _trimmed(fields: list[list[int]]) -> list[list[int]]:
    """The fields without an empty first one (the separator right after the label) and empty last ones."""
    if fields and not fields[0]:
        fields = fields[1:]
    while fields and not fields[-1]:
        fields.pop()
    return fields


def parse_cell(text: str, sign: str, kind: CellKind) -> Number | bool | None:
    """The value of one cell's text, or False when the text cannot be a cell of ``kind``."""
    if not text:
        return False
    if not sign and (kind is _COUNT or kind is _SIGNED) and text.isascii() and text.isdigit():
        if len(text) > MAX_DIGITS or (len(text) > 1 and text[0] == "0"):  # the common case: plain digits
            return False
        return int(text)
    intpart, dot, frac = text.partition(".")
    if not intpart or len(intpart) > MAX_DIGITS or (len(intpart) > 1 and intpart[0] == "0"):
        return False
    if dot and kind not in (CellKind.MONEY_WAN, CellKind.AMOUNT) and frac and not frac.strip("0"):
        dot = ""  # a count printed as an amount (“0.00”, “12.0”): the whole number it is
    if dot:
        if kind not in (CellKind.MONEY_WAN, CellKind.AMOUNT) or not frac or sign:
            return False
        try:
            return Decimal(text)
        except InvalidOperation:
            return False
    if sign and kind is not CellKind.SIGNED:
        return False
    value = int(intpart)
    if kind in (CellKind.MONEY_WAN, CellKind.AMOUNT):
        return Decimal(value)
    return -value if sign == "-" else value


#: One cell printed on its own: a number (thousands grouped by commas) and maybe its unit.
_FIELD = re.compile(
    r"(?P<sign>[+\-]?)(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?\s*(?P<unit>万元|元|万|[个项件笔条次家])?"
)
_MONEY_UNITS = ("万元", "元", "万")


def field_value(printed: str, kind: CellKind, max_len: int = MAX_DIGITS) -> Number | None:
    """The value of a cell printed on its own (“1,234”, “27.77万元”, “-3”, “12件”) as a cell of ``kind``.

    None when the text is no such value: a blank, a percentage, an estimate, a sign where the kind has
    none, a fraction in a count, a count word on an amount or a currency on a count, more than ``max_len``
    digits. A plus sign and leading zeros are harmless: a reader of the report sees the number.
    """
    text = printed.strip()
    if text.isascii() and text.isdigit():  # plain digits, the usual cell: what the pattern below reads of them
        if len(text) > max_len:
            return None
        value = parse_cell(str(int(text)), "", kind)
        return None if value is False or value is None else value
    if _VALUE_FOLDABLE.search(text):
        text = text.translate(_VALUE_FOLD)
    m = _FIELD.fullmatch(text)
    if m is None:
        return None
    sign, whole, frac, unit = m.group("sign", "whole", "frac", "unit")
    money = kind in (CellKind.MONEY_WAN, CellKind.AMOUNT)
    if unit and (unit in _MONEY_UNITS) != money:
        return None
    whole = whole.replace(",", "")
    if len(whole) > max_len:
        return None
    value = parse_cell(str(int(whole)) + (frac or ""), sign if kind is CellKind.SIGNED else sign.strip("+"), kind)
    return None if value is False or value is None else value


_COUNT, _SIGNED = CellKind.COUNT, CellKind.SIGNED


class _Budget:
    def __init__(self, steps: int) -> None:
        self.left = steps
        self.exhausted = False

    def spend(self) -> bool:
        self.left -= 1
        if self.left < 0:
            self.exhausted = True
        return not self.exhausted


def _cut_points(tok: Token, at: int, max_len: int = MAX_DIGITS) -> Iterator[int]:
    """End offsets (within ``tok.digits``) of a cell starting at ``at``, shortest first.

    A decimal fraction is never split off: the cell that reaches the point takes the whole fraction.
    """
    s = tok.digits
    if tok.atomic:
        if at == 0:
            yield len(s)
        return
    dot = s.find(".")
    stop = dot if dot >= 0 else len(s)
    if at >= stop:
        return
    last = stop if s[at] != "0" else at + 1
    for end in range(at + 1, min(last, at + max_len) + 1):
        yield len(s) if end == stop else end


def _capacity(tokens: Sequence[Token]) -> list[int]:
    """suffix[i] = most cells tokens[i:] can hold."""
    out = [0] * (len(tokens) + 1)
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        cap = 1 if tok.blank or tok.atomic else len(tok.digits.split(".")[0])
        out[i] = out[i + 1] + max(cap, 1)
    return out


def split_cells(
    tokens: Sequence[Token],
    kinds: Sequence[CellKind],
    groups: Sequence[tuple[int, int]] = (),
    *,
    cap: int = SPLIT_CAP,
    max_len: int = MAX_DIGITS,
) -> tuple[list[tuple[Piece, ...]], bool]:
    """All ways to read ``tokens`` as ``len(kinds)`` cells obeying the sum ``groups``.

    A group ``(a, b)`` demands cell[b-1] == sum(cell[a:b-1]) (vacuous when one of them is blank).
    Returns the splits and whether the enumeration was cut short by a cap.
    """
    n = len(kinds)
    if not tokens or n == 0:
        return [], False
    if cap > 0:
        room = _capacity(tokens)[0]
        if room < n:  # fewer digits than cells: no split at all
            return [], False
        if room == n and all(t.blank or (not t.atomic and "." not in t.digits) for t in tokens):
            forced = _forced(tokens, kinds, groups)
            return forced, len(forced) >= cap  # a cap of one split counts as reached, as in the enumeration
    return enumerate_splits(tokens, kinds, groups, cap=cap, max_len=max_len)


def enumerate_splits(
    tokens: Sequence[Token],
    kinds: Sequence[CellKind],
    groups: Sequence[tuple[int, int]] = (),
    *,
    cap: int = SPLIT_CAP,
    max_len: int = MAX_DIGITS,
) -> tuple[list[tuple[Piece, ...]], bool]:
    """:func:`split_cells` by the general enumeration, without its shortcuts (the tests compare the two)."""
    n = len(kinds)
    budget = _Budget(STEP_CAP)
    results: list[tuple[Piece, ...]] = []
    if not tokens or n == 0:
        return results, False
    final = groups[-1] if groups and groups[-1][1] == n else None
    last = tokens[-1]
    if final is not None and not last.blank and not last.atomic and "." not in last.digits and not last.sign:
        a, b = final
        # enumerate the final total first: it is a suffix of the last token, and bounds every addend
        s = last.digits
        for t in range(1, min(len(s), max_len) + 1):
            total_text = s[len(s) - t :]
            total = parse_cell(total_text, "", kinds[b - 1])
            if total is False:
                continue
            head = s[: len(s) - t]
            prefix = list(tokens[:-1])
            if head:
                prefix.append(replace(last, digits=head))
            piece = Piece(total, len(tokens) - 1)
            rest = cap - len(results)
            for found in _forward(prefix, kinds[: n - 1], groups[:-1], (a, total), budget, rest, max_len):
                results.append((*found, piece))
            if len(results) >= cap or budget.exhausted:
                break
    else:
        results.extend(_forward(list(tokens), kinds, groups, None, budget, cap, max_len))
    return results, budget.exhausted or len(results) >= cap


def _forced(
    tokens: Sequence[Token], kinds: Sequence[CellKind], groups: Sequence[tuple[int, int]]
) -> list[tuple[Piece, ...]]:
    """The one split of tokens with exactly as many digits (and blanks) as cells: every digit a cell.

    Most rows of a web capture are such runs (“0000000”, “1000001”); the enumeration would find the same
    split after trying every longer cell in vain. The split is returned when it obeys the rules the
    enumeration applies, in the same way (the final total taken from the last digit, addends bounded by it),
    else nothing. Tokens are blanks and plain digit runs (no decimal point, no thousands separators).
    """
    n = len(kinds)
    last = len(tokens) - 1
    final = groups[-1] if groups and groups[-1][1] == n else None
    bounded = final is not None and not tokens[last].blank and not tokens[last].sign
    group_end = {b - 1: a for a, b in (groups[:-1] if bounded else groups)}
    first, total = 0, None
    if bounded:
        first = final[0]  # type: ignore[index]
        total = parse_cell(tokens[last].digits[-1], "", kinds[n - 1])
        if total is False:
            return []
    cells: list[Piece] = []
    for ti, tok in enumerate(tokens):
        if tok.blank:
            cells.append(Piece(None, ti))
            continue
        for ci, digit in enumerate(tok.digits):
            k = len(cells)
            if bounded and k == n - 1:
                addends = [p.value for p in cells[first:]]
                if None not in addends and sum(addends) != total:  # type: ignore[arg-type]
                    return []
                return [(*cells, Piece(total, last))]  # type: ignore[arg-type]
            if k in group_end:
                addends = [p.value for p in cells[group_end[k] :]]
                if None not in addends and digit != str(sum(addends)):  # type: ignore[arg-type]
                    return []
            value = parse_cell(digit, tok.sign if ci == 0 else "", kinds[k])
            if value is False:
                return []
            if bounded and k >= first:
                known = sum(p.value for p in cells[first:] if p.value is not None)
                if known + value > total:  # type: ignore[operator]
                    return []
            cells.append(Piece(value, ti))
    return [tuple(cells)]


def _forward(
    tokens: list[Token],
    kinds: Sequence[CellKind],
    groups: Sequence[tuple[int, int]],
    bound: tuple[int, Number | None] | None,
    budget: _Budget,
    cap: int,
    max_len: int = MAX_DIGITS,
) -> Iterator[tuple[Piece, ...]]:
    """Left-to-right enumeration; ``bound`` = (first index, total) of trailing cells that must sum to total."""
    n = len(kinds)
    if cap <= 0:
        return
    capacity = _capacity(tokens)
    group_end = {b - 1: a for a, b in groups}
    produced = 0
    cells: list[Piece] = []

    def addends_ok(a: int) -> tuple[bool, int | Decimal | None]:
        vals = [p.value for p in cells[a:]]
        if any(v is None for v in vals):
            return False, None
        return True, sum(vals)  # type: ignore[arg-type]

    def rec(ti: int, ci: int) -> Iterator[tuple[Piece, ...]]:
        nonlocal produced
        if not budget.spend() or produced >= cap:
            return
        k = len(cells)
        if k == n:
            if ti == len(tokens):
                if bound is not None:
                    a, total = bound
                    known, s = addends_ok(a)
                    if known and total is not None and s != total:
                        return
                produced += 1
                yield tuple(cells)
            return
        if ti >= len(tokens):
            return
        remaining = n - k
        # each remaining token needs a cell; cells cannot outnumber the digits left
        tokens_left = len(tokens) - ti
        if remaining < tokens_left or remaining > capacity[ti] - (ci if ci else 0):
            return
        tok = tokens[ti]
        kind = kinds[k]
        if tok.blank:
            cells.append(Piece(None, ti))
            yield from rec(ti + 1, 0)
            cells.pop()
            return
        target: str | None = None
        if k in group_end:
            known, s = addends_ok(group_end[k])
            if known:
                target = str(s)
        for end in _cut_points(tok, ci, max_len):
            text = tok.digits[ci:end]
            if target is not None and text != target:
                continue
            value = parse_cell(text, tok.sign if ci == 0 else "", kind)
            if value is False:
                continue
            if bound is not None and bound[1] is not None and k >= bound[0] and value is not None:
                a, total = bound
                known_sum = sum(p.value for p in cells[a:] if p.value is not None)
                if known_sum + value > total:  # type: ignore[operator]
                    break  # longer cells are larger still
            cells.append(Piece(value, ti))
            if end == len(tok.digits):
                yield from rec(ti + 1, 0)
            else:
                yield from rec(ti, end)
            cells.pop()
            if produced >= cap or budget.exhausted:
                return

    yield from rec(0, 0)
