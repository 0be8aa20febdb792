from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cano.search"
    label = "cano_search"
    verbose_name = "Zoeken"
