from __future__ import annotations

from django import forms

from .models import Document


class DocumentForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "addressee", "body", "remedy", "closing", "contact"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "remedy": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "body": "每段一行；签发后不能再修改",
            "remedy": "按答复类型和机关层级生成（2024年《行政复议法》）",
        }
