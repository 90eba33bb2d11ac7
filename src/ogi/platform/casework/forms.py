"""Forms for intake and for each action: types and required fields here; the statute's rules in the actions."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from ogi.platform.identity import normalize, validate_credit_code, validate_resident_id

from .models import APPLICANT_TYPES
from .outcomes import DECIDABLE
from .states import Channel, IdKind
from .statute import rules_on

# An <input type="date"> takes only ISO dates; the zh-hans default input format (2026/12/06) would show as empty.
CURRENT_RULES = rules_on(date.max)
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IntakeForm(forms.Form):
    channel = forms.ChoiceField(label="申请方式", choices=Channel.choices)
    arrived_at = forms.DateTimeField(
        label="申请到达时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    received_on = forms.DateField(label="法定收到日期（条例第三十一条）", widget=_DATE)
    applicant_type = forms.ChoiceField(label="申请人类型", choices=APPLICANT_TYPES)
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=100)
    id_kind = forms.ChoiceField(label="身份证明", choices=IdKind.choices, initial=IdKind.RESIDENT_ID)
    id_number = forms.CharField(label="证件号码", max_length=40, required=False)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postcode = forms.RegexField(
        label="邮政编码", regex=r"^\d{6}$", required=False, error_messages={"invalid": "邮政编码应为6位数字"}
    )
    description = forms.CharField(label="所需信息的名称、文号或特征描述", widget=forms.Textarea(attrs={"rows": 4}))
    delivery_form = forms.CharField(label="获取信息的方式、途径", max_length=100, required=False)
    note = forms.CharField(label="备注", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        now = timezone.localtime()
        self.fields["arrived_at"].initial = now.strftime("%Y-%m-%dT%H:%M")
        self.fields["received_on"].initial = now.date()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind, number = data.get("id_kind"), normalize(data.get("id_number") or "")
        data["id_number"] = number
        if kind in (IdKind.RESIDENT_ID, IdKind.CREDIT_CODE, IdKind.OTHER) and not number:
            self.add_error("id_number", "请填写证件号码（条例第二十九条：申请人的身份证明）")
        elif kind == IdKind.RESIDENT_ID and number:
            try:
                validate_resident_id(number)
            except forms.ValidationError as exc:
                self.add_error("id_number", exc)
        elif kind == IdKind.CREDIT_CODE and number:
            try:
                validate_credit_code(number)
            except forms.ValidationError as exc:
                self.add_error("id_number", exc)
        if not (data.get("phone") or data.get("email") or data.get("address")):
            self.add_error("phone", "请至少填写一种联系方式（电话、电子邮箱或通信地址）")
        return data


class _OnForm(forms.Form):
    on = forms.DateField(label="日期", widget=_DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class RequestCorrectionForm(_OnForm):
    items = forms.CharField(label="需要补正的事项", widget=forms.Textarea(attrs={"rows": 3}))
    reply_by = forms.DateField(label="补正期限", widget=_DATE)


class RecordCorrectionForm(_OnForm):
    summary = forms.CharField(label="补正内容摘要", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class PlainForm(_OnForm):
    pass


class ConsultForm(_OnForm):
    party_kind = forms.ChoiceField(
        label="对象类别",
        choices=[("third_party", "第三方（条例第三十二条）"), ("agency", "有关行政机关（条例第三十四条）")],
    )
    party = forms.CharField(label="征求意见的对象", max_length=100)


class RecordConsultationForm(_OnForm):
    opinion = forms.ChoiceField(
        label="意见", choices=[("agree", "同意公开"), ("object", "不同意公开"), ("no_reply", "逾期未答复")]
    )
    summary = forms.CharField(label="意见摘要", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ExtendForm(_OnForm):
    # The statute's bound (Art. 33) comes from statute.py; the action checks what is left for the case.
    days = forms.IntegerField(
        label="延长工作日数",
        min_value=1,
        max_value=CURRENT_RULES.max_extension_days,
        initial=CURRENT_RULES.max_extension_days,
    )
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))
    notified_on = forms.DateField(label="告知申请人日期", widget=_DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["notified_on"].initial = timezone.localdate()


class NotifyFeeForm(_OnForm):
    basis = forms.ChoiceField(label="计收方式", choices=[("per_application", "按件计收"), ("per_page", "按量计收")])
    amount = forms.DecimalField(label="金额（元）", min_value=0, max_digits=10, decimal_places=2)


class DecideForm(_OnForm):
    outcome = forms.ChoiceField(label="办理结果", choices=[("", "请选择")] + [(o.code, o.label) for o in DECIDABLE])
    basis = forms.CharField(label="法律依据（留空则按办理结果填写）", max_length=200, required=False)
    summary = forms.CharField(label="答复要点", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DeliverForm(_OnForm):
    method = forms.CharField(label="送达方式", max_length=100, initial="邮寄")
    record = forms.CharField(label="送达记录（快递单号、签收等）", max_length=200, required=False)


class WithdrawForm(_OnForm):
    reason = forms.CharField(label="撤回说明", max_length=200, required=False)


ACTION_FORMS: dict[str, type[forms.Form]] = {
    "request_correction": RequestCorrectionForm,
    "record_correction": RecordCorrectionForm,
    "lapse_correction": PlainForm,
    "consult": ConsultForm,
    "record_consultation": RecordConsultationForm,
    "extend": ExtendForm,
    "notify_fee": NotifyFeeForm,
    "record_payment": PlainForm,
    "lapse_fee": PlainForm,
    "decide": DecideForm,
    "deliver": DeliverForm,
    "withdraw": WithdrawForm,
}


class ImportUploadForm(forms.Form):
    file = forms.FileField(label="登记台账（XLSX 或 CSV，不超过 10 MB）")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.OGI_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"文件过大（{upload.size / 1024 / 1024:.1f} MB），上限为 {limit // 1024 // 1024} MB"
            )
        return upload
