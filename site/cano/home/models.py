import re

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cano.hooks import dashboard_sections

from .blocks import BaseStreamBlock
from .mixins import IntroMixin


class HomePage(IntroMixin, Page):
    """The front page: a hero, an introduction, the latest newsletter and the next study day."""

    hero_title = models.CharField(_("hero-titel"), max_length=200, blank=True)
    hero_text = models.CharField(_("hero-tekst"), max_length=400, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero-afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("hero_image"),
        *IntroMixin.content_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_text"),
        *IntroMixin.search_fields,
    ]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    search_type_label = _("Pagina")

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        # Imported here: the selectors read this module's models.
        from .selectors import home_page_cards_for

        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_cards_for(request=request))
        return context


class StandardPage(Page):
    """A plain content page (about CANO, privacy notice, contact) with a flexible body."""

    intro = models.TextField(_("introductie"), max_length=600, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_type_label = _("Pagina")
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standaardpagina")


class StaffAreaPage(IntroMixin, Page):
    """The staff area (/medewerkers/): visible to logged-in staff only, the root of their content."""

    content_panels = [*Page.content_panels, *IntroMixin.content_panels]
    search_fields = [*Page.search_fields, *IntroMixin.search_fields]
    max_count = 1
    parent_page_types = ["home.HomePage"]
    search_type_label = _("Pagina")

    class Meta:
        verbose_name = _("medewerkerszone")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["dashboard_sections"] = dashboard_sections(user=request.user)
        return context


class PageTreeVersion(models.Model):
    """One row: the version of the page tree that cached menus and restricted paths belong to.

    In the database rather than the cache: every application server reads it, also those whose
    cache is their own process's memory, so a change in one is seen by all on their next request.
    """

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("versie van de paginaboom")

    def __str__(self):
        return self.token


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """The one place editors keep the organisation's contact details.

    The contact page, the footer, the privacy statement (the data controller) and the
    accessibility statement (feedback) all show these, so a new phone number is changed once.
    """

    organisation_name = models.CharField(
        _("naam van de organisatie"), max_length=200, default="CANO Vlaanderen vzw"
    )
    address = models.TextField(
        _("adres"),
        max_length=400,
        blank=True,
        help_text=_("Straat en nummer, postcode en gemeente."),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(
        _("telefoonnummer"),
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9 ./()-]{6,}$",
                _("Vul een telefoonnummer in met cijfers, zoals 09 123 45 67 of +32 9 123 45 67."),
            )
        ],
    )
    phone_hours = models.CharField(
        _("telefonisch bereikbaar"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: op werkdagen van 9 tot 16 uur."),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("address"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("phone_hours"),
    ]

    class Meta:
        verbose_name = _("Contactgegevens")

    @property
    def phone_href(self) -> str:
        """The number for a `tel:` link: digits only, in international form for Belgium."""
        # "+32 (0)9 ..." : the trunk zero in brackets is not dialled from abroad.
        digits = re.sub(r"[^0-9+]", "", self.phone.replace("(0)", ""))
        if digits.startswith("00"):
            digits = "+" + digits[2:]
        elif digits.startswith("0"):
            digits = "+32" + digits[1:]
        return f"tel:{digits}" if digits else ""

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]


def statement_page_field(verbose_name):
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


@register_setting(icon="doc-full")
class StatementPagesSettings(BaseSiteSetting):
    """Which pages hold the privacy statement, the accessibility statement and the contact page.

    Linked from the footer and from every consent text; chosen pages keep their links when an
    editor moves or renames them.
    """

    privacy_page = statement_page_field(_("privacyverklaring"))
    accessibility_page = statement_page_field(_("toegankelijkheidsverklaring"))
    contact_page = statement_page_field(_("contactpagina"))

    panels = [
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
        FieldPanel("contact_page"),
    ]

    class Meta:
        verbose_name = _("Verklaringen en contactpagina")
