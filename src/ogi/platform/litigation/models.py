"""The review and litigation log (table 四): 行政复议, 未经复议直接起诉 and 复议后起诉 about the agency's answers.

A dispute counts in year Y when it was decided in Y (with its result), or when it was filed by the end of Y and
not yet decided at its end (尚未审结). Both are read from dates, never from the current state, so table 四 for a
past year is the same whenever it is counted.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q

from ogi.platform.agencies.models import Agency
from ogi.platform.casework.models import Case
from ogi.report.format import T4_COLUMNS, T4_GROUPS


class DisputeKind(models.TextChoices):
    REVIEW = "review", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "未经复议直接起诉"
    LITIGATION_AFTER_REVIEW = "litigation_after_review", "复议后起诉"


class Result(models.TextChoices):
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"


assert [k.value for k in DisputeKind] == [g.code for g in T4_GROUPS]
assert [r.value for r in Result] == [c.code for c in T4_COLUMNS[:3]]


def _year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


class DisputeQuerySet(models.QuerySet["Dispute"]):
    def decided_in(self, year: int) -> DisputeQuerySet:
        first, last = _year_bounds(year)
        return self.filter(decided_on__gte=first, decided_on__lte=last)

    def pending_at_end_of(self, year: int) -> DisputeQuerySet:
        """Filed by 31 December of ``year`` and not decided by then: 尚未审结 for that year."""
        last = _year_bounds(year)[1]
        return self.filter(filed_on__lte=last).filter(Q(decided_on__isnull=True) | Q(decided_on__gt=last))

    def cell(self, year: int, group: str, column: str) -> DisputeQuerySet:
        """The disputes behind one table 四 cell (its drill-down)."""
        mine = self.filter(kind=group)
        if column == "pending":
            return mine.pending_at_end_of(year)
        if column == "total":
            return mine.decided_in(year) | mine.pending_at_end_of(year)
        return mine.decided_in(year).filter(result=column)

    def table4(self, year: int) -> dict[str, int]:
        """All 15 cells of table 四 for ``year``, in one aggregation query."""
        first, last = _year_bounds(year)
        decided = Q(decided_on__gte=first, decided_on__lte=last)
        pending = Q(filed_on__lte=last) & (Q(decided_on__isnull=True) | Q(decided_on__gt=last))
        aggregates = {}
        for group in DisputeKind:
            mine = Q(kind=group.value)
            for result in Result:
                aggregates[f"{group.value}.{result.value}"] = Count(
                    "pk", filter=mine & decided & Q(result=result.value)
                )
            aggregates[f"{group.value}.pending"] = Count("pk", filter=mine & pending)
        values = self.aggregate(**aggregates)
        cells: dict[str, int] = {}
        for group in DisputeKind:
            parts = [values[f"{group.value}.{c.code}"] for c in T4_COLUMNS[:4]]
            for column, value in zip(T4_COLUMNS[:4], parts, strict=True):
                cells[f"{group.value}.{column.code}"] = value
            cells[f"{group.value}.total"] = sum(parts)
        return cells


class Dispute(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="被申请人/被告机关", on_delete=models.PROTECT, related_name="disputes"
    )
    case = models.ForeignKey(
        Case, verbose_name="涉及的公开申请", null=True, blank=True, on_delete=models.PROTECT, related_name="disputes"
    )
    kind = models.CharField("类别", max_length=30, choices=DisputeKind.choices)
    number = models.CharField("案号", max_length=60, blank=True)
    body = models.CharField("复议机关或受理法院", max_length=100, blank=True)
    filed_on = models.DateField("受理日期")
    decided_on = models.DateField("审结日期", null=True, blank=True)
    result = models.CharField("审理结果", max_length=20, choices=Result.choices, blank=True)
    note = models.TextField("备注", blank=True)

    objects = DisputeQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "行政复议、行政诉讼案件"
        ordering = ["-filed_on", "-pk"]
        indexes = [models.Index(fields=["agency", "kind", "decided_on"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(decided_on__isnull=True) & Q(result="")) | (Q(decided_on__isnull=False) & ~Q(result="")),
                name="dispute_result_iff_decided",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number or self.pk}"

    def clean(self) -> None:
        if self.decided_on and not self.result:
            raise ValidationError({"result": "已审结的案件须填写审理结果"})
        if self.result and not self.decided_on:
            raise ValidationError({"decided_on": "填写审理结果时须同时填写审结日期"})
        if self.decided_on and self.filed_on and self.decided_on < self.filed_on:
            raise ValidationError({"decided_on": "审结日期不能早于受理日期"})
        if self.case_id and self.agency_id and self.case.agency_id != self.agency_id:
            raise ValidationError({"case": "所涉申请须为本机关办理的申请"})

    @property
    def state_label(self) -> str:
        return self.get_result_display() if self.result else "尚未审结"
