from django.urls import path

from . import feeds, views

app_name = "newsletter"

urlpatterns = [
    path("inschrijven/", views.subscribe, name="subscribe"),
    path("inschrijven/bedankt/", views.subscribe_done, name="subscribe_done"),
    path("bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("uitschrijven/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mijn-gegevens/<str:token>/", views.data, name="data"),
    path("feed/rss/", feeds.IssuesRssFeed(), name="feed_rss"),
    path("feed/atom/", feeds.IssuesAtomFeed(), name="feed_atom"),
]
