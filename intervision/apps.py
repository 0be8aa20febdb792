from django.apps import AppConfig


class IntervisionConfig(AppConfig):
    name = "intervision"
