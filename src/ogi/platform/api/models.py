"""API tokens: created and revoked by the administrator, stored as a hash, each acting as one staff member of
one agency (so that the API's permissions are the policy's, for that person)."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from ogi.platform.agencies.models import Agency


def hash_token(token: str) -> str:
    """A plain SHA-256 is enough: tokens are 256-bit random strings, not passwords."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    name = models.CharField("用途", max_length=100, help_text="例如：12345热线平台对接")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="代表的工作人员", on_delete=models.CASCADE)
    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE)
    prefix = models.CharField("令牌前缀", max_length=16, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return f"{self.prefix}… {self.name}"

    def issue(self) -> str:
        """Give the token its secret; returns the only copy of it (shown once to the administrator)."""
        self.prefix = secrets.token_hex(4)
        token = f"ogi_{self.prefix}_{secrets.token_urlsafe(32)}"
        self.token_hash = hash_token(token)
        return token
