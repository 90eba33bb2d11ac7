"""The online application (every element of Art. 29, the applicant type from the table 三 columns) and tracking.

The API validates its JSON with the same form, so a request gets the same checks and the same Chinese messages
whichever way it comes in.
"""

from __future__ import annotations

import os
from typing import Any

from django import forms

from ogi.platform.casework.models import APPLICANT_TYPES
from ogi.platform.identity import normalize, validate_credit_code, validate_resident_id

from .models import Column

DELIVERY_CHOICES = [
    ("电子文本·电子邮件", "电子文本，通过电子邮件"),
    ("电子文本·在线下载", "电子文本，在本网站下载"),
    ("纸质文本·邮寄", "纸质文本，邮寄"),
    ("纸质文本·自行领取", "纸质文本，到办公地点领取"),
]


def attachment_limit() -> int:
    """Bytes an attachment may have: ``OGI_APPLY_ATTACHMENT_MB`` (default 10)."""
    return int(float(os.environ.get("OGI_APPLY_ATTACHMENT_MB", "10")) * 1024 * 1024)


class ApplyForm(forms.Form):
    applicant_type = forms.ChoiceField(label="申请人类型", choices=[("", "请选择"), *APPLICANT_TYPES])
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=100)
    id_number = forms.CharField(
        label="身份证明号码", max_length=40, help_text="自然人填写居民身份证号码；法人或其他组织填写统一社会信用代码"
    )
    phone = forms.RegexField(
        label="联系电话", regex=r"^[0-9+\- ]{7,20}$", max_length=20, error_messages={"invalid": "请填写有效的电话号码"}
    )
    email = forms.EmailField(label="电子邮箱", required=False, error_messages={"invalid": "请填写有效的电子邮箱"})
    address = forms.CharField(label="通信地址", max_length=200)
    postcode = forms.RegexField(
        label="邮政编码", regex=r"^\d{6}$", required=False, error_messages={"invalid": "邮政编码应为6位数字"}
    )
    description = forms.CharField(
        label="所需政府信息的名称、文号或者便于查询的其他特征性描述",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    delivery = forms.CharField(
        label="获取信息的方式、途径", max_length=100, widget=forms.Select(choices=[("", "请选择"), *DELIVERY_CHOICES])
    )
    attachment = forms.FileField(label="附件（可选，如身份证明复印件）", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages.setdefault("required", f"请填写{field.label}")
            field.error_messages["required"] = (
                f"请填写{field.label}" if name != "applicant_type" else "请选择申请人类型"
            )
            field.error_messages.setdefault("max_length", "内容过长")
        self.fields["applicant_type"].error_messages["invalid_choice"] = "申请人类型应为表三的六类之一"

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        if upload is not None and upload.size > attachment_limit():
            raise forms.ValidationError(f"附件不能超过 {attachment_limit() // (1024 * 1024)} MB")
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        number = normalize(data.get("id_number") or "")
        data["id_number"] = number
        kind = data.get("applicant_type")
        if number and kind:
            try:
                (validate_resident_id if kind == "natural_person" else validate_credit_code)(number)
            except forms.ValidationError as exc:
                self.add_error("id_number", exc)
        return data


class TrackForm(forms.Form):
    number = forms.CharField(label="申请编号", max_length=40, error_messages={"required": "请填写申请编号"})
    code = forms.CharField(label="查询码", max_length=40, error_messages={"required": "请填写查询码"})


class ColumnForm(forms.ModelForm):
    class Meta:
        model = Column
        fields = ["guide", "channels", "rules"]
        widgets = {f: forms.Textarea(attrs={"rows": 8}) for f in ("guide", "channels", "rules")}


class AgencyContactForm(forms.Form):
    """The office's contact details shown in the guide (Art. 12: name, address, hours, phone, fax, e-mail)."""

    address = forms.CharField(label="办公地址", max_length=200, required=False)
    postcode = forms.RegexField(label="邮政编码", regex=r"^\d{6}$", required=False,
                                error_messages={"invalid": "邮政编码应为6位数字"})  # fmt: skip
    office_hours = forms.CharField(label="办公时间", max_length=100, required=False)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    fax = forms.CharField(label="传真", max_length=40, required=False)
    email = forms.EmailField(label="电子邮箱", required=False, error_messages={"invalid": "请填写有效的电子邮箱"})
