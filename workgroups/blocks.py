"""StreamField blocks of CANOklas modules."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from cano.home.blocks import (
    SAFE_RICH_TEXT_FEATURES,
    DocumentBlock,
    HeadingBlock,
    ImageBlock,
    IndexedRichTextBlock,
    IndexedStructBlock,
    QuoteBlock,
)


class ModuleImageBlock(ImageBlock):
    """An image whose renditions stay behind the login when its collection is staff-only."""

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "workgroups/blocks/image_block.html"


class ExerciseBlock(IndexedStructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Soort"),
        choices=[("exercise", _("Oefening")), ("reflection", _("Reflectievraag"))],
        default="exercise",
    )
    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    question = blocks.TextBlock(label=_("Opdracht of vraag"))
    guidance = IndexedRichTextBlock(
        label=_("Tips voor de begeleider"), features=SAFE_RICH_TEXT_FEATURES, required=False
    )

    class Meta:
        icon = "help"
        label = _("Oefening of reflectievraag")
        template = "workgroups/blocks/exercise_block.html"


class ModuleStreamBlock(blocks.StreamBlock):
    """The body of a CANOklas module."""

    heading = HeadingBlock()
    paragraph = IndexedRichTextBlock(
        label=_("Tekst"), features=SAFE_RICH_TEXT_FEATURES, icon="pilcrow"
    )
    image = ModuleImageBlock()
    embed = EmbedBlock(label=_("Video"), icon="media")
    document = DocumentBlock()
    exercise = ExerciseBlock()
    quote = QuoteBlock()
