from django.urls import path

from . import views

app_name = "annual"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:agency_pk>/import/", views.import_report, name="import"),
    path("<int:agency_pk>/<int:year>/", views.year_page, name="year"),
    path("<int:agency_pk>/<int:year>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<int:agency_pk>/<int:year>/publish/", views.publish, name="publish"),
    path("<int:agency_pk>/<int:year>/cell/<str:path>/", views.drill_down, name="cell"),
]
