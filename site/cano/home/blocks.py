import re
from html import unescape

from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Site

from .personal_data import personal_data_stores

SAFE_RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


# The end of an HTML block (or a line break): the next block's text starts a new word.
_BLOCK_END = re.compile(r"(</(?:p|h\d|li|blockquote)>|<(?:br|hr)\s*/?>)", re.IGNORECASE)
# A tag, quoted attribute values (which may hold ">") included.
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")


class IndexedRichTextBlock(blocks.RichTextBlock):
    """Wagtail's rich text block, its text read for the search index with two regular
    expressions instead of Wagtail's `get_text_for_indexing` (Django's `strip_tags`, an HTML
    parser run until nothing changes).

    The editor stores well-formed HTML with the text's own `<` and `&` escaped, so the result is
    the same text; it is about seven times faster, and a rebuild reads every paragraph of every
    page.
    """

    def get_searchable_content(self, value):
        if not self.search_index:
            return []
        source = _BLOCK_END.sub(r"\1 ", force_str(value.source))
        return [unescape(_TAG.sub("", source)).strip()]


class IndexedStructBlock(blocks.StructBlock):
    """Wagtail's StructBlock, working out a child's default for the search index only when the
    value lacks that child. Wagtail's own works out every child's default first; for a
    `ChoiceBlock` that normalises its choices each time, a fifth of the time a page's body took
    to index.

    `get_searchable_content` follows Wagtail's `StructBlock.get_searchable_content`
    (Copyright (c) 2014-present Torchbox Ltd and individual contributors; BSD 3-Clause licence).
    """

    def get_searchable_content(self, value):
        if not self.search_index:
            return []
        content = []
        for name, block in self.child_blocks.items():
            child = value[name] if name in value else block.get_default()
            content.extend(block.get_searchable_content(child))
        return content


class HeadingBlock(IndexedStructBlock):
    text = blocks.CharBlock(label=_("Tekst"), max_length=200)
    # Layout, not content: indexed, "H2" would make every page with a heading a match for it.
    level = blocks.ChoiceBlock(
        label=_("Niveau"), choices=[("h2", "H2"), ("h3", "H3")], default="h2", search_index=False
    )

    class Meta:
        icon = "title"
        label = _("Tussentitel")
        template = "components/streamfield/heading_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Afbeelding"))
    caption = blocks.CharBlock(label=_("Bijschrift"), required=False, max_length=250)
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        required=False,
        max_length=250,
        help_text=_("Beschrijf de afbeelding voor wie ze niet ziet; leeg voor decoratie."),
    )

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "components/streamfield/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citaat"))
    attribution = blocks.CharBlock(label=_("Bron"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "components/streamfield/quote_block.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "components/streamfield/document_block.html"


class PersonalDataBlock(blocks.StaticBlock):
    """The privacy statement's table of personal data, purposes and retention, from the settings."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["stores"] = personal_data_stores()
        return context

    class Meta:
        icon = "lock"
        label = _("Bewaartermijnen")
        admin_text = _(
            "Toont welke persoonsgegevens het platform bewaart, waarvoor en hoe lang. "
            "De termijnen komen uit de instellingen van het platform; je past ze hier niet aan."
        )
        template = "components/streamfield/personal_data_block.html"


class ContactDetailsBlock(blocks.StaticBlock):
    """The organisation's contact details, with mail and phone links, from `Contactgegevens`."""

    def get_context(self, value, parent_context=None):
        from .selectors import statement_links

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        site = Site.find_for_request(request) if request is not None else None
        context["contact"] = statement_links(site=site)["contact"]
        return context

    class Meta:
        icon = "mail"
        label = _("Contactgegevens")
        admin_text = _(
            "Toont de naam, het adres, het e-mailadres en het telefoonnummer uit de "
            "instellingen (Instellingen > Contactgegevens); je past ze daar aan."
        )
        template = "components/streamfield/contact_details_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The body blocks every content page shares."""

    heading = HeadingBlock()
    paragraph = IndexedRichTextBlock(
        label=_("Tekst"), features=SAFE_RICH_TEXT_FEATURES, icon="pilcrow"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(label=_("Video of embed"), icon="media")
    document = DocumentBlock()
    personal_data = PersonalDataBlock()
    contact_details = ContactDetailsBlock()
