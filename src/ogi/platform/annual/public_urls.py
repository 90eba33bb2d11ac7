from django.urls import path

from . import public_views as views

app_name = "gk_reports"
urlpatterns = [
    path("", views.reports, name="list"),
    path("<int:year>/", views.report, name="report"),
    path("<int:year>/v<int:number>/", views.report, name="version"),
    path("<int:year>/v<int:number>/file", views.frozen_file, name="file"),
    path("<int:year>/v<int:number>/<str:fmt>", views.download, name="download"),
]
