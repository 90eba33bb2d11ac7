from django.contrib import admin

from .models import Dispute


@admin.register(Dispute)
class DisputeAdmin(admin.ModelAdmin):
    list_display = ("agency", "kind", "number", "filed_on", "decided_on", "result")
    list_filter = ("kind", "result")
    raw_id_fields = ("case",)
