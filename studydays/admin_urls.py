from django.urls import path

from . import admin_views

app_name = "studydays_admin"

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<id:page_id>/", admin_views.registrations, name="registrations"),
    path(
        "<id:page_id>/inschrijving/<id:registration_id>/",
        admin_views.registration_action,
        name="action",
    ),
    path("<id:page_id>/export.csv", admin_views.export, {"file_format": "csv"}, name="csv"),
    path("<id:page_id>/export.xlsx", admin_views.export, {"file_format": "xlsx"}, name="xlsx"),
    path("<id:page_id>/aanwezigheidslijst/", admin_views.checkin, name="checkin"),
    path("<id:page_id>/bericht/", admin_views.message, name="message"),
]
