"""Rich text written on the front end: the editor's widget and form field, and the one sanitiser.

With JavaScript, the widget becomes an editor with a small toolbar (django-prose-editor's build
of Tiptap/ProseMirror, started by `static/js/rich-text.js`) and posts HTML. Without JavaScript it
stays a textarea and what is typed is plain text: a blank line starts a paragraph, a line break
stays a line break, and nothing is read as HTML. The script marks which of the two was posted in
a hidden `<name>_format` field; whatever arrives, the field's value is sanitised HTML.
"""

import json
import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

import nh3

from django import forms
from django.templatetags.static import static
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail.search import index


@dataclass(frozen=True)
class ToolbarButton:
    name: str  # the editor's command
    label: Promise
    icon: str  # a Material Icons ligature
    tags: tuple[str, ...]  # the markup the button writes


TOOLBAR = (
    ToolbarButton("bold", _("Vet"), "format_bold", ("strong",)),
    ToolbarButton("italic", _("Cursief"), "format_italic", ("em",)),
    ToolbarButton(
        "bulletList", _("Lijst met opsommingstekens"), "format_list_bulleted", ("ul", "li")
    ),
    ToolbarButton("orderedList", _("Genummerde lijst"), "format_list_numbered", ("ol", "li")),
    ToolbarButton("link", _("Link"), "insert_link", ("a",)),
)
# The allow-list is the toolbar's markup plus paragraphs and line breaks: the sanitiser keeps
# exactly what the editor can write.
RICH_TEXT_TAGS = frozenset({"p", "br"}.union(*(button.tags for button in TOOLBAR)))
RICH_TEXT_ATTRIBUTES = {"a": {"href", "title"}}  # the link dialog asks for both
RICH_TEXT_URL_SCHEMES = {"http", "https", "mailto"}

FORMAT_SUFFIX = "_format"
HTML_FORMAT = "html"
TAG_PATTERN = re.compile(r"<\s*/?\s*[a-z][^>]*>", re.IGNORECASE)
BLOCK_TAGS = {"p", "div", "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"}


def rich_text_clean(html: str) -> str:
    """Keep only the toolbar's formatting; scripts, styles, event handlers and other links go."""
    return nh3.clean(
        html or "",
        tags=set(RICH_TEXT_TAGS),
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=RICH_TEXT_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def rich_text_from_plain(text: str) -> str:
    """Plain text as HTML: a blank line starts a paragraph, a line break becomes <br>."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [part.strip("\n") for part in re.split(r"\n[ \t]*\n", text) if part.strip()]
    return "".join(
        f"<p>{escape(part, quote=False).replace(chr(10), '<br>')}</p>" for part in paragraphs
    )


def rich_text_html(value: str) -> str:
    """A stored text as safe HTML. Texts saved before the editor (no tags) are plain text."""
    if not TAG_PATTERN.search(value or ""):
        return rich_text_from_plain(value)
    return rich_text_clean(value)


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[list[int]] = []  # per open list: [is ordered, items so far]
        self.items = 0  # list items open around the current position
        self.at_marker = False  # just after an item's "- ", before its text

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag in {"ul", "ol"}:
            self.lists.append([tag == "ol", 0])
            self.parts.append("\n\n")
        elif tag == "li":
            marker = "- "
            if self.lists:
                self.lists[-1][1] += 1
                if self.lists[-1][0]:
                    marker = f"{self.lists[-1][1]}. "
            self.parts.append("\n" + marker)
            self.items += 1
            self.at_marker = True
            return
        elif tag in BLOCK_TAGS and not self.at_marker:
            # The editor wraps an item's text in <p>: that first paragraph stays on its line.
            self.parts.append("\n" if self.items else "\n\n")
        self.at_marker = self.at_marker and tag in BLOCK_TAGS

    def handle_endtag(self, tag):
        if tag in {"ul", "ol"} and self.lists:
            self.lists.pop()
        if tag == "li":
            self.items = max(0, self.items - 1)
        elif tag in BLOCK_TAGS and not self.items:
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.at_marker = False
        self.parts.append(data)


def rich_text_plain(html: str) -> str:
    """The text of a rich text, paragraphs apart: for search, snippets, the guard and a textarea."""
    collector = _TextCollector()
    collector.feed(rich_text_html(html))
    collector.close()
    text = "".join(collector.parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def rich_text_submitted(data, name: str) -> bool:
    """Whether the field `name` was posted by the editor (HTML) rather than as plain text."""
    return data.get(name + FORMAT_SUFFIX) == HTML_FORMAT


class RichTextWidget(forms.Textarea):
    """A textarea the script turns into an editor; without the script it takes plain text.

    The textarea holds the text as plain text, for whoever has no JavaScript; the editor starts
    from the HTML in `data-rich-text-html`.
    """

    class Media:
        css = {
            "all": [
                "django_prose_editor/material-icons.css",
                "django_prose_editor/editor.css",
                "css/rich-text.css",
            ]
        }
        js = [forms.Script("js/rich-text.js", type="module")]

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if value is None:
            return None
        if rich_text_submitted(data, name):
            return rich_text_clean(value)
        return rich_text_from_plain(value)

    def format_value(self, value):
        return rich_text_plain(value or "")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        config = {
            "editor": static("django_prose_editor/editor.js"),
            "toolbar": [
                {"name": button.name, "label": str(button.label), "icon": button.icon}
                for button in TOOLBAR
            ],
            "toolbarLabel": str(_("Opmaak")),
            "messages": {
                "Edit Link": str(_("Link toevoegen")),
                "URL": str(_("Adres (https://…)")),
                "Title": str(_("Titel")),
                "Update": str(_("Toepassen")),
                "Cancel": str(_("Annuleren")),
            },
        }
        context["widget"]["attrs"]["data-rich-text"] = json.dumps(config, separators=(",", ":"))
        context["widget"]["attrs"]["data-rich-text-html"] = rich_text_html(value or "")
        return context

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        return format_html(
            '{}<input type="hidden" name="{}" value="text" data-rich-text-format>',
            textarea,
            name + FORMAT_SUFFIX,
        )


class RichTextField(forms.CharField):
    """A front-end text with the toolbar's formatting; its cleaned value is sanitised HTML.

    Text that holds nothing but markup (an empty paragraph) counts as empty.
    """

    widget = RichTextWidget

    def to_python(self, value):
        value = super().to_python(value)
        return value if rich_text_plain(value) else ""


class RichTextSearchField(index.SearchField):
    """Indexes a rich-text column as its text, so no markup reaches the index or a snippet."""

    def get_value(self, obj):
        return rich_text_plain(super().get_value(obj) or "")


class RichTextAutocompleteField(index.AutocompleteField):
    """Autocompletes on a rich-text column's words, not on its tags."""

    def get_value(self, obj):
        return rich_text_plain(super().get_value(obj) or "")
