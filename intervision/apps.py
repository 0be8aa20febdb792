from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntervisionConfig(AppConfig):
    name = "intervision"
    verbose_name = _("Intervisie")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .guard.settings import clear_editor_names
        from .models import GuardName

        # Every process reads the editors' names from the shared cache; a change clears it.
        post_save.connect(clear_editor_names, sender=GuardName, dispatch_uid="guard-names-saved")
        post_delete.connect(
            clear_editor_names, sender=GuardName, dispatch_uid="guard-names-deleted"
        )
