from django.apps import AppConfig


class CanoConfig(AppConfig):
    name = "cano"
    verbose_name = "CANO-platform"

    def ready(self):
        from cano.files import receivers

        receivers.connect()
