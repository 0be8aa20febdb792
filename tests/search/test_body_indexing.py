"""What of a page's body reaches the search index: its words, not its markup or layout."""

import json

import pytest

from django.contrib.auth.models import AnonymousUser

from cano.search.selectors import site_search
from tests.factories import StandardPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.search]


BODY = [
    {"type": "heading", "value": {"text": "Werking van de leefgroep", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p><strong>Ouders</strong>&nbsp;&amp;&nbsp;opvoeders</p><p>samen<br/>aan tafel</p>"
            '<ul><li>eerste</li><li>tweede</li></ul><p><a href="https://voorbeeld.be/'
            'pagina?a=1&amp;b=2" title="x &gt; y">lees verder</a> kinderen &lt; twaalf jaar</p>'
        ),
    },
]


@pytest.fixture
def page(site_tree):
    page = StandardPageFactory(parent=site_tree["home"], title="Leefgroep", slug="leefgroep")
    page.body = json.dumps(BODY)
    page.save_revision().publish()
    return page


def titles_found(query):
    """Whether a visitor's search for ``query`` lists the page."""
    return "Leefgroep" in [
        hit.title for hit in site_search(user=AnonymousUser(), raw_query=query).hits
    ]


def test_the_words_of_headings_and_paragraphs_are_found(page):
    """Words from a heading, from paragraphs, list items and lines apart, from entities and from
    a link's text are all found."""
    for query in ("leefgroep werking", "ouders", "opvoeders", "samen", "tafel", "tweede"):
        assert titles_found(query), query
    assert titles_found('"lees verder"')
    assert titles_found("twaalf jaar")


def test_markup_and_layout_are_not_found(page):
    """A heading's level, tag names, link addresses and attribute values are not words of the
    page."""
    for query in ("h2", "href", "voorbeeld", "https", "strong"):
        assert not titles_found(query), query


def test_paragraphs_and_list_items_stay_apart(page):
    """The end of a paragraph, a list item or a line separates words: "opvoeders" and "samen"
    do not run together."""
    paragraph = page.body[1]
    text = paragraph.block.get_searchable_content(paragraph.value)[0]
    assert text.split() == [
        "Ouders",
        "&",
        "opvoeders",
        "samen",
        "aan",
        "tafel",
        "eerste",
        "tweede",
        "lees",
        "verder",
        "kinderen",
        "<",
        "twaalf",
        "jaar",
    ]
