"""Forms of the catalogue pages: a record, a year's figures, and a figures file."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from ogi.report import FormatVersion

from .actions import _label
from .models import LocalCategory, Record, figure_codes

# <input type="date"> takes only ISO dates; the zh-hans default (2026/12/06) would show as empty.
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RecordForm(forms.ModelForm):
    attachment = forms.FileField(label="附件", required=False)

    class Meta:
        model = Record
        fields = [
            "title", "doc_number", "issuer", "made_on", "published_on", "summary", "body", "article",
            "local_category", "doc_kind", "amended_on", "ended_on", "end_kind",
        ]  # fmt: skip
        widgets = {"made_on": _DATE, "published_on": _DATE, "amended_on": _DATE, "ended_on": _DATE}

    def __init__(self, *args: object, agency: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["local_category"].queryset = LocalCategory.objects.filter(agency=agency)
        self.fields["published_on"].initial = timezone.localdate
        self.instance.agency = agency  # type: ignore[assignment]

    def _post_clean(self) -> None:
        # the 索引号 is assigned when the record is saved; validate everything else now
        self.instance.index_number = self.instance.index_number or "—"
        super()._post_clean()


class FiguresForm(forms.Form):
    """The figures of one year: the fields of the year's format."""

    def __init__(self, *args: object, version: FormatVersion, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for code in figure_codes(version):
            self.fields[code] = forms.CharField(label=_label(code), required=False, max_length=20)


class FiguresUploadForm(forms.Form):
    file = forms.FileField(label="年度数据（XLSX 或 CSV，第一列为“年度”）")
