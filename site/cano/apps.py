from django.apps import AppConfig

# Registers the <id:...> URL converter before any app's models or URLs use it: app configs are
# imported before models, and routable pages build their URL patterns at import.
from . import converters  # noqa: F401


class CanoConfig(AppConfig):
    name = "cano"
    verbose_name = "CANO-platform"
