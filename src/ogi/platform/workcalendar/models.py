from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from ogi.workdays import YearNotice


class LoadedYear(models.Model):
    """A State Council holiday notice loaded by an administrator before the calendar package knows its year."""

    year = models.PositiveIntegerField("年份", unique=True)
    title = models.CharField("通知标题", max_length=200, blank=True)
    days_off = models.JSONField("放假日期", default=list)
    days_on = models.JSONField("调休上班日期", default=list)
    source_text = models.TextField("通知原文", blank=True)
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    loaded_at = models.DateTimeField("载入时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "已载入的节假日安排"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"

    def notice(self) -> YearNotice:
        return YearNotice(
            year=self.year,
            days_off=frozenset(date.fromisoformat(d) for d in self.days_off),
            days_on=frozenset(date.fromisoformat(d) for d in self.days_on),
            title=self.title,
        )
