from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkgroupsConfig(AppConfig):
    name = "workgroups"
    verbose_name = _("Werkgroepen en CANOklas")

    def ready(self):
        from . import receivers

        receivers.connect()
