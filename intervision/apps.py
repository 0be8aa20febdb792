from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntervisionConfig(AppConfig):
    name = "intervision"
    verbose_name = _("Intervisie")

    def ready(self):
        from cano.search.registry import SearchSource, register

        from . import selectors
        from .models import Case, Contribution, Lesson

        register(
            SearchSource(
                model=Case,
                label="Intervisie",
                visible_to=selectors.cases_visible_to,
                url=lambda case: case.get_absolute_url(),
                date=lambda case: case.created_at,
                title=lambda case: case.title,
            )
        )
        register(
            SearchSource(
                model=Contribution,
                label="Intervisie",
                visible_to=selectors.contributions_visible_to,
                url=lambda contribution: contribution.get_absolute_url(),
                date=lambda contribution: contribution.created_at,
                title=str,
            )
        )
        register(
            SearchSource(
                model=Lesson,
                label="Geleerde les",
                visible_to=selectors.lessons_visible_to,
                url=lambda lesson: lesson.get_absolute_url(),
                date=lambda lesson: lesson.published_at,
                title=lambda lesson: lesson.title,
            )
        )
