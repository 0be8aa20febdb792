"""RSS and Atom feeds of the issues, each item with the full text of the issue."""

from django.contrib.syndication.views import Feed
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from .emails import absolutize
from .selectors import issues_published

FEED_SIZE = 20


class FullContentRss(Rss201rev2Feed):
    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content"])


class FullContentAtom(Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content"], {"type": "html"})


class IssuesRssFeed(Feed):
    feed_type = FullContentRss
    title = _("CANOnieuwsbrief")
    description = _("De nieuwsbrief van CANO Vlaanderen, drie keer per jaar.")

    def link(self):
        archive = issues_published().first()
        return archive.get_parent().url if archive else "/"

    def feed_url(self):
        return reverse("newsletter:feed_rss")

    def items(self):
        return issues_published().specific()[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.title} ({item.period_label})"

    def item_description(self, item):
        return item.search_description or f"{item.title}, {item.period_label}"

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_extra_kwargs(self, item):
        html = render_to_string("newsletter/feed_content.html", {"issue": item})
        return {"content": absolutize(html)}


class IssuesAtomFeed(IssuesRssFeed):
    feed_type = FullContentAtom
    subtitle = IssuesRssFeed.description

    def feed_url(self):
        return reverse("newsletter:feed_atom")
