from django.urls import path

from . import views

app_name = "litigation"
urlpatterns = [path("", views.disputes, name="list")]
