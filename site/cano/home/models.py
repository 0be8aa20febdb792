from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
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
