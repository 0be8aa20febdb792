"""The PostgreSQL backend's Dutch analysis, ranking, snippets and suggestions, on a real server."""

import datetime

import pytest

from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from modelsearch.backends import get_search_backend
from modelsearch.query import Phrase, PlainText
from modelsearch.test.testapp import models

from modelsearch_postgres import backend as backend_module
from modelsearch_postgres import schema

BACKEND = {"default": {"BACKEND": "modelsearch_postgres", "LANGUAGE": "dutch"}}

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    pytest.mark.django_db,
]


@pytest.fixture
def backend():
    with override_settings(MODELSEARCH_BACKENDS=BACKEND, WAGTAILSEARCH_BACKENDS=BACKEND):
        schema.forget_index_kind()
        yield get_search_backend("default")
    schema.forget_index_kind()


def book(title, summary=""):
    return models.Book.objects.create(
        title=title,
        summary=summary,
        number_of_pages=10,
        publication_date=datetime.date(2020, 1, 1),
    )


def titles(results):
    return [result.title for result in results]


def test_accents_are_folded_both_ways(backend):
    """A word typed without its accent finds the accented title, and the other way round."""
    book("Beïnvloeding van jongeren")
    book("Cafe voor ouders")
    assert titles(backend.search("beinvloeding", models.Book)) == ["Beïnvloeding van jongeren"]
    assert titles(backend.search("café", models.Book)) == ["Cafe voor ouders"]


def test_dutch_stemming_and_stop_words(backend):
    """An inflected form finds the other forms of the word; a stop word alone finds nothing."""
    book("Begeleiding van gezinnen")
    assert titles(backend.search("begeleidingen", models.Book)) == ["Begeleiding van gezinnen"]
    assert titles(backend.search("van", models.Book)) == []


def test_the_typed_form_ranks_first(backend):
    """Of two titles with the same word in another form, the one with the form typed comes first."""
    book("Begeleidingen thuis")
    book("Begeleiding thuis")
    assert titles(backend.search("begeleidingen", models.Book)) == [
        "Begeleidingen thuis",
        "Begeleiding thuis",
    ]
    assert titles(backend.search("begeleiding", models.Book)) == [
        "Begeleiding thuis",
        "Begeleidingen thuis",
    ]


def _corpus():
    words = ["school", "ouders", "jongeren", "welzijn", "hulp", "gezin", "jeugdzorg"]
    for number in range(40):
        chosen = [words[(number * step) % len(words)] for step in (1, 2, 3)]
        book(
            f"{words[number % len(words)].capitalize()} en {words[(number + 3) % len(words)]} {number}",
            " ".join(chosen * (1 + number % 4)) + f" verslag {number}",
        )


QUERIES = ["school", "ouders jongeren", '"jongeren welzijn"', "hulp", "jeugdzorg"]


def _top_ten(backend):
    return {query: titles(backend.search(query, models.Book)[:10]) for query in QUERIES}


def _ranked(backend):
    return {query: titles(backend.search(query, models.Book)) for query in QUERIES}


def test_the_top_ten_are_the_first_ten_of_the_whole_ranking(backend):
    """The ten best matches read from the RUM index are the first ten of the full ranked list
    (the database ranking every match), on both paths."""
    _corpus()
    assert backend.ranks_in_index()
    assert _top_ten(backend) == {query: found[:10] for query, found in _ranked(backend).items()}
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    schema.install(connection, language="dutch", rum=False)
    assert not backend.ranks_in_index()
    assert _top_ten(backend) == {query: found[:10] for query, found in _ranked(backend).items()}


def test_without_rum_the_gin_index_finds_the_same(backend):
    """Where the RUM index is missing, the GIN fallback finds the same matches, ranked by
    PostgreSQL's ts_rank instead of RUM's score."""
    _corpus()
    with_rum = _ranked(backend)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    schema.install(connection, language="dutch", rum=False)
    without = _ranked(backend)
    assert {query: sorted(found) for query, found in without.items()} == {
        query: sorted(found) for query, found in with_rum.items()
    }
    assert [len(found) for found in with_rum.values()] == [12, 6, 12, 23, 17]
    # Words in a title outrank words in a summary on both.
    assert "jeugdzorg" in with_rum["jeugdzorg"][0].lower()
    assert "jeugdzorg" in without["jeugdzorg"][0].lower()


