import datetime

import pytest

from newsletter.selectors import newsletter_issue_latest
from tests.factories.newsletter import NewsletterIssuePageFactory

pytestmark = pytest.mark.django_db


def _issue(archive, year, month, number, **kwargs):
    return NewsletterIssuePageFactory(
        parent=archive,
        publication_date=datetime.date(year, month, 10),
        number=number,
        title=f"Nummer {number}",
        slug=f"nummer-{number}",
        **kwargs,
    )


def test_archive_lists_issues_newest_first_grouped_by_year(client, archive):
    """The archive shows years as headings and the newest issue first."""
    _issue(archive, 2025, 2, 1)
    _issue(archive, 2025, 10, 3)
    _issue(archive, 2026, 6, 5)
    html = client.get(archive.url).content.decode()
    assert html.index(">2026<") < html.index("Nummer 5") < html.index(">2025<")
    assert html.index("Nummer 3") < html.index("Nummer 1")


def test_archive_is_paginated(client, archive, settings):
    """Older issues move to the next page."""
    settings.NEWSLETTER_ARCHIVE_PER_PAGE = 2
    _issue(archive, 2025, 2, 1)
    _issue(archive, 2025, 6, 2)
    _issue(archive, 2025, 10, 3)
    first = client.get(archive.url).content.decode()
    second = client.get(archive.url + "?pagina=2").content.decode()
    assert "Nummer 3" in first and "Nummer 1" not in first
    assert "Nummer 1" in second and "Nummer 3" not in second


def test_archive_hides_unpublished_issues(client, archive):
    """A draft issue is not in the archive nor the latest on the home page."""
    _issue(archive, 2025, 2, 1)
    _issue(archive, 2026, 2, 2, live=False)
    assert "Nummer 2" not in client.get(archive.url).content.decode()
    assert newsletter_issue_latest().number == 1


def test_home_page_shows_latest_issue_with_period_and_a_form(client, archive):
    """The home page names the newest issue, its period, and offers the subscription form."""
    _issue(archive, 2025, 2, 1)
    _issue(archive, 2026, 10, 2)
    html = client.get("/").content.decode()
    assert "Nummer 2" in html
    assert "september - december 2026" in html
    assert 'action="/nieuwsbrief/inschrijven/"' in html
    assert "csrfmiddlewaretoken" in html


def test_issue_page_shows_articles(client, issue):
    """The web version shows the articles' titles and text."""
    html = client.get(issue.url).content.decode()
    assert "Intervisie over schoolverzuim" in html
    assert "<b>lessen</b>" in html


def test_print_layout_has_articles_without_site_navigation(client, issue):
    """The print-friendly layout holds the content but not the site's header or forms."""
    response = client.get(issue.url + "afdrukken/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Intervisie over schoolverzuim" in html
    assert "site-header" not in html
    assert "<form" not in html


def test_print_layout_names_the_site_icon(client, issue):
    """The print page links the site's icon, so the browser asks for no missing /favicon.ico."""
    head = client.get(issue.url + "afdrukken/").content.decode().split("</head>")[0]
    assert 'rel="icon"' in head


def test_pages_advertise_their_feeds(client, issue, archive):
    """Archive and issue link their RSS and Atom feeds in the head for auto-discovery."""
    for url in (archive.url, issue.url):
        head = client.get(url).content.decode().split("</head>")[0]
        assert 'rel="alternate" type="application/rss+xml"' in head
        assert 'rel="alternate" type="application/atom+xml"' in head


def test_pages_have_no_inline_script_or_style(client, issue, archive):
    """The strict CSP holds: no inline styles or scripts on the newsletter pages."""
    for url in (archive.url, issue.url, issue.url + "afdrukken/", "/nieuwsbrief/inschrijven/"):
        html = client.get(url).content.decode()
        assert "style=" not in html
        assert "<script>" not in html
