"""The only code that changes the catalogue: publishing a record (with its 索引号) and a year's figures.

Each function checks permission (ogi.platform.policy), writes the audit entry and runs in one transaction.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ogi.platform import policy
from ogi.platform.agencies.models import Agency
from ogi.platform.audit.log import record as audit
from ogi.platform.casework.models import NumberSeries
from ogi.report import FormatVersion
from ogi.report.format import TABLE2

from .models import (
    Attachment,
    CatalogueSettings,
    LocalCategory,
    Record,
    YearFigures,
    figure_codes,
    figure_kind,
    parse_figure,
)


class CatalogueError(Exception):
    """Input the catalogue cannot take; the message is Chinese and names where."""


def _require(actor: Any, agency: Agency) -> None:
    if not policy.can_handle_report(actor, agency, "catalogue"):
        raise CatalogueError("您没有权限维护本机关的主动公开目录")


def settings_for(agency: Agency) -> CatalogueSettings:
    found, _ = CatalogueSettings.objects.get_or_create(agency=agency)
    return found


def next_index_number(agency: Agency, year: int, month: int) -> str:
    """The next 索引号 of the agency's template; the series is taken under a row lock (call inside a transaction)."""
    series, _ = NumberSeries.objects.select_for_update().get_or_create(agency=agency, series="catalogue", year=year)
    series.last += 1
    series.save(update_fields=["last"])
    return settings_for(agency).format_index(year, month, series.last)


def publish_record(
    agency: Agency, actor: Any, fields: Mapping[str, Any], attachments: Iterable[tuple[str, bytes, str]] = ()
) -> Record:
    """A new catalogue record: numbered, Art. 26-flagged, indexed for search, with its attachments."""
    _require(actor, agency)
    with transaction.atomic():
        record = Record(agency=agency, **fields)
        made = record.made_on
        record.index_number = next_index_number(agency, made.year, made.month)
        try:
            record.full_clean()
        except ValidationError as exc:
            raise CatalogueError("；".join(f"{m}" for ms in exc.message_dict.values() for m in ms)) from exc
        record.save()
        for name, content, content_type in attachments:
            Attachment.objects.create(record=record, name=name, content=content, content_type=content_type)
        audit(actor, "catalogue.create", target=record.index_number, agency=agency, late=record.late)
    return record


def add_local_category(agency: Agency, actor: Any, name: str) -> LocalCategory:
    _require(actor, agency)
    name = " ".join(name.split())
    if not name:
        raise CatalogueError("请填写类别名称")
    if len(name) > 60:
        raise CatalogueError("类别名称不能超过60个字")
    if LocalCategory.objects.filter(agency=agency, name=name).exists():
        raise CatalogueError(f"已有类别“{name}”")
    with transaction.atomic():
        category = LocalCategory.objects.create(agency=agency, name=name)
        audit(actor, "catalogue.category", target=name, agency=agency)
    return category


def save_figures(agency: Agency, year: int, actor: Any, cells: Mapping[str, Any]) -> YearFigures:
    """Store a year's table 二 figures after checking each one; unknown cells are refused."""
    _require(actor, agency)
    known = {code: version for version in (FormatVersion.V2021, FormatVersion.V2019) for code in figure_codes(version)}
    clean: dict[str, str] = {}
    for code, value in cells.items():
        if code not in known:
            raise CatalogueError(f"没有这一项：{code}")
        if value in (None, ""):
            continue
        try:
            clean[code] = str(parse_figure(figure_kind(known[code], code), value))
        except ValueError as exc:
            raise CatalogueError(f"{year}年 {_label(code)}：“{value}”{exc}") from None
    with transaction.atomic():
        figures, _ = YearFigures.objects.select_for_update().get_or_create(agency=agency, year=year)
        figures.cells = {**figures.cells, **clean}
        figures.save(update_fields=["cells"])
        audit(actor, "catalogue.figures", target=f"{year}年", agency=agency, cells=sorted(clean))
    return figures


def _label(code: str) -> str:
    row, _, column = code.partition(".")
    for version in (FormatVersion.V2021, FormatVersion.V2019):
        for block in TABLE2[version]:
            for r in block.rows:
                for c in block.columns:
                    if r.code == row and c.code == column:
                        return r.label if len(block.columns) == 1 else f"{r.label}/{c.label}"
    return code


def figure_headers() -> dict[str, str]:
    """Column names a figures file may use, to cell codes: the code itself, “行政许可/处理决定数量”, or for a
    one-column 2021 block the row's name alone (“行政许可”)."""
    headers: dict[str, str] = {}
    for version in (FormatVersion.V2019, FormatVersion.V2021):
        for code in figure_codes(version):
            headers[code] = code
            headers[_label(code)] = code
            row, _, column = code.partition(".")
            for block in TABLE2[version]:
                for r in block.rows:
                    for c in block.columns:
                        if r.code == row and c.code == column:
                            headers[f"{r.label}/{c.label}"] = code
    headers["行政事业性收费（万元）"] = "fees.amount"
    return headers


@dataclass
class FiguresImport:
    years: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def import_figures(agency: Agency, actor: Any, content: bytes, filename: str) -> FiguresImport:
    """Per-year figures from CSV or XLSX: a 年度 column and one column per figure; all rows or none."""
    from ogi.platform.casework.register_import import ImportFileError, _csv_rows, _xlsx_rows

    _require(actor, agency)
    try:
        rows = list(_xlsx_rows(content) if filename.lower().endswith(".xlsx") else _csv_rows(content))
    except ImportFileError as exc:
        raise CatalogueError(str(exc)) from exc
    if not rows:
        raise CatalogueError("文件是空的")
    header = [str(h or "").strip().lstrip("\ufeff") for h in rows[0]]
    if "年度" not in header:
        raise CatalogueError("缺少“年度”列")
    known = figure_headers()
    unknown = [h for h in header if h and h != "年度" and h not in known]
    if unknown:
        raise CatalogueError("无法识别的列：" + "、".join(unknown))
    result = FiguresImport()
    plans: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(rows[1:], start=2):
        row = dict(zip(header, ("" if v is None else str(v).strip() for v in values), strict=False))
        if not any(row.values()):
            continue
        try:
            year = int(float(row["年度"]))
        except ValueError:
            result.errors.append(f"第{number}行：年度“{row['年度']}”不是年份")
            continue
        plans.append((year, {known[h]: v for h, v in row.items() if h and h != "年度"}))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for year, cells in plans:
                save_figures(agency, year, actor, cells)
                result.years.append(year)
    except CatalogueError as exc:
        result.years.clear()
        result.errors.append(str(exc))
    return result


def figures_template() -> bytes:
    """A CSV with the columns of the 2021 format, for agencies to fill in."""
    out = io.StringIO()
    csv.writer(out).writerow(["年度", *(_label(c) for c in figure_codes(FormatVersion.V2021))])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
