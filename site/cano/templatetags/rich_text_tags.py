from django import template
from django.utils.safestring import mark_safe

from cano.richtext import rich_text_html, rich_text_plain

register = template.Library()


@register.filter
def rich_text(value):
    """A text written with the editor, sanitised again on the way out (the admin can edit it)."""
    return mark_safe(rich_text_html(value or ""))  # noqa: S308 - nh3 output


@register.filter
def plain_text(value):
    """The words of a text written with the editor, without markup, for a teaser or a list."""
    return rich_text_plain(value or "")
