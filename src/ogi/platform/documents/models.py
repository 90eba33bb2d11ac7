"""A case's documents and the agencies' own templates.

A document is a draft (its text editable) until it is issued: then it has a number, a stored DOCX and that
file's SHA-256, and it never changes again; the issue is an event of the case.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import models
from django.utils import timezone

from ogi.platform.agencies.models import Agency
from ogi.platform.casework.models import Case

from .kinds import KINDS, DocumentKind


class FrozenError(Exception):
    """An issued document cannot change."""


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    ISSUED = "issued", "已签发"


class DocumentQuerySet(models.QuerySet["Document"]):
    def issued(self) -> DocumentQuerySet:
        return self.filter(status=DocumentStatus.ISSUED)

    def for_applicant(self, case: Case) -> DocumentQuerySet:
        """What the applicant may download: issued notices addressed to them; an answer once it is delivered."""
        kinds = [k for k, info in KINDS.items() if info.to_applicant and not info.is_answer]
        query = models.Q(kind__in=kinds)
        if case.events.filter(kind="delivered").exists():
            query |= models.Q(kind__in=[k for k, info in KINDS.items() if info.is_answer])
        return self.issued().filter(case=case).filter(query)


def _document_path(document: Document, filename: str) -> str:
    return f"documents/{document.case.agency_id}/{document.case_id}/{filename}"


class Document(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField("文书类别", max_length=30, choices=DocumentKind.choices)
    status = models.CharField("状态", max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT)
    title = models.CharField("标题", max_length=200)
    addressee = models.CharField("主送", max_length=200)
    body = models.TextField("正文", help_text="每段一行")
    remedy = models.TextField("救济途径", blank=True)
    closing = models.CharField("结束语", max_length=40, default="特此告知。")
    contact = models.CharField("联系人及电话", max_length=200, blank=True)
    number = models.CharField("文书编号", max_length=60, blank=True)
    dated = models.DateField("成文日期", null=True, blank=True)
    created_at = models.DateTimeField("起草时间", default=timezone.now)
    issued_at = models.DateTimeField("签发时间", null=True, blank=True)
    issued_by = models.CharField("签发人", max_length=60, blank=True)
    file = models.FileField("文书文件", upload_to=_document_path, blank=True)
    sha256 = models.CharField("文件摘要（SHA-256）", max_length=64, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "文书"
        ordering = ["case", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "number"], condition=~models.Q(number=""), name="document_number_unique_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number or '（未签发）'} {self.title}"

    @property
    def is_issued(self) -> bool:
        return self.status == DocumentStatus.ISSUED

    @property
    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.body.splitlines() if line.strip()]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and Document.objects.filter(pk=self.pk, status=DocumentStatus.ISSUED).exists():
            raise FrozenError("文书已签发，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.is_issued:
            raise FrozenError("文书已签发，不能删除")
        return super().delete(*args, **kwargs)

    def verify(self) -> bool:
        """Does the stored file still have the hash recorded when it was issued?"""
        if not self.is_issued or not self.file:
            return False
        with self.file.open("rb") as f:
            return hashlib.sha256(f.read()).hexdigest() == self.sha256


def _template_path(template: AgencyTemplate, filename: str) -> str:
    return f"templates/{template.agency_id}/{template.kind}.docx"


class AgencyTemplate(models.Model):
    """An agency's own DOCX template for one kind (docxtpl placeholders; see the shipped default)."""

    agency = models.ForeignKey(Agency, verbose_name="机关", on_delete=models.CASCADE)
    kind = models.CharField("文书类别", max_length=30, choices=DocumentKind.choices)
    file = models.FileField("模板文件（DOCX）", upload_to=_template_path)
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "文书模板"
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="one_template_per_agency_kind")]

    def __str__(self) -> str:
        return f"{self.agency} · {self.get_kind_display()}"
