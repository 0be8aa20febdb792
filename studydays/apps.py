from django.apps import AppConfig


class StudydaysConfig(AppConfig):
    name = "studydays"
