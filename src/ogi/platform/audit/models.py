"""Audit entries are written once and never changed: the model refuses updates and deletes, and on PostgreSQL a
trigger refuses them in the database too (migration 0002)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    pass


class AuditEntry(models.Model):
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.PROTECT
    )
    actor_name = models.CharField("操作人姓名", max_length=60, blank=True)
    agency = models.ForeignKey("agencies.Agency", verbose_name="机关", null=True, blank=True, on_delete=models.PROTECT)
    action = models.CharField("操作", max_length=60, db_index=True)
    target = models.CharField("对象", max_length=120, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "审计日志"
        ordering = ["-at", "-pk"]

    @property
    def action_label(self) -> str:
        from .labels import label

        return label(self.action)

    @property
    def detail_text(self) -> str:
        from .labels import detail_text

        return detail_text(self.detail)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("审计日志只能追加，不能删除")
