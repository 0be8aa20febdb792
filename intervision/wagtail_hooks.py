"""Editors and facilitators manage methods, groups and lessons learned in the Wagtail admin.

Cases and contributions are deliberately not in the admin: only the group may read them.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import GuardName, IntervisionGroup, Lesson, Method


class MethodViewSet(SnippetViewSet):
    model = Method
    icon = "list-ol"
    menu_label = _("Methoden")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class IntervisionGroupViewSet(SnippetViewSet):
    model = IntervisionGroup
    icon = "group"
    menu_label = _("Groepen")
    list_display = ["name", "default_method", "member_count"]
    search_fields = ["name"]


class LessonViewSet(SnippetViewSet):
    model = Lesson
    icon = "openquote"
    menu_label = _("Geleerde lessen")
    list_display = ["title", "group", "published_at", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title"]


class GuardNameViewSet(SnippetViewSet):
    model = GuardName
    icon = "warning"
    menu_label = _("Namen in de controle")
    list_display = ["name", "exempt"]
    list_filter = ["exempt"]
    search_fields = ["name"]


class IntervisionViewSetGroup(SnippetViewSetGroup):
    items = (IntervisionGroupViewSet, MethodViewSet, LessonViewSet, GuardNameViewSet)
    menu_icon = "group"
    menu_label = _("Intervisie")
    menu_name = "intervision"
    menu_order = 250


register_snippet(IntervisionViewSetGroup)
