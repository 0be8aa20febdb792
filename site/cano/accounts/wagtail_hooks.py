from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisaties"
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "short_name", "region", "website"]
    list_filter = ["region"]
    search_fields = ["name", "short_name"]


register_snippet(OrganisationViewSet)
