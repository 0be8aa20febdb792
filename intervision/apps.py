from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntervisionConfig(AppConfig):
    name = "intervision"
    verbose_name = _("Intervisie")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from cano.search.registry import SearchSource, register

        from . import selectors
        from .guard.settings import clear_editor_names
        from .models import Case, Contribution, GuardName, Lesson

        # Every process reads the editors' names from the shared cache; a change clears it.
        post_save.connect(clear_editor_names, sender=GuardName, dispatch_uid="guard-names-saved")
        post_delete.connect(
            clear_editor_names, sender=GuardName, dispatch_uid="guard-names-deleted"
        )

        register(
            SearchSource(
                model=Case,
                label=_("Intervisie"),
                visible_to=selectors.cases_visible_to,
                url=lambda case: case.get_absolute_url(),
                date=lambda case: case.created_at,
                title=lambda case: case.title,
            )
        )
        register(
            SearchSource(
                model=Contribution,
                label=_("Intervisie"),
                visible_to=selectors.contributions_visible_to,
                url=lambda contribution: contribution.get_absolute_url(),
                date=lambda contribution: contribution.created_at,
                title=str,
            )
        )
        register(
            SearchSource(
                model=Lesson,
                label=_("Geleerde les"),
                visible_to=selectors.lessons_visible_to,
                url=lambda lesson: lesson.get_absolute_url(),
                date=lambda lesson: lesson.published_at,
                title=lambda lesson: lesson.title,
            )
        )
