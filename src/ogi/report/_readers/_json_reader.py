"""Reads the JSON interchange form (what ``ogi parse --to json`` writes), enforced against the shipped schema.

A report JSON comes from other programs and from people's editors, so nothing in it is trusted: the bytes
must be UTF-8 (or UTF-16/32, which JSON allows to be detected), numbers must be finite and of sane length,
nesting shallow, and the document must satisfy ``report.schema.json`` before the model is built from it.
Every refusal is one Chinese line naming the file and the key (“table3.granted[2]”).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import cache
from typing import Any

from .._errors import JSONFormatError, ReadError
from .._json import from_dict, published_schema
from .._model import Report
from . import register

#: Digits a JSON integer may have (a count of 10**12 has 13); Python refuses 4,300 digits in English.
MAX_DIGITS = 20
#: Nesting of the interchange form is three levels; a little slack for unknown keys.
MAX_DEPTH = 16

#: Chinese for the schema keywords a report JSON can break.
_KEYWORDS = {
    "type": "类型不对",
    "enum": "不是允许的值",
    "required": "缺少必需的键",
    "minItems": "值的个数不够",
    "maxItems": "值的个数过多",
    "minimum": "数值过小",
    "maximum": "数值过大",
    "maxLength": "文字过长",
    "format": "格式不对",
    "additionalProperties": "含有未知的键",
    "oneOf": "形式不对",
}
_TYPES = {"string": "字符串", "integer": "整数", "number": "数字", "null": "null", "object": "对象", "array": "数组"}


class _Unfit:
    """A number the parser would not turn into a value (``1e999``, 5,000 digits): kept as printed, so that
    the check afterwards can name its key."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _parse_int(text: str) -> int | _Unfit:
    digits = len(text.lstrip("-"))
    return _Unfit(f"整数位数过多（{digits} 位）") if digits > MAX_DIGITS else int(text)


def _parse_float(text: str) -> float | _Unfit:
    value = float(text)
    return value if math.isfinite(value) else _Unfit(f"数字 {text[:30]} 超出范围")


def _parse_constant(name: str) -> _Unfit:
    return _Unfit(f"{name} 不是有效的 JSON 数字")


def _decode(data: bytes, file: str) -> str:
    """UTF-8, or UTF-16/32 as JSON allows them to be detected; anything else (GBK) is named, not guessed."""
    encoding = json.detect_encoding(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(
            file, f"报告 JSON 应为 UTF-8 编码（第 {exc.start} 字节处不是 UTF-8，可能是 GBK），请另存为 UTF-8 后再读取"
        ) from exc


def _children(value: Any) -> Iterable[tuple[str | int, Any]]:
    if isinstance(value, dict):
        return value.items()
    return enumerate(value) if isinstance(value, list) else ()


def _unfit_value(document: Any, file: str) -> None:
    """Refuse deep nesting and absurd numbers, naming the key; iterative, so depth costs no recursion."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _Unfit):
            raise ReadError(file, f"不是有效的报告 JSON：{_key(path)}：{value.reason}")
        if len(path) > MAX_DEPTH:
            raise ReadError(file, f"不是有效的报告 JSON：{_key(path[:3])}：嵌套过深（超过 {MAX_DEPTH} 层）")
        stack.extend(((*path, k), v) for k, v in reversed(list(_children(value))))


def parse_json(data: bytes, file: str) -> Any:
    """The decoded JSON document; ReadError for bad encoding, syntax, absurd numbers or deep nesting."""
    text = _decode(data, file).removeprefix("\ufeff")
    try:
        document = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except json.JSONDecodeError as exc:
        raise ReadError(file, f"不是有效的 JSON：第{exc.lineno}行第{exc.colno}列有语法错误") from exc
    except RecursionError as exc:
        raise ReadError(file, f"不是有效的报告 JSON：嵌套过深（超过 {MAX_DEPTH} 层）") from exc
    _unfit_value(document, file)
    return document


@cache
def _validator() -> Any:
    import jsonschema  # imported only when a JSON report is read

    schema = published_schema()
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def _key(path: Iterable[Any]) -> str:
    """“table3.granted[2]”: the key as a user finds it in the file."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out or "（顶层）"


def _shown(value: Any) -> str:
    """The value as written in JSON, shortened to 40 characters; a string keeps its closing quote."""
    text = json.dumps(value, ensure_ascii=False)
    if len(text) <= 40:
        return text
    if isinstance(value, str):
        return json.dumps(value[:36] + "…", ensure_ascii=False)
    return text[:37] + "…"


def schema_problem(error: Any) -> str:
    """One Chinese line for a jsonschema ValidationError: the key, what is wrong, and the value."""
    key = _key(error.absolute_path)
    reason = _KEYWORDS.get(error.validator, "不符合报告 JSON 的格式")
    if error.validator == "required":
        missing = [k for k in error.validator_value if isinstance(error.instance, dict) and k not in error.instance]
        return f"{key}：{reason} {'、'.join(missing)}"
    if "propertyNames" in error.relative_schema_path:
        return f"{key}：未知的代码 {_shown(error.instance)}"
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"{key}：应为{'或'.join(_TYPES.get(t, t) for t in wanted)}，实为 {_shown(error.instance)}"
    if error.validator in ("minimum", "maximum"):
        bound = "不小于" if error.validator == "minimum" else "不大于"
        return f"{key}：{reason}（应{bound} {error.validator_value}），实为 {_shown(error.instance)}"
    if error.validator == "format":
        return f"{key}：{_shown(error.instance)} 不是有效的日期（应如 2024-03-08）"
    return f"{key}：{reason}，实为 {_shown(error.instance)}"


def validate(document: Any, file: str) -> None:
    """Raise ReadError naming the first key (in document order) that breaks the shipped schema."""
    import jsonschema

    errors = list(_validator().iter_errors(document))
    if errors:
        error = jsonschema.exceptions.best_match(errors)
        raise ReadError(file, f"报告 JSON 不符合格式：{schema_problem(error)}")


@register("json")
def read_json(data: bytes, file: str) -> Report:
    document = parse_json(data, file)
    validate(document, file)
    try:
        return from_dict(document, source=file)
    except JSONFormatError as exc:
        raise ReadError(file, f"不是有效的报告 JSON：{exc}") from exc
