from django.urls import path

from . import admin_views

app_name = "studydays_admin"

urlpatterns = [
    path("", admin_views.index_view, name="index"),
    path("<id:page_id>/", admin_views.registrations_view, name="registrations"),
    path(
        "<id:page_id>/inschrijving/<id:registration_id>/",
        admin_views.registration_action_view,
        name="action",
    ),
    path(
        "<id:page_id>/inschrijving/<id:registration_id>/annuleren/",
        admin_views.registration_cancel_view,
        name="cancel",
    ),
    path("<id:page_id>/export.csv", admin_views.export_view, {"file_format": "csv"}, name="csv"),
    path("<id:page_id>/export.xlsx", admin_views.export_view, {"file_format": "xlsx"}, name="xlsx"),
    path("<id:page_id>/aanwezigheidslijst/", admin_views.checkin_view, name="checkin"),
    path("<id:page_id>/bericht/", admin_views.message_view, name="message"),
]
