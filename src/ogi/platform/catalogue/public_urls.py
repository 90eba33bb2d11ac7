from django.urls import path

from . import public_views as views

app_name = "gk_catalogue"
urlpatterns = [
    path("", views.catalogue, name="list"),
    path("<int:pk>/", views.record, name="record"),
    path("<int:pk>/attachments/<int:attachment_pk>", views.attachment, name="attachment"),
]
