"""Frozen dataclasses that are cheap to make: the readers make a few thousand of them per report.

The ``__init__`` that ``dataclass(frozen=True)`` generates sets each field through ``object.__setattr__``
(the class's own ``__setattr__`` refuses), which costs three times what filling the instance's ``__dict__``
costs. :func:`quick_init` gives a class the second kind: same parameters, defaults and order, and the
instances stay what they were (frozen, equal and hashable by their fields).
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

_Class = TypeVar("_Class", bound=type)


def quick_init(cls: _Class) -> _Class:
    """Replace the generated ``__init__`` of the frozen dataclass ``cls`` with one that fills ``__dict__``.

    Only for plain frozen dataclasses: no slots, no ``__post_init__``, no default factories, no
    keyword-only or init-less fields (anything else is refused, not silently changed).
    """
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" in vars(cls) or hasattr(cls, "__post_init__"):
        raise TypeError(f"quick_init: {cls.__name__} is not a plain frozen dataclass")
    fields = dataclasses.fields(cls)
    defaults: dict[str, object] = {}
    args: list[str] = []
    for f in fields:
        if f.default_factory is not dataclasses.MISSING or f.kw_only or not f.init:
            raise TypeError(f"quick_init: field {cls.__name__}.{f.name} needs the generated __init__")
        if f.default is dataclasses.MISSING:
            args.append(f.name)
        else:
            defaults[f"_default_{f.name}"] = f.default
            args.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"    _qi_dict[{f.name!r}] = {f.name}\n" for f in fields)
    source = f"def __init__(_qi_self, {', '.join(args)}):\n    _qi_dict = _qi_self.__dict__\n{body}"
    namespace = dict(defaults)
    exec(source, namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init  # type: ignore[misc]
    return cls
