from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("", views.search_view, name="search"),
    path("suggesties/", views.autocomplete_view, name="autocomplete"),
]
