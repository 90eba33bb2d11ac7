"""JSON Schema of the interchange form, derived from the format definition.

``report.schema.json`` beside this module is this function's output, written by
``python -m ogi.report._schema``; a test keeps the two equal.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ._format import T3_ALL_ROWS, T4_CELL_CODES, FormatVersion, table2_cell_codes

_NUMBER = {"type": ["number", "null"]}
_COUNT = {"type": ["integer", "null"]}


def json_schema() -> dict[str, Any]:
    t2_codes = sorted({c for v in FormatVersion for c in table2_cell_codes(v)})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://ogi.example/schema/report.schema.json",
        "title": "政府信息公开工作年度报告（交换格式）",
        "type": "object",
        "required": ["format", "table2", "table3", "table4"],
        "properties": {
            "agency": {"type": ["string", "null"]},
            "year": {"type": ["integer", "null"]},
            "format": {"enum": [v.value for v in FormatVersion]},
            "title": {"type": "string"},
            "published": {"type": "string", "format": "date"},
            "table2": {
                "type": "object",
                "propertyNames": {"enum": t2_codes},
                "additionalProperties": _NUMBER,
            },
            "table3": {
                "type": "object",
                "propertyNames": {"enum": list(T3_ALL_ROWS)},
                "additionalProperties": {"type": "array", "items": _COUNT, "minItems": 7, "maxItems": 7},
            },
            "table4": {
                "type": "object",
                "propertyNames": {"enum": list(T4_CELL_CODES)},
                "additionalProperties": _COUNT,
            },
            "sections": {
                "type": "object",
                "propertyNames": {"enum": ["1", "2", "3", "4", "5", "6"]},
                "additionalProperties": {"type": "string"},
            },
            "complete": {"type": "boolean", "description": "false: a table or row is missing (see missing)"},
            "missing": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["part"],
                    "properties": {
                        "part": {"type": "string", "description": "table2, table3, table4 or table3.<row>"},
                        "label": {"type": "string"},
                        "reason": {"type": "string"},
                        "where": {"type": "string"},
                    },
                },
            },
            "ambiguous": {"type": "array", "items": {"type": "string"}},
            "candidates": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "number"}},
            },
        },
    }


def write_schema(path: Path | None = None) -> Path:
    target = path or Path(__file__).with_name("report.schema.json")
    target.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    print(write_schema())
