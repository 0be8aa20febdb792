from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from cano.accounts.selectors import user_is_editor
from cano.home.personal_data import DAY, PersonalDataStore, duration_text
from cano.hooks import (
    PERSONAL_DATA_STORES,
    register_account_section,
    register_calendar_events,
    register_dashboard_section,
    register_demo_seed,
    register_home_page_context,
)

from . import admin_urls, demo, selectors
from .models import StudyDayPage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("studiedagen/", include(admin_urls, namespace="studydays_admin"))]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_editor(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return EditorsMenuItem(
        _("Inschrijvingen"), reverse("studydays_admin:index"), icon_name="list-ul", order=250
    )


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, StudyDayPage) and user_is_editor(user):
        yield Button(
            _("Inschrijvingen"),
            reverse("studydays_admin:registrations", args=[page.pk]),
            icon_name="list-ul",
            priority=90,
        )


@hooks.register("register_page_listing_more_buttons")
def registrations_listing_button(page, user, next_url=None):
    if isinstance(page.specific_deferred, StudyDayPage) and user_is_editor(user):
        yield Button(
            _("Inschrijvingen"),
            reverse("studydays_admin:registrations", args=[page.pk]),
            icon_name="list-ul",
            priority=90,
        )


@hooks.register(PERSONAL_DATA_STORES)
def personal_data_stores():
    return [
        PersonalDataStore(
            what=gettext(
                "Inschrijvingen voor een studiedag: naam, e-mailadres, organisatie, "
                "workshopkeuzes en antwoorden op de vragen van het formulier"
            ),
            purpose=gettext("Je inschrijving, de wachtlijst, de herinnering en de organisatie"),
            retention=gettext(
                "Tot %(period)s na de studiedag; daarna houden we alleen aantallen bij"
            )
            % {"period": duration_text(selectors.retention_days() * DAY)},
            order=30,
        ),
    ]


@register_home_page_context
def home_page_context(*, request):
    return {"next_study_day": selectors.study_day_next(user=request.user)}


register_dashboard_section(selectors.dashboard_section, order=30)
register_account_section(selectors.account_section, order=10)
register_demo_seed(demo.seed, order=30)
register_calendar_events(selectors.study_day_calendar_events)