def test_the_rum_index_serves_the_ranked_search(backend):
    """The best matches are read from the RUM index in rank order."""
    _corpus()
    with CaptureQueriesContext(connection) as queries:
        list(backend.search("school", models.Book)[:10])
    ranked = next(query["sql"] for query in queries.captured_queries if "<=>" in query["sql"])
    with connection.cursor() as cursor:
        # On a few rows the planner would rather read them all: ask it what it can do.
        for method in ("seqscan", "bitmapscan", "sort"):
            cursor.execute(f"SET LOCAL enable_{method} = off")
        cursor.execute(f"EXPLAIN {ranked}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert schema.RUM_INDEX in plan


def test_a_filter_that_keeps_few_matches_gives_the_gin_paths_results(backend, monkeypatch):
    """When the filter keeps only a few of many matches, the RUM path still finds the best of
    those, as the GIN path does."""
    for number in range(120):
        # Three ranks (the word in the title, twice in the summary, once), within the two
        # positions of a word the rank vector keeps, where RUM's order and ts_rank's agree.
        models.Book.objects.create(
            title=f"School {number}" if number % 3 == 0 else f"Verslag {number}",
            summary="school" if number % 3 != 1 else "school school",
            number_of_pages=number % 40,
            publication_date=datetime.date(2020, 1, 1),
        )

    def found():
        return {
            pages: titles(
                backend.search("school", models.Book.objects.filter(number_of_pages=pages))[:10]
            )
            for pages in (0, 1, 39)
        }

    with_rum = found()
    assert [len(books) for books in with_rum.values()] == [3, 3, 3]
    # After one batch the search is left to the database's own plan: the same results.
    monkeypatch.setattr(backend_module, "CANDIDATE_ROUNDS", 1)
    assert found() == with_rum
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    schema.install(connection, language="dutch", rum=False)
    assert found() == with_rum


def _full_text_indexes():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam "
            "WHERE i.indrelid = %s::regclass AND am.amname IN ('gin', 'rum')",
            [schema.INDEX_TABLE],
        )
        return dict(cursor.fetchall())


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_finds_the_same_and_keeps_every_index(backend):
    """A full rebuild (outside a transaction, its batches written while the next is prepared)
    gives the same ranked results, suggestions and indexes as before."""
    _corpus()
    before, indexes = _top_ten(backend), _full_text_indexes()
    assert schema.RUM_INDEX in indexes
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {schema.INDEX_TABLE}")  # noqa: S608
        cursor.execute(f"DELETE FROM {schema.WORD_TABLE}")  # noqa: S608
    assert _top_ten(backend) == {query: [] for query in before}
    call_command("rebuild_modelsearch_index", chunk_size=7, verbosity=0)
    assert _full_text_indexes() == indexes
    assert _top_ten(backend) == before
    assert backend.suggest("jongren") == "jongeren"


def test_a_rebuild_stopped_half_way_loses_no_index(backend):
    """Searches find the same while a rebuild runs without its indexes; should the rebuild stop
    there, the next install builds them again."""
    _corpus()
    before, indexes = _top_ten(backend), _full_text_indexes()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    backend.rebuilder_class(backend.get_index_for_model(models.Book)).start()
    assert _full_text_indexes() == {}
    assert _top_ten(backend) == before
    # A process started meanwhile ranks as the others do (RUM's score), not by ts_rank.
    schema.forget_index_kind()
    assert backend.ranks_in_index()
    assert _top_ten(backend) == before
    schema.install(connection, language="dutch")
    assert _full_text_indexes() == indexes
    assert backend.ranks_in_index()


def _document_index(name):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_indexdef(%s::regclass)", [name])
        return cursor.fetchone()[0]


OLDER_LAYOUTS = {
    # The first: the document index on an expression.
    "expression": "((title || body) || setweight(to_tsvector('modelsearch_dutch_exact'::regconfig, "
    "COALESCE(title_text, ''::text)), 'A'::\"char\"))",
    # The next: the document a stored column, the RUM index on it with all its positions.
    "stored document": schema.DOCUMENT_COLUMN,
}


