from django.apps import AppConfig


class CanoConfig(AppConfig):
    name = "cano"
    verbose_name = "CANO-platform"
