from django.contrib import admin

from .models import CatalogueSettings, LocalCategory, Record, YearFigures


@admin.register(Record)
class RecordAdmin(admin.ModelAdmin):
    list_display = ("index_number", "title", "agency", "article", "doc_kind", "made_on", "published_on", "late")
    list_filter = ("doc_kind", "late", "article")
    search_fields = ("index_number", "title")


admin.site.register(CatalogueSettings)
admin.site.register(LocalCategory)
admin.site.register(YearFigures)