@pytest.mark.parametrize("layout", OLDER_LAYOUTS)
def test_install_brings_an_older_layout_to_the_rank_vector(backend, layout):
    """A database set up by an earlier version of the package (its RUM index on the document,
    an expression or a column, and no rank vector) gets the rank vector and its index; the
    entries written before keep being found in rank order, phrases included."""
    _corpus()
    before = _top_ten(backend)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"ALTER TABLE {schema.INDEX_TABLE} DROP COLUMN {schema.RANK_COLUMN}")
        if layout == "expression":
            cursor.execute(f"ALTER TABLE {schema.INDEX_TABLE} DROP COLUMN {schema.DOCUMENT_COLUMN}")
        cursor.execute(
            f"CREATE INDEX modelsearch_postgres_document_rum ON {schema.INDEX_TABLE} USING rum "
            f"(({OLDER_LAYOUTS[layout]}) rum_tsvector_ops)"
        )
    schema.install(connection, language="dutch")
    assert f"({schema.RANK_COLUMN}" in _document_index(schema.RUM_INDEX)
    assert "modelsearch_postgres_document_rum" not in _full_text_indexes()
    assert _top_ten(backend) == before
    assert before['"jongeren welzijn"']


def _stored_document():
    with connection.cursor() as cursor:
        # Both names are the package's constants.
        cursor.execute(f"SELECT {schema.DOCUMENT_COLUMN}::text FROM {schema.INDEX_TABLE}")  # noqa: S608
        return cursor.fetchone()[0]


def test_another_language_remakes_the_stored_document(backend):
    """Installed for another language, the stored document holds that language's typed title
    words: a Dutch stop word is one of them in English, and is gone again back in Dutch."""
    book("Hulp van ouders")
    assert "'van'" not in _stored_document()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    schema.install(connection, language="english")
    assert "'van'" in _stored_document()
    schema.install(connection, language="dutch")
    assert "'van'" not in _stored_document()
    assert "'ouders'" in _stored_document()


def test_pages_of_equal_rank_never_repeat(backend):
    """Results of equal rank keep one order, so paging shows each once."""
    for number in range(25):
        book(f"Verslag {number}")
    results = backend.search("verslag", models.Book)
    paged = [result.pk for start in range(0, 25, 5) for result in results[start : start + 5]]
    assert sorted(paged) == sorted(models.Book.objects.values_list("pk", flat=True))


def test_autocomplete_folds_accents(backend):
    """The start of a word, typed without its accent, completes to the accented title."""
    book("Beïnvloeding van jongeren")
    assert titles(backend.autocomplete("bein", models.Book)) == ["Beïnvloeding van jongeren"]


def test_highlight_marks_every_form_and_escapes_the_text(backend):
    """The snippet marks the searched word in any form and escapes what HTML would read."""
    found = book("Ouders & kinderen", "Gesprekken met een ouder over begeleidingen.")
    snippet = backend.highlight(found, "ouders begeleiding", max_chars=200)
    assert "<mark>Ouders</mark>" in snippet
    assert "<mark>ouder</mark>" in snippet
    assert "<mark>begeleidingen</mark>" in snippet
    assert "&amp; kinderen" in snippet


def test_suggest_corrects_an_unknown_word(backend):
    """A misspelt word is replaced by the closest word of the index; a known query gets none."""
    book("Begeleiding van gezinnen")
    assert backend.suggest("begeleidng gezinnen") == "begeleiding gezinnen"
    assert backend.suggest("begeleiding") is None
    assert backend.suggest("xyzzy") is None


def test_a_rebuild_takes_the_words_for_suggestions_from_every_text(backend):
    """After a rebuild the suggestions know the words of every object, read as PostgreSQL reads
    them in the text: next to punctuation, with their accents folded, in hyphenated words."""
    with override_settings(
        MODELSEARCH_BACKENDS={"default": {**BACKEND["default"], "AUTO_UPDATE": False}}
    ):
        book("Overleg", "Kinderen, (jongeren) en hun context.")
        book("Coördinatie", "De jeugd-hulpverlening; samen.")
        book("Overleg thuis", "Kinderen en hun context")
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {schema.WORD_TABLE}")
    call_command("update_index", backend_name="default", verbosity=0)
    expected = {
        "kindern": "kinderen",
        "jongern": "jongeren",
        "contxt": "context",
        "cordinatie": "coordinatie",
        "hulpverlenig": "hulpverlening",
    }
    for typo, word in expected.items():
        assert backend.suggest(typo) == word, typo


