"""Search results show the text of what was written with the editor, never its markup."""

import re

import pytest

from django.core.cache import cache

from tests.factories.accounts import StaffFactory
from tests.factories.workgroups import (
    WorkgroupIndexPageFactory,
    WorkgroupMembershipFactory,
    WorkgroupPageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.search]

EDITOR_HTML = (
    "<p>Ik deel het <strong>draaiboek</strong> van de sportdag &amp; de "
    '<a href="https://example.org/inschrijven">inschrijving</a>.</p>'
    "<ul><li><p>Draaiboek deel een</p></li><li><p>Deel twee</p></li></ul>"
)


@pytest.fixture(params=["own", "generic"])
def searching_member(request, site_tree, settings, client):
    """A member who posted an update with the editor, searching on Whoosh with and without its
    highlighter (the path of modelsearch's own backends)."""
    if request.param == "generic":
        backends = settings.WAGTAILSEARCH_BACKENDS
        if backends["default"]["BACKEND"] != "modelsearch_whoosh":
            pytest.skip("the configured backend already has no extra capabilities")
        generic = {"default": {**backends["default"], "BACKEND": "tests.search.capabilities_off"}}
        settings.WAGTAILSEARCH_BACKENDS = settings.MODELSEARCH_BACKENDS = generic
    index = WorkgroupIndexPageFactory(parent=site_tree["staff_area"])
    workgroup = WorkgroupPageFactory(parent=index, title="Werkgroep sport", slug="sport")
    member = StaffFactory()
    WorkgroupMembershipFactory(workgroup=workgroup, user=member)
    client.force_login(member)
    posted = client.post(
        workgroup.url + "updates/", {"body": EDITOR_HTML, "body_format": "html", "link": ""}
    )
    assert posted.status_code == 302
    cache.clear()
    return client


def snippets(html):
    return re.findall(r'<p class="result__snippet">(.*?)</p>', html, re.DOTALL)


def test_snippet_of_an_update_written_with_the_editor_is_plain_text(searching_member):
    """No tag, no tag remnant and no escaped markup appears in the snippet, only the words."""
    html = searching_member.get("/zoeken/", {"q": "draaiboek"}).content.decode()
    (snippet,) = snippets(html)
    words = re.sub(r"</?mark>", "", snippet)
    for markup in ("<p", "p>", "<strong", "<li", "&lt;", "&amp;lt;", "href"):
        assert markup not in words
    # Only the words: a backend may start the snippet at another word than the first.
    assert "deel het" in words and "inschrijving" in words
