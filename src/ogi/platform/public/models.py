"""The public side's records: an agency's column texts, online applications (query code hashed, idempotency key)
with their attachments, and the counters of the per-client rate limits."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from ogi.platform.agencies.models import Agency
from ogi.platform.casework.models import Case


class Column(models.Model):
    """The texts of an agency's 政府信息公开 column that its staff keep (Art. 12)."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="column")
    guide = models.TextField("政府信息公开指南", blank=True, help_text="公开的分类、获取方式等；每段一行")
    channels = models.TextField(
        "申请渠道", blank=True, default="当面提交\n邮寄（信封注明“政府信息公开申请”）\n在线申请（本网站）\n传真"
    )
    rules = models.TextField("政府信息公开制度", blank=True, help_text="每段一行")
    updated_at = models.DateTimeField("更新时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开专栏"

    def __str__(self) -> str:
        return str(self.agency)


class OnlineApplication(models.Model):
    """An application made online: its case, the hash of its query code and the key that makes retries safe.

    The query code is shown once (on the receipt) and stored only as a keyed hash for tracking; a sealed copy
    (encrypted with the field key) lets a retried submission with the same idempotency key get the same receipt.
    """

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="online")
    idempotency_key = models.CharField(max_length=100, unique=True)
    fingerprint = models.CharField(max_length=64)
    code_hash = models.CharField(max_length=64, db_index=True)
    code_sealed = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "在线申请"


def _attachment_path(attachment: Attachment, filename: str) -> str:
    return f"attachments/{attachment.case.agency_id}/{attachment.case_id}/{filename}"


class Attachment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()

    class Meta:
        verbose_name = verbose_name_plural = "申请附件"


class RateBucket(models.Model):
    """Requests of one client in one window of one limit (applications, tracking attempts)."""

    key = models.CharField(max_length=120)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="rate_bucket_unique")]
