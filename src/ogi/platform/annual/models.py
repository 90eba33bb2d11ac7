"""Annual reports: a draft per agency and year, its acknowledged warnings, and its frozen published versions.

A draft holds only what staff write (the sections); its tables are counted afresh from the records each time it
is shown. Publishing freezes the whole report — JSON, and the HTML as published with its sha256 — as a version;
a correction is a new version, and every version stays public. An earlier year's report read from its published
file is an imported version of its own, so the cross-year checks work from an agency's first year on OGI.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from ogi.platform.agencies.models import Agency


class ReportState(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class AnnualReport(models.Model):
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveIntegerField("年度")
    format = models.CharField("格式", max_length=4, choices=[("2019", "2019年试行格式"), ("2021", "2021年格式")])
    sections = models.JSONField("正文", default=dict, help_text="键为 1–6，对应一至六部分")
    state = models.CharField("状态", max_length=20, choices=ReportState.choices, default=ReportState.DRAFT)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告"
        ordering = ["agency", "-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="annual_report_unique")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度报告"

    @property
    def current_version(self) -> ReportVersion | None:
        return self.versions.order_by("-number").first()


class ReportVersion(models.Model):
    """One published (or imported) version, never changed once written."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本")
    imported = models.BooleanField("从已发布文件导入", default=False)
    published_on = models.DateField("发布日期")
    published_at = models.DateTimeField("记录时间", default=timezone.now)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    published_by_name = models.CharField("发布人", max_length=60, blank=True)
    reason = models.CharField("更正说明", max_length=300, blank=True)
    data = models.JSONField("报告 JSON")
    file_name = models.CharField("文件名", max_length=200)
    content = models.BinaryField("文件")
    sha256 = models.CharField("SHA-256", max_length=64)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告版本"
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")]

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("已发布的年度报告不能修改，更正请发布新版本")
        self.sha256 = hashlib.sha256(bytes(self.content)).hexdigest()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("已发布的年度报告不能删除")

    def intact(self) -> bool:
        """Does the stored file still match the hash recorded at publication?"""
        return hashlib.sha256(bytes(self.content)).hexdigest() == self.sha256


class Acknowledgement(models.Model):
    """A named user has read a warning of the draft and accepts it (the text it was given for is kept)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="acknowledgements")
    key = models.CharField("提示", max_length=200)
    message = models.TextField("提示内容")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    user_name = models.CharField("确认人", max_length=60)
    at = models.DateTimeField("确认时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "已确认的提示"
        constraints = [models.UniqueConstraint(fields=["report", "key", "message"], name="acknowledgement_unique")]
