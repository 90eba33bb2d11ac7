"""The JSON interchange form of a report (shared/reference/report-json.md), both directions.

Cell values are JSON numbers or null. Ambiguous cells (several readings fit) are null in the tables and
listed, with their candidate readings, under ``ambiguous``. Keys this module does not know (the corpus's
``notes``, ``source_checks``) are ignored on input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

from ._errors import JSONFormatError
from ._format import T3_ALL_ROWS, T3_COLUMN_CODES, FormatVersion
from ._model import Cell, MissingPart, Number, Preamble, Report, SignOff, Source
from ._preamble import parse_preamble

#: The facts of the opening paragraph, in the order the JSON lists them (dates as ISO strings).
_PREAMBLE_FACTS = ("period_start", "period_end", "address", "postcode", "telephone", "email")


def _number_out(value: Number | None) -> int | float | None:
    if value is None or isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _number_in(value: Any, where: str) -> Number | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise JSONFormatError(f"{where}：应为数字或 null，实为 {value!r}")
    if isinstance(value, int):
        return value
    try:
        dec = Decimal(str(value))
    except ArithmeticError as exc:
        raise JSONFormatError(f"{where}：无法识别的数字 {value!r}") from exc
    return int(dec) if dec == dec.to_integral_value() and not isinstance(value, str) else dec


def to_dict(report: Report, *, include_sections: bool = True) -> dict[str, Any]:
    """The report as a JSON-ready dict in the interchange form."""
    out: dict[str, Any] = {
        "agency": report.agency,
        "year": report.year,
        "format": report.format.value,
    }
    if report.title:
        out["title"] = report.title
    if report.published:
        out["published"] = report.published.isoformat()
    if report.preamble:
        out["preamble"] = _preamble_out(report.preamble)
    if report.signoff:
        out["signoff"] = _signoff_out(report.signoff)
    out["table2"] = {code: _number_out(c.value) for code, c in report.table2.items()}
    out["table3"] = {
        row.code: [_number_out(c.value) for c in report.table3[row.code]]
        for row in report.table3_rows
        if row.code in report.table3
    }
    out["table4"] = {code: _number_out(c.value) for code, c in report.table4.items()}
    if include_sections and report.sections:
        out["sections"] = dict(sorted(report.sections.items()))
    slashed = [path for path, c in report.iter_cells() if c.slashed]
    if slashed:
        out["slashed"] = slashed
    if not report.complete:
        out["complete"] = False
        out["missing"] = [_missing_out(part) for part in report.missing]
    ambiguous = {path: [_number_out(v) for v in c.candidates] for path, c in report.iter_cells() if c.ambiguous}
    if ambiguous:
        out["ambiguous"] = list(ambiguous)
        out["candidates"] = ambiguous
        printed = {path: c.raw for path, c in report.iter_cells() if c.ambiguous and c.raw}
        if printed:
            out["printed"] = printed
    return out


def _missing_out(part: MissingPart) -> dict[str, str]:
    out = {"part": part.part, "label": part.label, "reason": part.reason}
    where = replace(part.source, file=None).describe() if part.source else ""
    if where:
        out["where"] = where
    return out


_WHERE_PART = re.compile(r"第(\d{1,9})(页|个表格|行|列)")
_WHERE_FIELD = {"页": "page", "个表格": "table", "行": "line", "列": "column"}


def _source_of(where: str) -> Source:
    """The ``Source`` whose description ``where`` is (“第3页 第9行”): the reverse of ``Source.describe``, so
    that a partial report read back from JSON still says where its missing parts were looked for."""
    fields: dict[str, int] = {}
    for number, unit in _WHERE_PART.findall(where):
        fields[_WHERE_FIELD[unit]] = int(number)
    if "table" in fields and "line" in fields:  # in a table, “第N行” is its row
        fields["row"] = fields.pop("line")
    return Source(raw=where, **fields)


def _missing_in(data: Mapping[str, Any]) -> tuple[MissingPart, ...]:
    """The ``missing`` list of a partial report (its ``where`` read back into a location)."""
    parts = data.get("missing") or []
    if not isinstance(parts, list):
        raise JSONFormatError("missing：应为数组")
    out = []
    for i, part in enumerate(parts):
        if not isinstance(part, Mapping) or not isinstance(part.get("part"), str):
            raise JSONFormatError(f"missing[{i}]：应为含 part 的对象")
        where = part.get("where")
        out.append(
            MissingPart(
                part["part"],
                str(part.get("label") or part["part"]),
                _source_of(str(where)) if where else None,
                str(part.get("reason") or "未找到"),
            )
        )
    return tuple(out)


def dumps(report: Report, *, indent: int | None = 1) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def from_dict(data: Mapping[str, Any], *, source: str | None = None) -> Report:
    """Read the interchange form; raises JSONFormatError naming the offending key."""
    if not isinstance(data, Mapping):
        raise JSONFormatError("报告 JSON 的顶层应为对象")
    try:
        version = FormatVersion(str(data.get("format")))
    except ValueError as exc:
        raise JSONFormatError(f'format：应为 "2019" 或 "2021"，实为 {data.get("format")!r}') from exc
    candidates = data.get("candidates") or {}
    slashed = set(data.get("slashed") or ())
    shown = data.get("printed") or {}

    def cell(path: str, raw: Any) -> Cell:
        value = _number_in(raw, path)
        cands = tuple(_number_in(v, path) for v in candidates.get(path, ()))  # type: ignore[misc]
        printed = "/" if value is None and path in slashed else shown.get(path) if cands else None
        return Cell(value=value, raw=printed, candidates=tuple(c for c in cands if c is not None))

    table2 = {code: cell(f"table2.{code}", v) for code, v in _mapping(data, "table2").items()}
    table4 = {code: cell(f"table4.{code}", v) for code, v in _mapping(data, "table4").items()}
    table3: dict[str, tuple[Cell, ...]] = {}
    for row, values in _mapping(data, "table3").items():
        if row not in T3_ALL_ROWS:
            raise JSONFormatError(f"table3：未知的行代码 {row!r}")
        if not isinstance(values, list) or len(values) != 7:
            raise JSONFormatError(f"table3.{row}：应为 7 个值的数组")
        table3[row] = tuple(cell(f"table3.{row}.{col}", v) for col, v in zip(T3_COLUMN_CODES, values, strict=True))
    published = data.get("published")
    year = data.get("year")
    if year is not None and not isinstance(year, int):
        raise JSONFormatError(f"year：应为整数，实为 {year!r}")
    sections = {str(k): str(v) for k, v in _mapping(data, "sections").items()}
    return Report(
        format=version,
        agency=data.get("agency"),
        year=year,
        title=data.get("title"),
        published=_date_in(published, "published"),
        preamble=_preamble_in(data.get("preamble")),
        signoff=_signoff_in(data.get("signoff")),
        table2=table2,
        table3=table3,
        table4=table4,
        sections=sections,
        source=source,
        missing=_missing_in(data),
    )


def _preamble_out(preamble: Preamble) -> dict[str, Any]:
    out: dict[str, Any] = {"text": preamble.text}
    for key in _PREAMBLE_FACTS:
        value = getattr(preamble, key)
        if value is not None:
            out[key] = value.isoformat() if isinstance(value, date) else value
    return out


def _signoff_out(signoff: SignOff) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if signoff.agency:
        out["agency"] = signoff.agency
    if signoff.date:
        out["date"] = signoff.date.isoformat()
    return out


def _date_in(value: Any, where: str) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise JSONFormatError(f"{where}：应为日期字符串（如 2024-03-08），实为 {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise JSONFormatError(f"{where}：不是有效的日期 {value!r}（应如 2024-03-08）") from exc


def _text_in(value: Any, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise JSONFormatError(f"{where}：应为字符串，实为 {value!r}")


def _preamble_in(value: Any) -> Preamble | None:
    """A string (the printed text) or an object with ``text`` and facts; facts not given come from the text."""
    if value is None:
        return None
    if isinstance(value, str):
        return parse_preamble(value) if value.strip() else None
    if not isinstance(value, Mapping):
        raise JSONFormatError(f"preamble：应为字符串或对象，实为 {value!r}")
    text = _text_in(value.get("text"), "preamble.text")
    if not text:
        raise JSONFormatError("preamble.text：缺少开头段落的文字")
    derived = parse_preamble(text)
    given: dict[str, Any] = {}
    for key in _PREAMBLE_FACTS:
        if key in value:
            where = f"preamble.{key}"
            given[key] = _date_in(value[key], where) if key.startswith("period") else _text_in(value[key], where)
    return Preamble(**{**derived.__dict__, **given})


def _signoff_in(value: Any) -> SignOff | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise JSONFormatError(f"signoff：应为对象，实为 {value!r}")
    agency = _text_in(value.get("agency"), "signoff.agency")
    when = _date_in(value.get("date"), "signoff.date")
    return SignOff(agency=agency or None, date=when) if agency or when else None


def loads(text: str, *, source: str | None = None) -> Report:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JSONFormatError(f"不是有效的 JSON：第{exc.lineno}行第{exc.colno}列有语法错误") from exc
    return from_dict(data, source=source)


def _mapping(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, Mapping):
        raise JSONFormatError(f"{key}：应为对象")
    return value


def published_schema() -> dict[str, Any]:
    """The JSON Schema shipped with the package (``report.schema.json``, generated by ``_schema``)."""
    text = resources.files("ogi.report").joinpath("report.schema.json").read_text(encoding="utf-8")
    return json.loads(text)
