from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkgroupsConfig(AppConfig):
    name = "workgroups"
    verbose_name = _("Werkgroepen en CANOklas")

    def ready(self):
        from cano.search.registry import SearchSource, register

        from .models import WorkgroupUpdate
        from .selectors import workgroup_updates_visible_to

        register(
            SearchSource(
                model=WorkgroupUpdate,
                label=_("Werkgroep-update"),
                visible_to=workgroup_updates_visible_to,
                url=lambda update: f"{update.workgroup.url}#update-{update.pk}",
                date=lambda update: update.created_at,
                title=lambda update: f"Update in {update.workgroup.title}",
            )
        )
