from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from cano.home.blocks import SAFE_RICH_TEXT_FEATURES, IndexedRichTextBlock


class InternalLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Pagina"))
    label = blocks.CharBlock(
        label=_("Linktekst"),
        required=False,
        max_length=120,
        help_text=_("Leeg: de titel van de pagina."),
    )

    class Meta:
        icon = "link"
        label = _("Link naar de site")


class ArticleBlock(blocks.StructBlock):
    """One article of an issue: shown on the web, in the print layout, the feeds and the e-mail."""

    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    teaser = blocks.TextBlock(label=_("Teaser"), max_length=500, required=False)
    body = IndexedRichTextBlock(label=_("Tekst"), features=SAFE_RICH_TEXT_FEATURES)
    image = ImageChooserBlock(label=_("Afbeelding"), required=False)
    image_alt = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        required=False,
        max_length=250,
        help_text=_("Beschrijf de afbeelding voor wie ze niet ziet; leeg voor decoratie."),
    )
    links = blocks.ListBlock(
        InternalLinkBlock(),
        label=_("Links naar de site"),
        required=False,
        # Without an explicit empty default, a new article starts with one link to fill in.
        default=[],
        help_text=_("Optioneel, bijvoorbeeld een studiedag of een CANOklas-module."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Artikel")
        template = "newsletter/blocks/article_block.html"


class ArticleStreamBlock(blocks.StreamBlock):
    article = ArticleBlock()
