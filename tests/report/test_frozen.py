"""quick_init: a frozen dataclass built by filling its ``__dict__`` is the same object as before."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from ogi.report._frozen import quick_init
from ogi.report._lines import Line
from ogi.report._model import Cell, Source
from ogi.report._readers._anchors import Label, Match
from ogi.report._readers._grid import SpanCell
from ogi.report._readers._rows import RowText
from ogi.report._readers._sections import Heading
from ogi.report._readers._short_rows import Vanished
from ogi.report._readers._splits import Piece, Token


@dataclass(frozen=True)
class Plain:
    a: int
    b: str = "x"
    c: tuple = ()


@quick_init
@dataclass(frozen=True)
class Quick:
    a: int
    b: str = "x"
    c: tuple = ()


def test_same_fields_defaults_and_order() -> None:
    for args, kwargs in (((1,), {}), ((1, "y"), {}), ((1,), {"c": (2,)}), ((), {"a": 3, "b": "z"})):
        assert vars(Quick(*args, **kwargs)) == vars(Plain(*args, **kwargs))
    assert Quick(1) == Quick(1, "x", ()) and hash(Quick(1)) == hash(Quick(1, "x"))
    assert Quick(1) != Quick(2)
    assert repr(Quick(1, "y")) == "Quick(a=1, b='y', c=())"
    assert dataclasses.replace(Quick(1), b="w") == Quick(1, "w")


def test_still_frozen_and_strict_about_arguments() -> None:
    q = Quick(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.a = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        Quick()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Quick(1, "x", (), 4)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Quick(1, d=2)  # type: ignore[call-arg]


def test_refuses_what_it_cannot_build_alike() -> None:
    @dataclass
    class Mutable:
        a: int

    @dataclass(frozen=True, slots=True)
    class Slotted:
        a: int

    @dataclass(frozen=True)
    class Factory:
        a: list = field(default_factory=list)

    @dataclass(frozen=True)
    class Post:
        a: int

        def __post_init__(self) -> None:
            pass

    for cls in (Mutable, Slotted, Factory, Post):
        with pytest.raises(TypeError):
            quick_init(cls)


def test_the_engine_classes_keep_their_fields() -> None:
    """Every class given the quick init builds the instance its fields describe (defaults included)."""
    for cls in (Source, Cell, Line, Token, Piece, Vanished, Match, Label, RowText, Heading, SpanCell):
        names = [f.name for f in dataclasses.fields(cls)]
        required = [f.name for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING]
        obj = cls(*(f"v{i}" for i in range(len(required))))
        assert list(vars(obj)) == names
        for f in dataclasses.fields(cls):
            expected = f"v{required.index(f.name)}" if f.name in required else f.default
            assert getattr(obj, f.name) == expected
    assert Vanished(None, -1, 5).implied == 5 and isinstance(Vanished(None, -1), Piece)
