from django.urls import path

from . import admin_views

app_name = "studydays_admin"

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:page_id>/", admin_views.registrations, name="registrations"),
    path(
        "<int:page_id>/inschrijving/<int:registration_id>/",
        admin_views.registration_action,
        name="action",
    ),
    path("<int:page_id>/export.csv", admin_views.export, {"file_format": "csv"}, name="csv"),
    path("<int:page_id>/export.xlsx", admin_views.export, {"file_format": "xlsx"}, name="xlsx"),
    path("<int:page_id>/aanwezigheidslijst/", admin_views.checkin, name="checkin"),
    path("<int:page_id>/bericht/", admin_views.message, name="message"),
]
