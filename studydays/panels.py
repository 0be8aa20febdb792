"""The admin panel that shows editors CANO's rhythm: a staff study day every two years."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel


class AlternationPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "studydays/admin/alternation_panel.html"

        def get_context_data(self, parent_context=None):
            # studydays.models imports this panel, and selectors import the models.
            from .selectors import study_day_alternation

            context = super().get_context_data(parent_context)
            instance = self.instance
            context["alternation"] = (
                study_day_alternation(study_day=instance) if instance.date else None
            )
            context["no_date_text"] = _(
                "Kies een datum om te zien welk doelpubliek CANO's ritme voor dat jaar verwacht."
            )
            return context
