from django.apps import AppConfig


class StudydaysConfig(AppConfig):
    name = "studydays"

    def ready(self):
        from . import receivers

        receivers.connect()
