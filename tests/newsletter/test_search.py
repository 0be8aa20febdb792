import pytest

from django.contrib.auth.models import AnonymousUser

from wagtail.models import Page

from cano.home.selectors import pages_visible_to
from tests.factories.newsletter import NewsletterIssuePageFactory

pytestmark = pytest.mark.django_db


def _article(title, body):
    return (
        "article",
        {"title": title, "teaser": "", "body": body, "image": None, "image_alt": "", "links": []},
    )


def _search(query):
    return list(pages_visible_to(AnonymousUser(), Page.objects.all()).search(query))


def test_public_finds_an_issue_by_article_text(archive):
    """A word from an article finds its issue in the public search."""
    issue = NewsletterIssuePageFactory(
        parent=archive,
        articles=[_article("Wachtlijsten", "<p>Een nieuwe aanpak voor trajectbegeleiding.</p>")],
    )
    assert issue.page_ptr in _search("trajectbegeleiding")


def test_public_finds_an_issue_by_article_title(archive):
    """An article's title finds its issue."""
    issue = NewsletterIssuePageFactory(
        parent=archive, articles=[_article("Participatiewerking", "<p>Tekst.</p>")]
    )
    assert issue.page_ptr in _search("Participatiewerking")


def test_draft_issue_is_not_found(archive):
    """An unpublished issue stays out of the public search."""
    NewsletterIssuePageFactory(
        parent=archive, live=False, articles=[_article("Geheimzinnig", "<p>Onderwerp.</p>")]
    )
    assert _search("Geheimzinnig") == []


def test_issue_pages_carry_their_search_label(issue):
    """Search results show issues as "Nieuwsbrief"."""
    assert str(issue.search_type_label) == "Nieuwsbrief"
