from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from ogi.platform import policy
from ogi.platform.audit.log import record

from .models import ApiToken


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name", "user"]

    def clean_user(self) -> Any:
        user = self.cleaned_data["user"]
        staff = policy.staff_of(user)
        if staff is None or staff.agency is None or not policy.can_register(user):
            raise forms.ValidationError("令牌只能代表某一机关的经办人或负责人")
        return user


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenForm
    list_display = ("prefix", "name", "agency", "user", "created_at", "last_used_at", "revoked_at")
    list_filter = ("agency",)
    actions = ["revoke"]

    def get_fields(self, request: Any, obj: Any = None) -> Any:
        return ["name", "user"] if obj is None else ["name", "user", "agency", "prefix", "created_at", "revoked_at"]

    def get_readonly_fields(self, request: Any, obj: Any = None) -> Any:
        return [] if obj is None else ["user", "agency", "prefix", "created_at", "revoked_at"]

    def has_module_permission(self, request: Any) -> bool:
        return policy.can_manage_templates(request.user)

    def save_model(self, request: Any, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        obj.agency = policy.staff_of(obj.user).agency
        token = obj.issue()
        super().save_model(request, obj, form, change)
        record(request.user, "api.token.create", target=obj.prefix, agency=obj.agency)
        messages.warning(request, f"令牌只显示这一次，请立即复制保存：{token}")

    @admin.action(description="吊销所选令牌")
    def revoke(self, request: Any, queryset: Any) -> None:
        for token in queryset.active():
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            record(request.user, "api.token.revoke", target=token.prefix, agency=token.agency)
