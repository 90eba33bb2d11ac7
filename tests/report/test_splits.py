"""The digit splitter's shortcuts give exactly what its general enumeration gives.

``split_cells`` answers the common rows of a web capture (as many digits as cells: “0000000”, “1000001”;
fewer digits than cells) without enumerating; these properties hold it to ``enumerate_splits`` on random
rows, sums that hold and sums that do not, blanks, signs, decimals and thousands separators.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ogi.report._format import CellKind
from ogi.report._readers._splits import (
    _FIELD,
    _FIELD_SEP,
    _TOKEN,
    _VALUE_FOLD,
    MAX_DIGITS,
    enumerate_splits,
    field_value,
    parse_cell,
    split_cells,
    tokenize,
)

#: Row shapes of the tables: table 三 (7 cells, one total), table 四 (15 cells, three totals), table 二.
SHAPES = [
    (7, ((0, 7),)),
    (15, ((0, 5), (5, 10), (10, 15))),
    (5, ((0, 3),)),
    (3, ()),
    (4, ()),
]
KINDS = [CellKind.COUNT, CellKind.SIGNED, CellKind.MONEY_WAN]


def _same(value_text: str, n: int, groups, kind: CellKind, cap: int = 2000) -> None:
    tokens, _ = tokenize(value_text)
    kinds = [kind] * n
    fast = split_cells(tokens, kinds, groups, cap=cap, max_len=7)
    slow = enumerate_splits(tokens, kinds, groups, cap=cap, max_len=7)
    assert fast == slow, value_text


@st.composite
def rows(draw) -> tuple[str, int, tuple]:
    """A row printed as its cells' values run together or spaced, mostly one digit a cell."""
    n, groups = draw(st.sampled_from(SHAPES))
    values = draw(st.lists(st.integers(0, 9) | st.integers(0, 120), min_size=n, max_size=n))
    if groups and draw(st.booleans()):  # make the sums hold
        for a, b in groups:
            values[b - 1] = sum(values[a : b - 1])
    printed = [str(v) for v in values]
    for i in draw(st.lists(st.integers(0, n - 1), max_size=2)):
        printed[i] = draw(st.sampled_from(["/", "-", "+3", "-2", "1.5", "1,234", ""]))
    seps = draw(st.lists(st.sampled_from(["", "", " ", "\t"]), min_size=n, max_size=n))
    return "".join(p + s for p, s in zip(printed, seps, strict=True)), n, groups


@settings(max_examples=1500, deadline=None)
@given(rows(), st.sampled_from(KINDS))
def test_shortcuts_agree_with_the_enumeration(row, kind) -> None:
    text, n, groups = row
    _same(text, n, groups, kind)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 /-+.,", max_size=20), st.sampled_from(SHAPES), st.sampled_from(KINDS))
def test_any_value_text_agrees(text, shape, kind) -> None:
    n, groups = shape
    _same(text, n, groups, kind)


def test_forced_rows() -> None:
    """Rows with one digit a cell: the sum decides, and the split is the digits in order."""
    count = [CellKind.COUNT] * 7
    tokens, _ = tokenize("1000001")
    splits, capped = split_cells(tokens, count, ((0, 7),))
    assert not capped and [[p.value for p in s] for s in splits] == [[1, 0, 0, 0, 0, 0, 1]]
    tokens, _ = tokenize("1000002")  # 1 ≠ 2: no split obeys the row rule
    assert split_cells(tokens, count, ((0, 7),)) == ([], False)
    tokens, _ = tokenize("0 0 0 0 0 00")
    splits, _ = split_cells(tokens, count, ((0, 7),))
    assert [p.token for p in splits[0]] == [0, 1, 2, 3, 4, 5, 5]
    tokens, _ = tokenize("230000023")  # more digits than cells: enumerated
    splits, _ = split_cells(tokens, count, ((0, 7),))
    assert [p.value for p in splits[0]] == [23, 0, 0, 0, 0, 0, 23]
    for text in ("9", "1 2", ""):
        _same(text, 7, ((0, 7),), CellKind.COUNT)


def test_capped_enumeration_is_still_reported() -> None:
    tokens, _ = tokenize("0000000")
    assert split_cells(tokens, [CellKind.COUNT] * 7, ((0, 7),), cap=0) == ([], True)
    _same("1000001", 7, ((0, 7),), CellKind.COUNT, cap=1)


