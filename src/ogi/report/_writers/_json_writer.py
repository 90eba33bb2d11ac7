"""JSON writer: the interchange form of report-json.md."""

from __future__ import annotations

from .._json import dumps
from .._model import Report
from . import register


@register("json")
def write_json(report: Report) -> bytes:
    return (dumps(report) + "\n").encode("utf-8")
