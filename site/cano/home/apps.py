from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "cano.home"
    label = "home"
    verbose_name = "Site"

    def ready(self):
        from . import receivers

        receivers.connect()
