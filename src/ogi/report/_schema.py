"""JSON Schema of the interchange form, derived from the format definition.

``report.schema.json`` beside this module is this function's output, written by
``python -m ogi.report._schema``; a test keeps the two equal.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ._format import T3_ALL_ROWS, T4_CELL_CODES, FormatVersion, table2_cell_codes

#: Bounds no real report comes near; they keep absurd values (10**30, 1e999) out of the model.
MAX_COUNT = 10**12
MAX_AMOUNT = 10**15
_NUMBER = {"type": ["number", "null"], "minimum": -MAX_AMOUNT, "maximum": MAX_AMOUNT}
_COUNT = {"type": ["integer", "null"], "minimum": 0, "maximum": MAX_COUNT}


def json_schema() -> dict[str, Any]:
    t2_codes = sorted({c for v in FormatVersion for c in table2_cell_codes(v)})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://ogi.example/schema/report.schema.json",
        "title": "政府信息公开工作年度报告（交换格式）",
        "type": "object",
        "required": ["format", "table2", "table3", "table4"],
        "properties": {
            "agency": {"type": ["string", "null"], "maxLength": 200},
            "year": {"type": ["integer", "null"], "minimum": 2000, "maximum": 2100},
            "format": {"enum": [v.value for v in FormatVersion]},
            "title": {"type": "string"},
            "published": {"type": "string", "format": "date"},
            "preamble": {
                "description": "开头段落（本报告由…编制、统计期限、联系方式），text 为印出的文字，其余为从中读出的信息",
                "oneOf": [
                    {"type": "string"},
                    {
                        "type": "object",
                        "required": ["text"],
                        "properties": {
                            "text": {"type": "string"},
                            "period_start": {"type": "string", "format": "date"},
                            "period_end": {"type": "string", "format": "date"},
                            "address": {"type": "string"},
                            "postcode": {"type": "string"},
                            "telephone": {"type": "string"},
                            "email": {"type": "string"},
                        },
                        "additionalProperties": False,
                    },
                ],
            },
            "signoff": {
                "description": "落款：发文机关署名与成文日期",
                "type": "object",
                "properties": {
                    "agency": {"type": "string"},
                    "date": {"type": "string", "format": "date"},
                },
                "additionalProperties": False,
            },
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
            "slashed": {
                "description": "印作“/”（或“-”“无”）的单元格路径；其余为 null 的单元格是空白（未填写）",
                "type": "array",
                "items": {"type": "string"},
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
            "printed": {
                "description": "无法确定的单元格在原文中印出的文字（如连在一起的数字“77132470”）",
                "type": "object",
                "additionalProperties": {"type": "string"},
            },
        },
    }


def write_schema(path: Path | None = None) -> Path:
    target = path or Path(__file__).with_name("report.schema.json")
    target.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    print(write_schema())
