from __future__ import annotations

from django import forms

from .models import Dispute

# <input type="date"> takes only ISO dates; the zh-hans default (2026/12/06) would show as empty.
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DisputeForm(forms.ModelForm):
    case_number = forms.CharField(label="涉及的申请（受理编号）", max_length=40, required=False)

    class Meta:
        model = Dispute
        fields = ["kind", "number", "body", "filed_on", "decided_on", "result", "note"]
        widgets = {"filed_on": _DATE, "decided_on": _DATE}
