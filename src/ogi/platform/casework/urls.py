from django.urls import path

from . import views

app_name = "casework"
urlpatterns = [
    path("", views.work_list, name="list"),
    path("new/", views.intake, name="intake"),
    path("import/", views.import_register, name="import"),
    path("outcomes/", views.outcome_table, name="outcomes"),
    path("<int:pk>/", views.case_page, name="case"),
    path("<int:pk>/reveal-id/", views.reveal_id, name="reveal_id"),
    path("<int:pk>/act/<str:name>/", views.act, name="act"),
]
