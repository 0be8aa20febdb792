from django.urls import path

from . import feeds, views

app_name = "newsletter"

urlpatterns = [
    path("inschrijven/", views.subscribe_view, name="subscribe"),
    path("inschrijven/bedankt/", views.subscribe_done_view, name="subscribe_done"),
    path("bevestigen/<str:token>/", views.confirm_view, name="confirm"),
    path("uitschrijven/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("mijn-gegevens/<str:token>/", views.data_view, name="data"),
    path("mijn-gegevens/<str:token>/wissen/", views.data_delete_view, name="data_delete"),
    path("feed/rss/", feeds.IssuesRssFeed(), name="feed_rss"),
    path("feed/atom/", feeds.IssuesAtomFeed(), name="feed_atom"),
]
