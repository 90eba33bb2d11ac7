from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from ogi.platform.audit.log import record

from .models import AgencyTemplate, Document
from .rendering import TemplateBroken, render_with

_SAMPLE = {
    "agency": "示例县人民政府", "heading": "政府信息公开申请答复书", "title": "示例", "number": "示例依申复〔2025〕1号",
    "addressee": "张某", "paragraphs": ["第一段。", "第二段。"], "remedy": "救济途径。", "closing": "特此告知。",
    "date": "2025年1月1日", "contact": "联系人：李某", "case_number": "2025-0001",
}  # fmt: skip


class AgencyTemplateForm(forms.ModelForm):
    class Meta:
        model = AgencyTemplate
        fields = ["agency", "kind", "file"]
        help_texts = {"file": "DOCX，使用 {{ agency }}、{{ number }}、{%p for p in paragraphs %} 等占位符；"
                      "可从“下载默认模板”开始修改"}  # fmt: skip

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("模板文件不能超过 5 MB")
        content = upload.read()
        upload.seek(0)
        try:
            render_with(content, _SAMPLE)
        except TemplateBroken as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


@admin.register(AgencyTemplate)
class AgencyTemplateAdmin(admin.ModelAdmin):
    form = AgencyTemplateForm
    list_display = ("agency", "kind", "uploaded_at")
    list_filter = ("kind",)

    def save_model(self, request: Any, obj: AgencyTemplate, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record(request.user, "document.template", target=obj.get_kind_display(), agency=obj.agency)


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "case", "status", "issued_at")
    list_filter = ("status", "kind")
    readonly_fields = [f.name for f in Document._meta.fields]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
