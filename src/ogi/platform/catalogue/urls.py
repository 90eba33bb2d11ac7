from django.urls import path

from . import views

app_name = "catalogue"
urlpatterns = [
    path("", views.records, name="records"),
    path("figures/<int:year>/", views.figures, name="figures"),
    path("figures/template.csv", views.template, name="template"),
]
