"""Editors and facilitators manage methods, groups and lessons learned in the Wagtail admin.

Cases and contributions are deliberately not in the admin: only the group may read them.
"""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cano.accounts.selectors import user_is_staff_member
from cano.home.personal_data import PersonalDataStore, duration_text, months_text
from cano.hooks import (
    PERSONAL_DATA_STORES,
    SearchSource,
    register_account_section,
    register_calendar_events,
    register_dashboard_section,
    register_demo_seed,
    register_search_sources,
    register_staff_menu_item,
)

from . import demo, selectors
from .forms import LessonAdminForm, NotificationPreferenceForm
from .models import Case, Contribution, GuardName, IntervisionGroup, Lesson, Method


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
    list_display = [
        "title",
        "group",
        "published_at",
        BooleanColumn("is_published", label=_("Gepubliceerd"), sort_key="is_published"),
    ]
    list_filter = ["is_published"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [*Lesson.panels, FieldPanel("confirm_pseudonymised")], base_form_class=LessonAdminForm
    )


class GuardNameViewSet(SnippetViewSet):
    model = GuardName
    icon = "warning"
    menu_label = _("Namen in de controle")
    list_display = [
        "name",
        BooleanColumn("exempt", label=_("Nooit melden"), sort_key="exempt"),
    ]
    list_filter = ["exempt"]
    search_fields = ["name"]


class IntervisionViewSetGroup(SnippetViewSetGroup):
    items = (IntervisionGroupViewSet, MethodViewSet, LessonViewSet, GuardNameViewSet)
    menu_icon = "group"
    menu_label = _("Intervisie")
    menu_name = "intervision"
    menu_order = 250


register_snippet(IntervisionViewSetGroup)


@hooks.register(PERSONAL_DATA_STORES)
def personal_data_stores():
    return [
        PersonalDataStore(
            what=gettext("Intervisie: casussen, bijdragen en documenten (gepseudonimiseerd)"),
            purpose=gettext("Casussen bespreken in een besloten groep van collega's"),
            retention=gettext(
                "Tot %(period)s na het afsluiten van de casus; daarna wissen we de casus met "
                "bijdragen en documenten. Een gepubliceerde geleerde les blijft, zonder "
                "verwijzing naar de casus."
            )
            % {"period": months_text(selectors.retention_months())},
            order=20,
        ),
        PersonalDataStore(
            what=gettext("Intervisie: documenten van een casus die nog niet geplaatst is"),
            purpose=gettext("Je documenten bewaren terwijl je je tekst nakijkt"),
            retention=gettext("Tot je de casus plaatst, en hoogstens %(period)s")
            % {"period": duration_text(selectors.pending_upload_lifetime().total_seconds())},
            order=21,
        ),
    ]


@register_search_sources
def search_sources():
    return [
        SearchSource(
            model=Case,
            label=_("Intervisie"),
            visible_to=selectors.cases_visible_to,
            url=lambda case: case.get_absolute_url(),
            date=lambda case: case.created_at,
            title=lambda case: case.title,
        ),
        SearchSource(
            model=Contribution,
            label=_("Intervisie"),
            visible_to=selectors.contributions_visible_to,
            url=lambda contribution: contribution.get_absolute_url(),
            date=lambda contribution: contribution.created_at,
            title=str,
        ),
        SearchSource(
            model=Lesson,
            label=_("Geleerde les"),
            visible_to=selectors.lessons_visible_to,
            url=lambda lesson: lesson.get_absolute_url(),
            date=lambda lesson: lesson.published_at,
            title=lambda lesson: lesson.title,
        ),
    ]


def account_section(*, user):
    """This app's block on the account page: the member's groups and how they get e-mails."""
    if not user_is_staff_member(user):
        return None
    return {
        "title": gettext("Intervisie"),
        "template": "intervision/account_section.html",
        "groups": list(selectors.groups_for_user(user)),
        "preference_form": NotificationPreferenceForm(
            initial={"frequency": selectors.notification_frequency_for(user)}
        ),
    }


register_dashboard_section(selectors.dashboard_section, order=20)
register_account_section(account_section, order=20)
register_calendar_events(selectors.meeting_calendar_events)
register_demo_seed(demo.seed, order=20)


def staff_menu_item():
    """Intervision is no page: staff reach their groups from the menu."""
    return {"title": gettext("Intervisie"), "url": reverse("intervision:my_intervision")}


register_staff_menu_item(staff_menu_item, order=10)
