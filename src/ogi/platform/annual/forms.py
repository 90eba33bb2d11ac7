"""Forms of the annual-report pages: the sections staff write, publishing, and importing an earlier report."""

from __future__ import annotations

from django import forms
from django.utils import timezone

# <input type="date"> takes only ISO dates; the zh-hans default (2026/12/06) would show as empty.
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_TEXT = forms.Textarea(attrs={"rows": 8})


class SectionsForm(forms.Form):
    s1 = forms.CharField(label="一、总体情况", widget=_TEXT, required=False)
    s5 = forms.CharField(label="五、存在的主要问题及改进情况", widget=_TEXT, required=False)
    s6 = forms.CharField(label="六、其他需要报告的事项", widget=_TEXT, required=False)

    def sections(self) -> dict[str, str]:
        return {key[1:]: value for key, value in self.cleaned_data.items()}


class PublishForm(forms.Form):
    on = forms.DateField(label="发布日期", widget=_DATE, initial=timezone.localdate)
    reason = forms.CharField(label="更正说明（更正已发布的报告时必填）", max_length=300, required=False)


class ImportReportForm(forms.Form):
    file = forms.FileField(label="已发布的年度报告（PDF、DOCX、HTML 或 TXT）")
