from django.urls import path

from . import views

app_name = "studydays"

urlpatterns = [
    path("agenda.ics", views.calendar_feed_view, name="feed"),
    path("inschrijving/<str:token>/", views.registration_manage_view, name="registration"),
    path(
        "inschrijving/<str:token>/annuleren/",
        views.registration_cancel_view,
        name="registration_cancel",
    ),
    path(
        "inschrijving/<str:token>/wissen/",
        views.registration_erase_view,
        name="registration_erase",
    ),
]
