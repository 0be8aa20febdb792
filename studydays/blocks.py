"""The programme of a study day: time slots with plenary sessions and workshops to choose from."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks


class SessionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    speaker = blocks.CharBlock(label=_("Spreker"), max_length=200, required=False)
    room = blocks.CharBlock(label=_("Zaal"), max_length=100, required=False)
    description = blocks.TextBlock(label=_("Beschrijving"), required=False)

    class Meta:
        icon = "user"
        label = _("Sessie")


class WorkshopBlock(SessionBlock):
    capacity = blocks.IntegerBlock(
        label=_("Capaciteit"),
        min_value=1,
        help_text=_("Hoeveel deelnemers deze workshop kan ontvangen."),
    )

    class Meta:
        icon = "group"
        label = _("Workshop")


class TimeSlotBlock(blocks.StructBlock):
    """One slot of the day; when it has workshops, each registrant chooses exactly one of them."""

    start = blocks.TimeBlock(label=_("Begin"))
    end = blocks.TimeBlock(label=_("Einde"), required=False)
    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    sessions = blocks.ListBlock(SessionBlock(), label=_("Sessies"), default=[])
    workshops = blocks.ListBlock(
        WorkshopBlock(),
        label=_("Workshops"),
        default=[],
        help_text=_("Workshops met een eigen capaciteit; deelnemers kiezen er één per tijdslot."),
    )

    class Meta:
        icon = "time"
        label = _("Tijdslot")
        template = "studydays/blocks/time_slot_block.html"


# After an item that ends a sentence the next one needs no separator.
SENTENCE_ENDS = (".", "!", "?", "…")


class ProgrammeBlock(blocks.StreamBlock):
    slot = TimeSlotBlock()

    def get_searchable_content(self, value):
        # Each item (a slot's title, a session's speaker, its room, ...) is a string of its own,
        # which search joins with a line break or a space: a result's snippet then read "Zaal
        # Dijle Een stand van zaken". One text with the items kept apart reads as a programme.
        text = ""
        for item in super().get_searchable_content(value):
            item = item.strip()
            if not item:
                continue
            if text:
                text += " " if text.endswith(SENTENCE_ENDS) else " · "
            text += item
        return [text] if text else []
