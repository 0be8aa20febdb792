from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from cano.accounts.selectors import user_is_editor
from cano.home.personal_data import PersonalDataStore, duration_text
from cano.hooks import (
    PERSONAL_DATA_STORES,
    register_account_section,
    register_dashboard_section,
    register_demo_seed,
    register_home_page_context,
)

from . import admin_views, demo, selectors, tokens
from .models import NewsletterIssuePage, Subscriber


class SubscriberViewSet(ModelViewSet):
    """The subscriber list and its export: personal data, for editors only (model permissions)."""

    model = Subscriber
    icon = "mail"
    menu_label = _("Abonnees nieuwsbrief")
    add_to_admin_menu = True
    menu_order = 310
    url_prefix = "nieuwsbrief/abonnees"
    name = "newsletter_subscribers"
    list_display = ["email", "name", "status", "created_at", "confirmed_at"]
    list_filter = ["status"]
    list_export = ["email", "name", "status", "created_at", "confirmed_at"]
    export_filename = "abonnees-cano-nieuwsbrief"
    search_fields = ["email", "name"]
    form_fields = ["name"]
    inspect_view_enabled = True


subscriber_viewset = SubscriberViewSet()


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return subscriber_viewset


@hooks.register("register_admin_urls")
def register_send_urls():
    return [
        path(
            "nieuwsbrief/<id:page_id>/verzenden/",
            admin_views.issue_send_view,
            name="newsletter_issue_send",
        ),
        path(
            "nieuwsbrief/<id:page_id>/verzenden/bevestigen/",
            admin_views.issue_send_confirm_view,
            name="newsletter_issue_send_confirm",
        ),
    ]


def _send_button(page, user):
    if isinstance(page.specific_deferred, NewsletterIssuePage) and user_is_editor(user):
        yield Button(
            _("Verzenden als e-mail"),
            reverse("newsletter_issue_send", args=[page.pk]),
            icon_name="mail",
            priority=25,
        )


@hooks.register("register_page_header_buttons")
def page_header_send_button(page, user, view_name, next_url=None):
    yield from _send_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def page_listing_send_button(page, user, next_url=None):
    yield from _send_button(page, user)


@hooks.register("before_copy_page")
def refuse_issue_copy(request, page):
    """A copy would share the original's number and period, which the rules forbid."""
    if isinstance(page.specific_deferred, NewsletterIssuePage):
        messages.error(
            request,
            _(
                "Een nieuwsbriefnummer kan niet gekopieerd worden: elk nummer heeft een eigen "
                "nummer en periode. Maak een nieuw nummer aan in het archief."
            ),
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register(PERSONAL_DATA_STORES)
def personal_data_stores():
    return [
        PersonalDataStore(
            what=gettext("Abonnees van de nieuwsbrief: e-mailadres en (optioneel) naam"),
            purpose=gettext("Je de CANOnieuwsbrief sturen"),
            retention=gettext(
                "Tot je je uitschrijft (met de link in elke nieuwsbrief). Een inschrijving "
                "die je niet bevestigt, wissen we %(period)s na de aanvraag."
            )
            % {"period": duration_text(tokens.max_age(tokens.CONFIRM))},
            order=40,
        ),
    ]


@register_home_page_context
def home_page_context(*, request):
    return {"latest_issue": selectors.newsletter_issue_latest()}


register_dashboard_section(selectors.dashboard_section, order=40)
register_account_section(selectors.account_section, order=40)
register_demo_seed(demo.seed, order=40)
