"""Reads the JSON interchange form (what ``ogi parse --to json`` writes)."""

from __future__ import annotations

from .._errors import JSONFormatError, ReadError
from .._json import loads
from .._model import Report
from . import register


@register("json")
def read_json(data: bytes, file: str) -> Report:
    try:
        return loads(data.decode("utf-8-sig"), source=file)
    except (UnicodeDecodeError, JSONFormatError) as exc:
        raise ReadError(file, f"不是有效的报告 JSON：{exc}") from exc
