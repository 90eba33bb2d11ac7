"""The proactive-disclosure catalogue (主动公开): records, their categories and attachments, and per-year figures.

Table 二 of the annual report follows from here: the lifecycle of 规章 and 行政规范性文件 gives block （一）; the
figures entered or imported per year give the other blocks.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Count, Q

from ogi.platform.agencies.models import Agency
from ogi.report import CellKind, FormatVersion
from ogi.report.format import TABLE2, table2_cell_kind

from . import search
from .categories import Article20, DocKind, EndKind

DEFAULT_INDEX_TEMPLATE = "{统一社会信用代码}/{year}-{seq:05d}"
#: Art. 26: proactive disclosure within 20 working days of the information being made or changed.
PUBLISH_WITHIN_WORKDAYS = 20


def validate_index_template(value: str) -> None:
    try:
        value.format(统一社会信用代码="X", 机关代码="X", year=2025, month="01", seq=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(
            "索引号格式只能使用 {统一社会信用代码}、{机关代码}、{year}、{month} 和 {seq}，"
            "例如 {统一社会信用代码}/{year}-{seq:05d}"
        ) from exc
    if "{seq" not in value:
        raise ValidationError("索引号格式必须含有流水号 {seq}")


class CatalogueSettings(models.Model):
    """Per-agency settings of the catalogue: the 索引号 template."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="catalogue_settings")
    index_template = models.CharField(
        "索引号格式", max_length=80, default=DEFAULT_INDEX_TEMPLATE, validators=[validate_index_template]
    )
    organisation_code = models.CharField("机关代码", max_length=20, blank=True, help_text="索引号中的 {机关代码}")

    class Meta:
        verbose_name = verbose_name_plural = "目录设置"

    def __str__(self) -> str:
        return f"{self.agency} 目录设置"

    def format_index(self, year: int, month: int, seq: int) -> str:
        code = self.agency.credit_code or self.organisation_code or f"A{self.agency.pk:06d}"
        return self.index_template.format(
            统一社会信用代码=code, 机关代码=self.organisation_code or code, year=year, month=f"{month:02d}", seq=seq
        )


class LocalCategory(models.Model):
    """A category an agency adds beside Art. 20 (Art. 21: 市政建设, 农村土地承包经营权流转, …)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="local_categories")
    name = models.CharField("类别名称", max_length=60)

    class Meta:
        verbose_name = verbose_name_plural = "本机关增设类别"
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="local_category_unique")]

    def __str__(self) -> str:
        return self.name


def _bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


class RecordQuerySet(models.QuerySet["Record"]):
    def of_kind(self, kind: str) -> RecordQuerySet:
        return self.filter(doc_kind=kind)

    def issued_in(self, year: int) -> RecordQuerySet:
        first, last = _bounds(year)
        return self.filter(made_on__gte=first, made_on__lte=last)

    def ended_in(self, year: int) -> RecordQuerySet:
        """废止 or 失效 in ``year``: both end a document's validity, so both leave 现行有效."""
        first, last = _bounds(year)
        return self.filter(ended_on__gte=first, ended_on__lte=last)

    def in_force_at_end_of(self, year: int) -> RecordQuerySet:
        last = _bounds(year)[1]
        return self.filter(made_on__lte=last).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=last))

    def published_in(self, year: int) -> RecordQuerySet:
        first, last = _bounds(year)
        return self.filter(published_on__gte=first, published_on__lte=last)

    def published_by_end_of(self, year: int) -> RecordQuerySet:
        return self.filter(published_on__lte=_bounds(year)[1])

    def cell(self, year: int, code: str) -> RecordQuerySet:
        """The records behind a table 二 （一） cell, e.g. ``regulations.in_force`` (its drill-down)."""
        kind, _, column = code.partition(".")
        mine = self.of_kind(kind)
        by_column = {
            "issued": mine.issued_in,
            "repealed": mine.ended_in,
            "in_force": mine.in_force_at_end_of,
            "made": mine.issued_in,
            "published": mine.published_in,
            "total_published": mine.published_by_end_of,
        }
        return by_column[column](year)

    def lifecycle_counts(self, year: int) -> dict[str, int]:
        """Table 二 （一） of both formats for ``year`` in one aggregation query."""
        first, last = _bounds(year)
        in_year = {
            "issued": Q(made_on__gte=first, made_on__lte=last),
            "repealed": Q(ended_on__gte=first, ended_on__lte=last),
            "in_force": Q(made_on__lte=last) & (Q(ended_on__isnull=True) | Q(ended_on__gt=last)),
            "made": Q(made_on__gte=first, made_on__lte=last),
            "published": Q(published_on__gte=first, published_on__lte=last),
            "total_published": Q(published_on__lte=last),
        }
        aggregates = {
            f"{kind}.{column}": Count("pk", filter=Q(doc_kind=kind) & condition)
            for kind in (DocKind.REGULATION, DocKind.NORMATIVE)
            for column, condition in in_year.items()
        }
        return self.aggregate(**aggregates)

    def search(self, text: str) -> RecordQuerySet:
        """Records holding every bigram of ``text`` (see ``search``)."""
        words = search.tokens(text)
        if not words:
            return self
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector

            # tokens are CJK bigrams or [0-9A-Za-z]+ words (see search.tokens): nothing to escape in the tsquery
            raw = " & ".join(f"'{w}'" + (":*" if len(w) == 1 else "") for w in words)
            vector = SearchVector("search_index", config="simple")
            return self.alias(_fts=vector).filter(_fts=SearchQuery(raw, config="simple", search_type="raw"))
        result = self
        for word in words:
            result = result.filter(search_index__contains=word if len(word) == 1 else f" {word} ")
        return result


