from django.urls import path

from . import views

app_name = "catalogue"
urlpatterns = [
    path("", views.records, name="records"),
    path("categories/", views.add_category, name="add_category"),
    path("figures/<int:year>/", views.figures, name="figures"),
    path("figures/template.csv", views.template, name="template"),
]
