from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cano.hooks import (
    SearchSource,
    register_account_section,
    register_calendar_events,
    register_dashboard_section,
    register_demo_seed,
    register_search_sources,
)

from . import demo, selectors
from .models import Theme, WorkgroupUpdate


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Thema's")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class WorkgroupUpdateViewSet(SnippetViewSet):
    """Editors moderate updates here as well as on the workgroup pages."""

    model = WorkgroupUpdate
    icon = "comment"
    menu_label = _("Updates")
    list_display = ["__str__", "created_at"]
    list_filter = ["workgroup"]
    ordering = ["-created_at"]


class WorkgroupsViewSetGroup(SnippetViewSetGroup):
    items = (ThemeViewSet, WorkgroupUpdateViewSet)
    menu_icon = "group"
    menu_label = _("Werkgroepen")
    menu_name = "workgroups"


register_snippet(WorkgroupsViewSetGroup)


@register_search_sources
def search_sources():
    return [
        SearchSource(
            model=WorkgroupUpdate,
            label=_("Werkgroep-update"),
            visible_to=selectors.workgroup_updates_visible_to,
            url=lambda update: f"{update.workgroup.url}#update-{update.pk}",
            date=lambda update: update.created_at,
            title=lambda update: f"Update in {update.workgroup.title}",
        )
    ]


register_dashboard_section(selectors.dashboard_section, order=10)
register_account_section(selectors.account_section, order=30)
register_calendar_events(selectors.meeting_calendar_events)
register_demo_seed(demo.seed, order=10)