class Record(models.Model):
    """One piece of proactively disclosed information (a 政府信息公开目录 entry)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="records")
    index_number = models.CharField("索引号", max_length=80)
    title = models.CharField("名称", max_length=200)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    issuer = models.CharField("发布机构", max_length=100)
    made_on = models.DateField("成文日期")
    published_on = models.DateField("公开日期")
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文", blank=True)
    article = models.CharField("类别（第二十条）", max_length=4, choices=Article20.choices, blank=True)
    local_category = models.ForeignKey(
        LocalCategory, verbose_name="本机关增设类别", null=True, blank=True, on_delete=models.PROTECT
    )
    doc_kind = models.CharField("文件类型", max_length=30, choices=DocKind.choices, blank=True, default="")
    amended_on = models.DateField("最近修改日期", null=True, blank=True)
    ended_on = models.DateField("废止或失效日期", null=True, blank=True)
    end_kind = models.CharField("废止或失效", max_length=20, choices=EndKind.choices, blank=True)
    late = models.BooleanField(
        "逾期公开", default=False, help_text="公开日期晚于成文（或修改）后20个工作日（第二十六条）"
    )
    search_index = models.TextField("检索词", blank=True, editable=False)

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "主动公开信息"
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "index_number"], name="record_index_unique_per_agency"),
            models.CheckConstraint(
                condition=Q(article__gt="") | Q(local_category__isnull=False), name="record_has_category"
            ),
        ]
        indexes = [models.Index(fields=["agency", "doc_kind", "made_on"])]

    def __str__(self) -> str:
        return f"{self.index_number} {self.title}"

    @property
    def category_label(self) -> str:
        return self.get_article_display() if self.article else str(self.local_category)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not self.article and not self.local_category_id:
            errors["article"] = "请选择类别（第二十条各项或本机关增设类别）"
        if self.made_on and self.published_on and self.published_on < self.made_on:
            errors["published_on"] = "公开日期不能早于成文日期"
        if bool(self.ended_on) != bool(self.end_kind):
            errors["ended_on"] = "废止或失效须同时填写日期和类型"
        if self.ended_on and self.made_on and self.ended_on < self.made_on:
            errors["ended_on"] = "废止或失效日期不能早于成文日期"
        if self.doc_kind and self.article and self.article != Article20.ITEM_1:
            errors["doc_kind"] = "规章和行政规范性文件属于第二十条第（一）项"
        if errors:
            raise ValidationError(errors)

    def refresh_derived(self) -> None:
        """The Art. 26 flag and the search column, from the record's own fields and the working-day calendar."""
        from ogi.platform.workcalendar.service import current_calendar

        start = max(d for d in (self.made_on, self.amended_on) if d)
        due = current_calendar().add(start, PUBLISH_WITHIN_WORKDAYS).due
        self.late = self.published_on > due
        self.search_index = search.index_text(self.title, self.doc_number, self.summary, self.body, self.issuer)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.refresh_derived()
        super().save(*args, **kwargs)


class Attachment(models.Model):
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField("文件名", max_length=200)
    content = models.BinaryField("内容")
    content_type = models.CharField(max_length=100, default="application/octet-stream")
    sha256 = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sha256 = hashlib.sha256(bytes(self.content)).hexdigest()
        super().save(*args, **kwargs)


# --------------------------------------------------------------------------- per-year figures


def figure_codes(version: FormatVersion) -> tuple[str, ...]:
    """Table 二 cells entered per year: every cell outside block （一） (which the records give)."""
    return tuple(code for block in TABLE2[version] if block.article != "（一）" for code in block.cell_codes())


def figure_kind(version: FormatVersion, code: str) -> CellKind:
    """The kind of a table 二 cell, from the engine's format definition."""
    return table2_cell_kind(version, code)


def parse_figure(kind: CellKind, text: str) -> int | Decimal:
    """A figure as typed: counts are whole numbers ≥ 0, 本年增/减 may be signed, amounts may be decimal."""
    cleaned = str(text).strip().replace(",", "").replace("，", "")
    if kind in (CellKind.COUNT, CellKind.SIGNED):
        try:
            value = int(cleaned.lstrip("+") if kind is CellKind.SIGNED else cleaned)
        except ValueError:
            raise ValueError("应为整数") from None
        if kind is CellKind.COUNT and value < 0:
            raise ValueError("不能为负数")
        return value
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError("应为数字（可带小数）") from None
    if amount < 0 or not amount.is_finite():
        raise ValueError("不能为负数")
    return amount


class YearFigures(models.Model):
    """An agency's table 二 figures for a year other than block （一）: decisions, fees, (2019) items, procurement.

    ``cells`` maps table 二 cell codes (``licensing.decisions``, ``fees.amount``) to numbers written as strings,
    so that 万元 amounts keep their decimals exactly.
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="year_figures")
    year = models.PositiveIntegerField("年度")
    cells = models.JSONField("数据", default=dict)

    class Meta:
        verbose_name = verbose_name_plural = "年度数据（表二）"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="year_figures_unique")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年"

    def values(self, version: FormatVersion) -> dict[str, int | Decimal]:
        """The figures of ``version``; a figure not entered counts as 0."""
        out: dict[str, int | Decimal] = {}
        for code in figure_codes(version):
            raw = self.cells.get(code)
            out[code] = parse_figure(figure_kind(version, code), raw) if raw not in (None, "") else 0
        return out
