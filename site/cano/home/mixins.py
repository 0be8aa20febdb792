"""Fields that several page types share, each with its own panels and search fields."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from .blocks import SAFE_RICH_TEXT_FEATURES


class IntroMixin(models.Model):
    """A short rich-text introduction under the page title, found by search.

    A page type adds ``*IntroMixin.content_panels`` where the editor should meet the field, and
    ``*IntroMixin.search_fields`` after its base's.
    """

    intro = RichTextField(_("introductie"), features=SAFE_RICH_TEXT_FEATURES, blank=True)

    content_panels = [FieldPanel("intro")]
    search_fields = [index.SearchField("intro")]

    class Meta:
        abstract = True
