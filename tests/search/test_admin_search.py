"""The Wagtail admin's searches answer any typed text with a page, never a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.test import Client
from django.urls import reverse

from wagtail.snippets.models import get_snippet_models

from tests.factories import StandardPageFactory
from tests.factories.accounts import OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.search]

hostile = st.one_of(
    st.text(max_size=120),
    st.sampled_from(
        [
            "' OR 1=1 --",
            "{'a': 1}",
            '"unbalanced',
            '"begeleiding van" jongeren',
            "jongeren AND NOT ouders",
            "a & b | !c :* <->",
            "title:x live:true",
            "\\",
            "x" * 3000,
        ]
    ),
)


@pytest.fixture
def content(site_tree):
    page = StandardPageFactory(parent=site_tree["home"], title="Begeleiding van jongeren")
    OrganisationFactory(name="Jeugdzorg Oost", short_name="JZO")
    return {"page": page}


@pytest.fixture
def editor_browser(editor_user):
    client = Client(raise_request_exception=False)
    client.force_login(editor_user)
    return client


def admin_search_urls(page):
    """Every admin listing or chooser an editor searches from a search box."""
    urls = [
        "/admin/pages/search/",
        f"/admin/pages/{page.get_parent().pk}/",
        "/admin/choose-page/search/",
        "/admin/images/",
        "/admin/images/chooser/results/",
        "/admin/documents/",
        "/admin/documents/chooser/results/",
    ]
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        urls.append(reverse(viewset.get_url_name("list")))
        urls.append(reverse(viewset.chooser_viewset.get_url_name("choose_results")))
    return urls


def test_admin_page_search_with_a_quote_finds_the_page_by_its_words(editor_browser, content):
    """A quoted phrase in the admin page search finds the page instead of a server error."""
    response = editor_browser.get("/admin/pages/search/", {"q": '"begeleiding van" jongeren'})
    assert response.status_code == 200
    assert "Begeleiding van jongeren" in response.content.decode()


def test_admin_organisation_search_finds_by_short_name(editor_browser, content):
    """The organisations list searches the short name it shows."""
    response = editor_browser.get("/admin/snippets/accounts/organisation/", {"q": "JZO"})
    assert response.status_code == 200
    assert "Jeugdzorg Oost" in response.content.decode()


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=hostile)
def test_any_admin_search_answers_without_a_server_error(editor_browser, content, query):
    """Whatever an editor types, every admin search box answers below 500."""
    for url in admin_search_urls(content["page"]):
        response = editor_browser.get(url, {"q": query})
        assert response.status_code < 500, url
