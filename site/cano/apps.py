from django.apps import AppConfig


class CanoConfig(AppConfig):
    name = "cano"
    verbose_name = "CANO-platform"

    def ready(self):
        from .client_address import trusted_proxy_networks

        # A typo in DJANGO_TRUSTED_PROXIES stops the start, not every request later.
        trusted_proxy_networks()
