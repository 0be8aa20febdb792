from django.apps import AppConfig

# Registers the <id:...> URL converter before any app's models or URLs use it: app configs are
# imported before models, and routable pages build their URL patterns at import.
from . import converters  # noqa: F401


class CanoConfig(AppConfig):
    name = "cano"
    verbose_name = "CANO-platform"

    def ready(self):
        from .client_address import trusted_proxy_networks
        from .files import receivers

        # A typo in DJANGO_TRUSTED_PROXIES stops the start, not every request later.
        trusted_proxy_networks()
        receivers.connect()
