from django.contrib import admin

from .models import Agency, Staff


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "level", "parent", "credit_code")
    list_filter = ("kind", "level")
    search_fields = ("name", "credit_code")


@admin.register(Staff)
class StaffAdmin(admin.ModelAdmin):
    list_display = ("display_name", "user", "agency", "role")
    list_filter = ("role", "agency")
