"""My agenda's URLs, apart from `cano.accounts.urls`: the feed lives outside /account/."""

from django.urls import path

from . import agenda_views

urlpatterns = [
    path("account/agenda/", agenda_views.account_agenda_view, name="account_agenda"),
    path("agenda/<str:key>.ics", agenda_views.agenda_feed_view, name="agenda_feed"),
]