def test_results_and_facet_agree_with_separate_calls(backend):
    """One call gives the same results and counts as asking twice."""
    book("School en ouders")
    book("Ouders thuis")
    results = backend.search("ouders", models.Book)
    found, facet = results.results_and_facet("title")
    assert titles(found) == titles(backend.search("ouders", models.Book))
    assert facet == {"School en ouders": 1, "Ouders thuis": 1}


def _rank_vector(title):
    with connection.cursor() as cursor:
        # The names are the package's constants.
        cursor.execute(
            f"SELECT {schema.RANK_COLUMN}::text FROM {schema.INDEX_TABLE} "  # noqa: S608
            "WHERE title_text = %s",
            [title],
        )
        return cursor.fetchone()[0]


def test_the_rank_vector_keeps_each_words_first_positions(backend):
    """The RUM index ranks by a vector with the first two positions of each word, weights
    kept, and the same words as the document."""
    book("Ouders", "ouders " * 9 + "school")
    vector = _rank_vector("Ouders")
    assert "'ouder':1A,2 " in vector
    assert "'ouders':12A" in vector
    assert "'schol':11" in vector


def test_a_phrase_beyond_the_kept_positions_is_found_on_both_paths(backend):
    """Phrases are checked on the whole document, not on the rank vector: words that meet only
    after their second occurrence still make the phrase, alone or in an OR query."""
    book("Verslag", "jongeren school " * 6 + "jongeren welzijn")
    book("Welzijn", "welzijn van de jongeren thuis")
    book("School", "school")
    queries = {
        Phrase("jongeren welzijn"): ["Verslag"],
        PlainText("school") & Phrase("jongeren welzijn"): ["Verslag"],
        Phrase("jongeren welzijn") | PlainText("school"): ["School", "Verslag"],
    }
    assert backend.ranks_in_index()
    for query, expected in queries.items():
        assert sorted(titles(backend.search(query, models.Book)[:10])) == expected, query
        assert sorted(titles(backend.search(query, models.Book))) == expected, query
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    schema.install(connection, language="dutch", rum=False)
    for query, expected in queries.items():
        assert sorted(titles(backend.search(query, models.Book)[:10])) == expected, query


def test_the_typed_form_ranks_first_among_many_stronger_stems(backend):
    """One title with the form typed, among more titles with another form of the word than a
    first reading of the index holds (and which repeat it in their summaries), still comes
    first, as in the whole ranking."""
    for number in range(80):
        book(f"Begeleiding thuis {number}", "begeleiding van gezinnen")
    book("Begeleidingen")
    assert backend.ranks_in_index()
    best = titles(backend.search("begeleidingen", models.Book)[:10])
    assert best[0] == "Begeleidingen" == titles(backend.search("begeleidingen", models.Book))[0]
    assert all(title.startswith("Begeleiding thuis") for title in best[1:])


def _seqscan():
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        return cursor.fetchone()[0]


def test_a_facet_read_from_the_index_counts_what_the_search_finds(backend):
    """A facet gives the same counts as counting the search's own results, within the caller's
    filter, for words and ORs (read from the RUM index's bitmap) and for phrases (left to the
    planner); the planner's settings are as they were afterwards."""
    for number in range(60):
        models.Book.objects.create(
            title=f"Verslag {number}",
            summary=["school", "school ouders", "ouders thuis school", "jongeren"][number % 4],
            number_of_pages=number % 5,
            publication_date=datetime.date(2020, 1, 1),
        )
    few = models.Book.objects.filter(number_of_pages__lt=4)
    queries = [
        "school",
        "school ouders",
        PlainText("school jongeren", operator="or"),
        Phrase("school ouders"),
        PlainText("verslag") & Phrase("school ouders"),
        Phrase("school ouders") | PlainText("jongeren"),
    ]
    for query in queries:
        results = backend.search(query, few)
        expected = {}
        for found in results:
            expected[found.number_of_pages] = expected.get(found.number_of_pages, 0) + 1
        facet = results.facet("number_of_pages")
        assert dict(facet) == expected, query
        assert list(facet.values()) == sorted(facet.values(), reverse=True)
        assert _seqscan() == "on"
    # Each number of pages below 4 goes with each summary three times.
    assert dict(backend.search("school", few).facet("number_of_pages")) == {0: 9, 1: 9, 2: 9, 3: 9}
    phrase = backend.search(Phrase("school ouders"), few).facet("number_of_pages")
    assert dict(phrase) == {0: 3, 1: 3, 2: 3, 3: 3}
