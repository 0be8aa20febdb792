import datetime
from xml.etree import ElementTree

import pytest
import wagtail_factories

from tests.factories.newsletter import NewsletterIssuePageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def _parse(content: bytes):
    return ElementTree.fromstring(content)  # noqa: S314 - the site's own feed


def _article(title, body, image=None):
    return (
        "article",
        {"title": title, "teaser": "", "body": body, "image": image, "image_alt": "", "links": []},
    )


def test_rss_feed_carries_full_content_newest_first(client, archive):
    """Each RSS item holds the whole issue text, newest issue first."""
    NewsletterIssuePageFactory(
        parent=archive,
        publication_date=datetime.date(2025, 3, 1),
        articles=[_article("Oud artikel", "<p>Oude tekst.</p>")],
    )
    NewsletterIssuePageFactory(
        parent=archive,
        publication_date=datetime.date(2026, 3, 1),
        articles=[_article("Nieuw artikel", "<p>De volledige tekst van het artikel.</p>")],
    )
    response = client.get("/nieuwsbrief/feed/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    items = _parse(response.content).findall("./channel/item")
    assert "januari - april 2026" in items[0].findtext("title")
    assert "De volledige tekst van het artikel." in items[0].findtext(CONTENT)
    assert "Oude tekst." in items[1].findtext(CONTENT)


def test_atom_feed_carries_full_content(client, issue):
    """Each Atom entry holds the issue's articles as HTML content."""
    response = client.get("/nieuwsbrief/feed/atom/")
    entry = _parse(response.content).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}content").get("type") == "html"
    assert "Intervisie over schoolverzuim" in entry.findtext(f"{ATOM}content")
    assert entry.find(f"{ATOM}link").get("href").endswith(issue.url)


def test_feeds_leave_out_drafts(client, archive):
    """An unpublished issue is in neither feed."""
    NewsletterIssuePageFactory(parent=archive, title="Geheim ontwerp", live=False)
    for url in ("/nieuwsbrief/feed/rss/", "/nieuwsbrief/feed/atom/"):
        assert "Geheim ontwerp" not in client.get(url).content.decode()


def test_feed_images_and_links_are_absolute(client, archive, settings):
    """Feed readers get absolute image URLs."""
    settings.WAGTAILADMIN_BASE_URL = "https://cano.example"
    image = wagtail_factories.ImageFactory()
    NewsletterIssuePageFactory(
        parent=archive, articles=[_article("Met foto", "<p>Tekst.</p>", image=image)]
    )
    content = _parse(client.get("/nieuwsbrief/feed/rss/").content).findtext(
        f"./channel/item/{CONTENT}"
    )
    assert 'src="https://cano.example/media/images/' in content
