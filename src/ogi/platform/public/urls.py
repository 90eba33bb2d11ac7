from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("gk/", views.index, name="index"),
    path("gk/<int:pk>/", views.column, name="column"),
    path("gk/<int:pk>/apply/", views.apply_page, name="apply"),
    path("gk/<int:pk>/guide/edit/", views.edit_guide, name="edit_guide"),
    path("gk/<int:pk>/application-form.docx", views.form_docx, name="form_docx"),
    path("gk/<int:pk>/<str:part>/", views.column, name="part"),
    path("track/", views.track, name="track"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("track/<int:pk>/", views.status, name="status"),
    path("track/<int:pk>/documents/<int:doc>.<str:fmt>", views.document_file, name="document"),
]