def _reference_tokenize(value_text: str) -> tuple[list[tuple], list[list[int]]]:
    """tokenize written plainly: fold everything, count the separators between consecutive tokens."""
    value_text = value_text.translate(_VALUE_FOLD)
    tokens: list[tuple] = []
    fields: list[list[int]] = [[]]
    pos = 0
    for m in _TOKEN.finditer(value_text):
        fields.extend([] for _ in _FIELD_SEP.finditer(value_text, pos, m.start()))
        pos = m.end()
        if m.group("blank"):
            tokens.append((m.group(0), "", "", True, False, m.start(), len(fields) - 1))
        else:
            num = m.group("num")
            sign = num[0] if num[0] in "+-" else ""
            body = num[len(sign) :]
            tokens.append(
                (m.group(0).strip(), body.replace(",", ""), sign, False, "," in body, m.start(), len(fields) - 1)
            )
        fields[-1].append(len(tokens) - 1)
    fields.extend([] for _ in _FIELD_SEP.finditer(value_text, pos))
    if fields and not fields[0]:
        fields = fields[1:]
    while fields and not fields[-1]:
        fields.pop()
    return tokens, fields


@settings(max_examples=2000, deadline=None)
@given(
    st.text(alphabet="0123456789 ,.+-/\t|\n元万无／－—０１．，＋\u3000a", max_size=30)
    | st.text("0129 \t|\n")
    | st.text("09\t|\n")
)
def test_tokenize_is_the_plain_reading(text) -> None:
    tokens, fields = tokenize(text)
    expected_tokens, expected_fields = _reference_tokenize(text)
    assert [(t.raw, t.digits, t.sign, t.blank, t.atomic, t.start, t.field) for t in tokens] == expected_tokens
    assert fields == expected_fields


def _parse_cell_plainly(text: str, sign: str, kind: CellKind):
    """parse_cell without its shortcut for plain digits."""
    if not text:
        return False
    intpart, dot, frac = text.partition(".")
    if not intpart or len(intpart) > MAX_DIGITS or (len(intpart) > 1 and intpart[0] == "0"):
        return False
    if dot and kind not in (CellKind.MONEY_WAN, CellKind.AMOUNT) and frac and not frac.strip("0"):
        dot = ""
    if dot:
        if kind not in (CellKind.MONEY_WAN, CellKind.AMOUNT) or not frac or sign:
            return False
        return Decimal(text)
    if sign and kind is not CellKind.SIGNED:
        return False
    value = int(intpart)
    if kind in (CellKind.MONEY_WAN, CellKind.AMOUNT):
        return Decimal(value)
    return -value if sign == "-" else value


@settings(max_examples=3000, deadline=None)
@given(
    st.text(alphabet="0123456789", max_size=14) | st.sampled_from(["0.00", "12.5", "٣", "00", "1.", ".5"]),
    st.sampled_from(["", "+", "-"]),
    st.sampled_from(list(CellKind)),
)
def test_parse_cell_shortcut(text, sign, kind) -> None:
    value = parse_cell(text, sign, kind)
    expected = _parse_cell_plainly(text, sign, kind)
    assert value == expected and type(value) is type(expected)


def _field_value_plainly(printed: str, kind: CellKind, max_len: int = MAX_DIGITS):
    """field_value without its shortcuts (plain digits, no fold when nothing folds)."""
    m = _FIELD.fullmatch(printed.strip().translate(_VALUE_FOLD))
    if m is None:
        return None
    sign, whole, frac, unit = m.group("sign", "whole", "frac", "unit")
    money = kind in (CellKind.MONEY_WAN, CellKind.AMOUNT)
    if unit and (unit in ("万元", "元", "万")) != money:
        return None
    whole = whole.replace(",", "")
    if len(whole) > max_len:
        return None
    value = parse_cell(str(int(whole)) + (frac or ""), sign if kind is CellKind.SIGNED else sign.strip("+"), kind)
    return None if value is False or value is None else value


@settings(max_examples=3000, deadline=None)
@given(
    st.text(alphabet="0123456789", max_size=14) | st.text(alphabet="0129 +-.,万元件％%／/０１．", max_size=10),
    st.sampled_from(list(CellKind)),
    st.sampled_from([7, 12]),
)
def test_field_value_shortcuts(printed, kind, max_len) -> None:
    value = field_value(printed, kind, max_len)
    expected = _field_value_plainly(printed, kind, max_len)
    assert value == expected and type(value) is type(expected)
