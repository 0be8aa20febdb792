import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import Client

from cano.search.selectors import MAX_QUERY_LENGTH, query_clean, site_search
from tests.factories import StandardPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.search]


@pytest.fixture(autouse=True, params=["own", "generic"])
def backend_capabilities(request, settings):
    """Every test runs on the backend as configured and, on Whoosh, again with its extra
    capabilities hidden: the path the search page takes on backends without them."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    if request.param == "generic":
        if backends["default"]["BACKEND"] != "modelsearch_whoosh":
            pytest.skip("the configured backend already has no extra capabilities")
        generic = {"default": {**backends["default"], "BACKEND": "tests.search.capabilities_off"}}
        settings.WAGTAILSEARCH_BACKENDS = settings.MODELSEARCH_BACKENDS = generic
    return request.param


@pytest.fixture
def pages(site_tree):
    public = StandardPageFactory(
        parent=site_tree["home"],
        title="Participatie van jongeren",
        intro="Hoe betrekken we jongeren bij de begeleiding van hun gezin?",
    )
    private = StandardPageFactory(
        parent=site_tree["staff_area"],
        title="Interne nota over kwetsbaarheidsdrempels",
        intro="Alleen voor medewerkers: afspraken over kwetsbaarheidsdrempels in de begeleiding.",
    )
    return {"public": public, "private": private}


def test_anonymous_search_finds_public_pages_with_type_and_snippet(client, pages):
    """A visitor finds a public page, sees its type, a highlighted snippet and a link."""
    response = client.get("/zoeken/", {"q": "jongeren"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Participatie van jongeren" in html
    assert pages["public"].url in html
    assert "<mark>" in html
    assert "Pagina" in html


def test_anonymous_search_never_reveals_staff_only_pages(client, pages):
    """A word that only occurs in a staff page gives no result, no count and no snippet."""
    response = client.get("/zoeken/", {"q": "kwetsbaarheidsdrempels"})
    html = response.content.decode()
    assert "Interne nota" not in html
    assert "0 resultaten" in html
    assert "Alleen voor medewerkers" not in html


def test_staff_find_staff_only_pages(staff_client, pages):
    """Staff find pages in the staff area."""
    response = staff_client.get("/zoeken/", {"q": "kwetsbaarheidsdrempels"})
    assert "Interne nota over kwetsbaarheidsdrempels" in response.content.decode()


def test_counts_follow_permissions(pages, staff_user):
    """The total differs by visitor: staff count the staff page, the public does not."""
    public = site_search(user=AnonymousUser(), raw_query="begeleiding")
    staff = site_search(user=staff_user, raw_query="begeleiding")
    assert public.total == 1
    assert staff.total == 2


def test_type_facet_narrows_results(staff_client, pages):
    """Choosing a type shows only results of that type; the facet list keeps its counts."""
    response = staff_client.get("/zoeken/", {"q": "begeleiding", "type": "Pagina"})
    html = response.content.decode()
    assert 'Pagina <span class="count">(2)</span>' in html


def test_unknown_type_is_ignored(client, pages):
    """A tampered type parameter falls back to all results."""
    response = client.get("/zoeken/", {"q": "jongeren", "type": "<script>x</script>"})
    assert response.status_code == 200
    assert "<script>x</script>" not in response.content.decode()
    assert "Participatie van jongeren" in response.content.decode()


def test_long_query_is_cut_with_a_message(client, pages):
    """A 10,000-character query is shortened and explained."""
    response = client.get("/zoeken/", {"q": "jongeren " * 1200})
    assert response.status_code == 200
    assert "ingekort tot 200 tekens" in response.content.decode()


def test_empty_query_shows_the_form(client, site_tree):
    """An empty query shows the search form without results."""
    response = client.get("/zoeken/", {"q": ""})
    assert response.status_code == 200
    assert "resultaten" not in response.content.decode()


def test_autocomplete_returns_only_visible_titles(staff_client, pages):
    """The autocomplete endpoint suggests public titles to visitors, staff titles to staff only."""
    anonymous = Client().get("/zoeken/suggesties/", {"q": "Inter"}).json()["results"]
    staff = staff_client.get("/zoeken/suggesties/", {"q": "Inter"}).json()["results"]
    assert [r for r in anonymous if "Interne nota" in r["title"]] == []
    assert any("Interne nota" in r["title"] for r in staff)


def test_autocomplete_is_rate_limited(client, site_tree):
    """After many requests a client gets 429 with a Dutch message."""
    cache.clear()
    statuses = [client.get("/zoeken/suggesties/", {"q": "ab"}).status_code for _ in range(61)]
    assert statuses[-1] == 429
    cache.clear()


def test_query_clean_strips_control_characters():
    """Control characters become spaces and the length is capped."""
    text, messages = query_clean("jong\x00eren\u200b\n" + "x" * 500)
    assert "\x00" not in text
    assert len(text) <= MAX_QUERY_LENGTH
    assert messages


hostile = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        ['"', "((", "AND OR NOT", "*" * 50, "?" * 50, '"unbalanced', "a:b c:", "OF OF OF"]
    ),
    st.lists(
        st.sampled_from(
            [
                "jongeren",
                "AND",
                "OR",
                "NOT",
                "*",
                "?",
                '"',
                "(",
                ")",
                "~",
                "^2",
                "Ω",
                "日本",
                "\x07",
            ]
        ),
        max_size=40,
    ).map(" ".join),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=hostile)
def test_any_query_gets_a_page_not_a_500(client, pages, query):
    """Whatever is typed, the search page and autocomplete answer without a server error."""
    cache.clear()
    assert client.get("/zoeken/", {"q": query}).status_code == 200
    assert client.get("/zoeken/suggesties/", {"q": query}).status_code == 200


def _backend_supports(capability):
    from modelsearch.backends import get_search_backend

    return getattr(get_search_backend(), capability, False)


def test_did_you_mean_offers_a_visible_correction(client, pages):
    """A misspelt word gets a "Bedoelde je" link to the word in the index."""
    if not _backend_supports("supports_suggestions"):
        pytest.skip("the backend offers no spelling suggestions")
    html = client.get("/zoeken/", {"q": "jongerne"}).content.decode()
    assert "Bedoelde je" in html
    assert "jongeren" in html


def test_did_you_mean_never_suggests_words_from_hidden_content(client, pages):
    """A misspelling of a word only staff can find gets no suggestion for the public."""
    if not _backend_supports("supports_suggestions"):
        pytest.skip("the backend offers no spelling suggestions")
    html = client.get("/zoeken/", {"q": "kwetsbaarheidsdrempls"}).content.decode()
    assert "Bedoelde je" not in html
    assert "kwetsbaarheidsdrempels" not in html


def test_broken_backend_shows_a_message_not_a_500(client, pages, monkeypatch):
    """When the index cannot be read, the page explains it and logs the error."""
    from cano.search import selectors

    def broken(*args, **kwargs):
        raise OSError("index unreadable")

    monkeypatch.setattr(selectors, "_page_facets", broken)
    response = client.get("/zoeken/", {"q": "jongeren"})
    assert response.status_code == 503
    assert "Zoeken lukt op dit moment niet" in response.content.decode()


def test_corrupt_index_gives_a_message_and_a_logged_error(client, pages, settings, caplog):
    """Garbage in the index folder: the search page explains, the error is logged, no 500."""
    from modelsearch.backends import get_search_backend

    if not hasattr(get_search_backend(), "store"):
        pytest.skip("the index on disk belongs to the Whoosh backend")
    from pathlib import Path

    index_root = Path(settings.WAGTAILSEARCH_BACKENDS["default"]["PATH"])
    live = index_root / (index_root / "CURRENT").read_text().strip()
    for segment in live.iterdir():
        if segment.is_file():
            segment.write_bytes(b"\x00garbage" * 64)
    # A new process would open the index afresh; the cached searcher must not hide the damage.
    from modelsearch_whoosh.storage import IndexStore

    for store in list(IndexStore._instances.values()):
        store.forget_searcher()

    response = client.get("/zoeken/", {"q": "jongeren"})
    assert response.status_code in (200, 503)
    assert "Zoeken lukt op dit moment niet" in response.content.decode()
    assert any(record.levelname == "ERROR" for record in caplog.records)
