from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("new/<int:case_pk>/<str:kind>/", views.new, name="new"),
    path("<int:pk>/", views.edit, name="edit"),
    path("<int:pk>/issue/", views.issue, name="issue"),
    path("<int:pk>/file.<str:fmt>", views.file, name="file"),
    path("default-template.docx", views.template, name="template"),
]
