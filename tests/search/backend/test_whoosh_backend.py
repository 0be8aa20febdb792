"""Behaviour of the Whoosh backend beyond modelsearch's shared suite."""

import datetime
import logging
import os
import random
import subprocess
import sys
import textwrap
import uuid
from unittest import mock

import pytest
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh_test_settings import whoosh_backends_setting

from django.core import management
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from modelsearch.backends import get_search_backend
from modelsearch.query import MATCH_ALL, Boost, Fuzzy, Phrase, PlainText
from modelsearch.test.testapp import models

from modelsearch_whoosh import SearchIndexUnavailable, bulk, highlight, suggest
from modelsearch_whoosh.backend import WhooshRebuilder, WhooshSearchResults
from modelsearch_whoosh.storage import MERGE_AT_SEGMENTS

pytestmark = pytest.mark.django_db


def make_book(title, pages=100, summary=""):
    return models.Book.objects.create(
        title=title,
        summary=summary,
        number_of_pages=pages,
        publication_date=datetime.date(2020, 1, 1),
    )


@pytest.fixture
def backend(whoosh_settings):
    return get_search_backend("default")


def plain_scorer():
    """The same index searched through Whoosh's own matchers (``BLOCK_SCORER`` off)."""
    return get_search_backend("default", BLOCK_SCORER=False)


def titles(results):
    return [r.title for r in results]


def test_plural_query_finds_singular(backend):
    """`jongeren` finds a text that only says `jongere`."""
    make_book("Een jongere in de jeugdhulp")
    assert titles(backend.search("jongeren", models.Book)) == ["Een jongere in de jeugdhulp"]


def test_plural_text_found_by_singular_query(backend):
    """`begeleiding` finds a text that only says `begeleidingen`."""
    make_book("Alle begeleidingen op een rij")
    assert titles(backend.search("begeleidingen", models.Book)) == ["Alle begeleidingen op een rij"]
    assert titles(backend.search("begeleiding", models.Book)) == ["Alle begeleidingen op een rij"]


def test_accents_are_folded(backend):
    """`beinvloeding` finds `beïnvloeding` and the other way round."""
    make_book("Beïnvloeding door leeftijdsgenoten")
    make_book("Beinvloeding zonder trema")
    assert len(backend.search("beinvloeding", models.Book)) == 2
    assert len(backend.search("beïnvloeding", models.Book)) == 2


def test_exact_form_ranks_first(backend):
    """Of two texts sharing a stem, the one with the typed word form comes first."""
    make_book("Werken met jongere gezinnen")
    make_book("Werken met jongeren")
    assert titles(backend.search("jongeren", models.Book))[0] == "Werken met jongeren"
    assert titles(backend.search("jongere", models.Book))[0] == "Werken met jongere gezinnen"


def test_typed_form_counts_in_short_fields_only(backend):
    """In long texts a word's forms weigh alike; in a title the typed form still ranks first."""
    report = " ".join(f"verslag{i}" for i in range(150))
    in_text = [
        make_book("Overleg", summary=f"{report} jongeren"),
        make_book("Overleg", summary=f"{report} jongere"),
    ]
    in_title = [
        make_book("Overleg met jongeren", summary=report),
        make_book("Overleg met jongere", summary=report),
    ]
    score = {
        book.pk: book.score
        for book in backend.search("jongeren", models.Book).annotate_score("score")
    }
    assert score[in_text[0].pk] == score[in_text[1].pk]
    assert score[in_title[0].pk] > score[in_title[1].pk]


def test_stop_words_do_not_match(backend):
    """Dutch stop words alone match nothing."""
    make_book("De kracht van het netwerk")
    assert len(backend.search("de het van", models.Book)) == 0


def test_autocomplete_is_not_stemmed(backend):
    """A prefix longer than the stem still completes the word."""
    make_book("Begeleiding van jongeren")
    assert titles(backend.autocomplete("begeleidi", models.Book)) == ["Begeleiding van jongeren"]
    assert titles(backend.autocomplete("jongere", models.Book)) == ["Begeleiding van jongeren"]


def test_autocomplete_folds_accents(backend):
    """Autocomplete ignores accents in the query and the text."""
    make_book("Beïnvloeding")
    assert titles(backend.autocomplete("beinv", models.Book)) == ["Beïnvloeding"]
    assert titles(backend.autocomplete("BEÏN", models.Book)) == ["Beïnvloeding"]


def test_autocomplete_matches_a_phrase_by_its_words(backend):
    """A quoted phrase in an autocomplete query finds titles holding all its word prefixes."""
    make_book("Begeleiding van jongeren")
    make_book("Begeleiding van ouders")
    query = PlainText("begel") & Phrase("van jonge")
    assert titles(backend.autocomplete(query, models.Book)) == ["Begeleiding van jongeren"]


def test_autocomplete_answers_boolean_and_fuzzy_shapes(backend):
    """Or, Not, Boost and Fuzzy queries complete words instead of raising."""
    make_book("Begeleiding van jongeren")
    make_book("Netwerk van ouders")
    either = PlainText("jonge") | Phrase("netw")
    assert sorted(titles(backend.autocomplete(either, models.Book))) == [
        "Begeleiding van jongeren",
        "Netwerk van ouders",
    ]
    assert titles(backend.autocomplete(Fuzzy("netwer"), models.Book)) == ["Netwerk van ouders"]
    assert titles(backend.autocomplete(Boost(PlainText("netw"), 2.0), models.Book)) == [
        "Netwerk van ouders"
    ]


def test_language_option_falls_back_without_stemmer(index_path):
    """An unsupported language still searches whole words, unstemmed."""
    with override_settings(**whoosh_backends_setting(index_path, LANGUAGE="xx")):
        backend = get_search_backend("default")
        make_book("Jongeren en begeleiding")
        assert len(backend.search("jongeren", models.Book)) == 1
        assert len(backend.search("jongere", models.Book)) == 0


def test_filters_run_in_the_index(backend):
    """A filtered page fetches only that page's rows from the database."""
    backend.add_bulk(models.Book, [make_book(f"Rapport {i}", pages=i) for i in range(300)])
    results = backend.search(
        "rapport", models.Book.objects.filter(number_of_pages__gte=50), order_by_relevance=False
    )
    with CaptureQueriesContext(connection) as queries:
        assert results.count() == 250
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        page = list(results[:10])
    assert len(page) == 10
    assert len(queries) == 1
    # Only the ten primary keys of the page are sent, not the 250 matches.
    assert queries[0]["sql"].count(",") < 40


def test_repeated_filtered_search_sees_index_changes(backend):
    """The same filter run again after a write finds the new document and drops a deleted one."""
    first = make_book("Verslag intervisie", pages=300)
    backend.add(first)
    queryset = models.Book.objects.filter(number_of_pages__gte=200)
    assert titles(backend.search("verslag", queryset)) == ["Verslag intervisie"]
    second = make_book("Verslag participatie", pages=400)
    backend.add(second)
    assert sorted(titles(backend.search("verslag", queryset))) == [
        "Verslag intervisie",
        "Verslag participatie",
    ]
    backend.delete(first)
    assert backend.search("verslag", queryset).count() == 1


def test_search_survives_segment_files_removed_by_another_process(backend):
    """A read that fails because another process merged segments is answered from a new searcher."""
    backend.add(make_book("Verslag studiedag"))
    read_hits = WhooshSearchResults._read_hits
    failures = [IndexError("array index out of range")]

    def removed_once(self, limit):
        if failures:
            raise failures.pop()
        return read_hits(self, limit)

    with mock.patch.object(WhooshSearchResults, "_read_hits", removed_once):
        assert titles(backend.search("studiedag", models.Book)) == ["Verslag studiedag"]


def test_search_reads_again_when_another_commit_removed_its_segments(backend):
    """A searcher opened before another process merged its segments away, and read after.

    Whoosh opens a segment's column files (primary keys, field lengths) only when they are first
    read. Once a later commit has removed them, they used to read as empty: pages were found
    without their primary key and left out. Now the search is read again from a new searcher.
    """
    books = [make_book(f"Verslag overleg {i}") for i in range(MERGE_AT_SEGMENTS)]
    store = backend.store
    stale = store.searcher()
    stale_segments = {reader.segment().segment_id() for reader, _ in stale.reader().leaf_readers()}
    books.append(make_book("Verslag overleg laatste"))  # this commit merges the small segments
    live = whoosh_index.open_dir(store.current_dir())._segments()
    assert stale_segments - {segment.segment_id() for segment in live}
    with pytest.raises(FileNotFoundError):
        bulk.column_values(stale.reader(), "pk")

    searchers = [stale]
    with mock.patch.object(
        WhooshSearchResults,
        "_searcher",
        lambda self: searchers.pop() if searchers else store.searcher(),
    ):
        found = list(backend.search("overleg", models.Book))
    assert sorted(book.pk for book in found) == sorted(book.pk for book in books)


def test_search_survives_a_generation_replaced_while_opening(backend):
    """Another process committed and removed the generation just listed: the next one is read."""
    make_book("Verslag intervisie")
    backend.store.reopen_searcher()
    open_index = FileStorage.open_index
    failures = [FileNotFoundError(2, "No such file or directory", "_MAIN_7.toc")]

    def replaced_once(self, *args, **kwargs):
        if failures:
            raise failures.pop()
        return open_index(self, *args, **kwargs)

    with mock.patch.object(FileStorage, "open_index", replaced_once):
        assert titles(backend.search("intervisie", models.Book)) == ["Verslag intervisie"]
    assert not failures


def test_filter_the_index_cannot_express_matches_the_database(backend):
    """Conditions that must hold for one related row fall back to the database correctly."""
    tolkien = models.Author.objects.create(name="Tolkien", date_of_birth=datetime.date(1892, 1, 3))
    short = make_book("Kort verhaal", pages=100)
    long = make_book("Lang verhaal", pages=900)
    short.authors.add(tolkien)
    long.authors.add(tolkien)
    backend.add(tolkien)
    queryset = models.Author.objects.filter(
        books__number_of_pages__gt=500, books__number_of_pages__lt=200
    )
    assert list(backend.search(MATCH_ALL, queryset)) == list(queryset)
    assert backend.search(MATCH_ALL, queryset).count() == 0


def test_range_filters_agree_with_the_database_across_tiers(backend):
    """Numeric ranges that cross the index's precision tiers match the database exactly."""
    page_counts = [0, 1, 4095, 4096, 65535, 65536, 65537, 131072, 2**31 - 1]
    backend.add_bulk(models.Book, [make_book(f"Rapport {n}", pages=n) for n in page_counts])
    for lookup in (
        {"number_of_pages__gte": 65535},
        {"number_of_pages__gt": 65535, "number_of_pages__lt": 131072},
        {"number_of_pages__range": (4095, 65536)},
        {"number_of_pages__lte": 4096},
    ):
        queryset = models.Book.objects.filter(**lookup)
        found = backend.search("rapport", queryset, order_by_relevance=False)
        assert sorted(titles(found)) == sorted(book.title for book in queryset), lookup


def test_update_replaces_the_document(backend):
    """After an update the old text is no longer found and the document is found once."""
    book = make_book("Oude titel")
    book.title = "Nieuwe titel"
    book.save()
    backend.add(book)
    assert len(backend.search("oude", models.Book)) == 0
    assert titles(backend.search("titel", models.Book)) == ["Nieuwe titel"]


def test_missing_index_directory_is_created(index_path, whoosh_settings):
    """Searching before anything was indexed returns nothing and creates the index."""
    assert not index_path.exists()
    backend = get_search_backend("default")
    assert list(backend.search("iets", models.Author)) == []
    assert (index_path / "CURRENT").exists()


def test_corrupt_index_raises_clear_error(backend, whoosh_settings, caplog):
    """Garbage in the index directory raises SearchIndexUnavailable and logs an error."""
    make_book("Iets")
    live = backend.store.current_dir()
    for name in os.listdir(live):
        with open(os.path.join(live, name), "wb") as f:
            f.write(b"\x00garbage")
    backend.store.forget_searcher()
    with (
        caplog.at_level(logging.ERROR, logger="modelsearch_whoosh"),
        pytest.raises(SearchIndexUnavailable),
    ):
        list(backend.search("iets", models.Book))
    assert any("cannot" in record.getMessage() for record in caplog.records)


def test_index_of_an_earlier_layout_is_refused_until_rebuilt(backend, caplog):
    """An index written by an earlier version of the backend is not misread: searching it
    raises SearchIndexUnavailable naming the rebuild, and a rebuild makes it searchable."""
    make_book("Begeleiding van jongeren")
    os.remove(os.path.join(backend.store.current_dir(), "FORMAT"))
    backend.store.forget_searcher()
    with (
        caplog.at_level(logging.ERROR, logger="modelsearch_whoosh"),
        pytest.raises(SearchIndexUnavailable, match="rebuild"),
    ):
        list(backend.search("jongeren", models.Book))
    assert any("layout" in record.getMessage() for record in caplog.records)
    management.call_command("rebuild_modelsearch_index", verbosity=0)
    assert titles(backend.search("jongeren", models.Book)) == ["Begeleiding van jongeren"]


def test_crashed_rebuild_leaves_old_index_serving(backend):
    """A rebuild that fails before the swap leaves the live index as it was."""
    make_book("Blijft vindbaar")
    with (
        mock.patch.object(WhooshRebuilder, "finish", side_effect=RuntimeError("crash")),
        pytest.raises(RuntimeError),
    ):
        management.call_command("rebuild_modelsearch_index", verbosity=0)
    assert titles(backend.search("vindbaar", models.Book)) == ["Blijft vindbaar"]


def test_rebuild_swaps_in_new_index(backend):
    """A completed rebuild drops stale documents and keeps current ones."""
    kept = make_book("Bewaard document")
    gone = make_book("Verwijderd document")
    models.Book.objects.filter(pk=gone.pk).delete()  # bypasses signals: stale in the index
    management.call_command("rebuild_modelsearch_index", verbosity=0)
    assert titles(backend.search("document", models.Book)) == [kept.title]


def test_update_index_in_small_chunks_indexes_every_object_once(backend):
    """Chunks continue after the last key: gaps in the keys neither skip nor repeat a book."""
    books = [make_book(f"Hoofdstuk verslag {i}", pages=i) for i in range(23)]
    models.Book.objects.filter(pk__in=[b.pk for b in books[3:9]]).delete()
    management.call_command("update_index", chunk_size=4, verbosity=0)
    found = [int(r.pk) for r in backend.search("verslag", models.Book)[:100]]
    assert sorted(found) == sorted(b.pk for b in books[:3] + books[9:])


def test_rebuild_in_several_processes_with_little_memory_keeps_everything(index_path):
    """A rebuild split over processes that sort through temporary files loses no document."""
    for i in range(60):
        make_book(f"Herbouwd verslag {i}", pages=i)
    with override_settings(
        **whoosh_backends_setting(index_path, REBUILD_PROCS=2, REBUILD_LIMITMB=0)
    ):
        management.call_command("rebuild_modelsearch_index", verbosity=0)
        backend = get_search_backend("default")
        assert backend.search("verslag", models.Book).count() == 60
        filtered = models.Book.objects.filter(number_of_pages__lt=10)
        assert backend.search("verslag", filtered).count() == 10


def test_writes_during_rebuild_are_not_lost(backend):
    """An object saved while a rebuild runs is searchable after the swap."""
    rebuilder = WhooshRebuilder(backend.get_index_for_model(models.Book))
    new_index = rebuilder.start()
    new_index.add_items(models.Book, list(models.Book.objects.all()))
    make_book("Tijdens herbouw opgeslagen")  # indexed live and journalled
    rebuilder.finish()
    assert titles(backend.search("herbouw", models.Book)) == ["Tijdens herbouw opgeslagen"]


def test_many_small_writes_keep_the_number_of_segments_bounded(backend):
    """Each save is its own index commit; small segments are merged in batches as they pile up."""
    for i in range(3 * MERGE_AT_SEGMENTS):
        make_book(f"Losse notitie {i}")
    segments = whoosh_index.open_dir(backend.store.current_dir())._segments()
    assert len(segments) <= MERGE_AT_SEGMENTS
    assert backend.search("notitie", models.Book).count() == 3 * MERGE_AT_SEGMENTS


def test_concurrent_writers_lose_nothing(index_path, whoosh_settings):
    """Four processes writing to one index at once all land, without LockError, and each finds
    every document it wrote right after writing it."""
    backend = get_search_backend("default")
    backend.store.current_dir()  # create the index before the writers race
    script = textwrap.dedent(
        """
        import sys, uuid
        import django
        django.setup()
        from django.core.management import call_command
        from modelsearch.backends import get_search_backend
        from modelsearch.test.testapp.models import AdvertWithCustomUUIDPrimaryKey as Advert
        call_command("migrate", run_syncdb=True, verbosity=0)
        backend = get_search_backend("default")
        worker = sys.argv[1]
        for i in range(15):
            advert = Advert.objects.create(
                advert_id=uuid.UUID(int=int(worker) * 1000 + i), text=f"bericht w{worker}x{i}"
            )
            # Saving indexed it; the other writers' commits merge segments meanwhile.
            found = list(backend.search(f"w{worker}x{i}", Advert))
            if found != [advert]:
                sys.exit(f"w{worker}x{i} found as {found!r}")
        """
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    env["CANO_TEST_WHOOSH_PATH"] = str(index_path)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(worker)],
            env={**env, "DJANGO_SETTINGS_MODULE": "whoosh_writer_settings"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for worker in range(1, 5)
    ]
    outputs = [proc.communicate(timeout=300) for proc in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err.decode()
        assert b"LockError" not in err
    searcher = backend.store.searcher()
    keys = {doc["doc_id"] for doc in searcher.documents()}
    expected = {
        f"searchtests.advertwithcustomuuidprimarykey:{uuid.UUID(int=w * 1000 + i)}"
        for w in range(1, 5)
        for i in range(15)
    }
    assert expected <= keys


def test_suggest_corrects_misspelling(backend):
    """A misspelt word is corrected to a word from the index."""
    make_book("Begeleiding van jongeren")
    assert suggest("begeleidnig", backend=backend) == "begeleiding"
    assert suggest("jongeren", backend=backend) is None


def test_highlight_marks_words_and_escapes(backend):
    """The snippet marks matching word forms and escapes HTML in the text."""
    book = make_book("Jongeren <script>", summary="Over de begeleidingen van jongeren.")
    snippet = highlight(book, "begeleiding", backend=backend)
    assert "<mark>begeleidingen</mark>" in snippet
    assert "<script>" not in highlight(book, "jongeren", backend=backend)


def test_highlight_of_a_long_text_shows_the_words_where_they_occur(backend):
    """A long text is highlighted from its first match on, also when the word first appears
    inside a longer one, and when only its stem is in the text."""
    filler = "Een verslag over de werking van het netwerk en de samenwerking. " * 60
    far = make_book("Verslag", summary=filler + "Daar spraken de jongeren over hun plannen.")
    snippet = highlight(far, "jongeren", backend=backend)
    assert "<mark>jongeren</mark>" in snippet
    compound = make_book(
        "Verslag", summary="Het jongerenwerk start. " + filler + "Elke jongere telt. " + filler
    )
    assert "<mark>jongere</mark>" in highlight(compound, "jongeren", backend=backend)
    assert "<mark>" not in highlight(far, "pleegzorg", backend=backend)


def test_hit_without_a_primary_key_is_left_out_and_logged(backend, caplog):
    """A document the index holds without its primary key does not fail the search."""
    from modelsearch_whoosh.mapping import DocumentBuilder

    kept = make_book("Verslag over pleegzorg")
    broken = DocumentBuilder(models.Book).build(make_book("Pleegzorg in de regio"))
    broken = {key: value for key, value in broken.items() if key not in ("pk", "pk_int")}
    backend.add(kept)
    backend.store.write(lambda writer: writer.update_document(**broken) or True)
    with caplog.at_level(logging.ERROR, logger="modelsearch_whoosh"):
        found = list(backend.search("pleegzorg", models.Book))
    assert titles(found) == ["Verslag over pleegzorg"]
    assert "without a primary key" in caplog.text


def test_threads_search_while_the_index_changes(backend):
    """Several threads of one process search at once, while documents are added, without errors."""
    import threading

    for number in range(40):
        backend.add(make_book(f"Verslag studiedag {number}", summary="jongeren begeleiding " * 20))
    errors = []
    counts = []
    written = []
    stop = threading.Event()

    def search():
        try:
            for _ in range(40):
                counts.append(backend.search("studiedag begeleiding", models.Book).count())
        except Exception as error:
            errors.append(error)

    def write():
        # Documents of another model, which need no database row: the test's own transaction
        # keeps SQLite's tables locked for other threads' connections.
        try:
            while not stop.is_set() and len(written) < 30:
                number = len(written)
                backend.add(
                    models.AdvertWithCustomUUIDPrimaryKey(
                        advert_id=uuid.UUID(int=number), text=f"Nieuw verslag studiedag {number}"
                    )
                )
                written.append(number)
        except Exception as error:
            errors.append(error)

    writer = threading.Thread(target=write)
    readers = [threading.Thread(target=search) for _ in range(6)]
    writer.start()
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    stop.set()
    writer.join()
    assert errors == []
    assert written, "the index must change while the threads search"
    assert min(counts) >= 40


def test_filter_that_matches_nothing_finds_nothing(backend):
    """A filter no document passes gives no result and a zero count, never every document."""
    backend.add(make_book("Verslag studiedag", pages=100))
    nothing = models.Book.objects.filter(number_of_pages=99999)
    assert list(backend.search("studiedag", nothing)) == []
    assert backend.search("studiedag", nothing).count() == 0
    assert list(backend.autocomplete("studie", nothing)) == []


def test_block_scoring_ranks_and_scores_as_whoosh(backend):
    """Plain queries scored a block at a time give Whoosh's own order and scores.

    Term queries skip Whoosh's matcher tree (see ``modelsearch_whoosh.bulk``); the same
    searches with ``BLOCK_SCORER`` off must come back identical, scores included.
    """
    texts = [
        ("Jongeren in de jeugdhulp", "Begeleiding van jongeren en hun ouders"),
        ("Begeleiding", "Jongere begeleiders bespreken begeleidingen"),
        ("Pleegzorg", "Een jongere in een pleeggezin, begeleiding aan huis"),
        ("Intervisie", "Casusbespreking met het team over jongeren"),
        ("Jeugdhulp en onderwijs", "Samenwerking rond jongeren met school"),
    ]
    books = [
        make_book(title, pages=100 * number, summary=summary)
        for number, (title, summary) in enumerate(texts * 8, start=1)
    ]
    backend.add_bulk(models.Book, books)
    # A second segment, and a document replaced in the first (deleted there, added again).
    backend.add(make_book("Jongeren", pages=50, summary="Jongeren jongeren begeleiding"))
    books[3].summary = "Nu over begeleiding van ouders"
    books[3].save()
    backend.add(books[3])
    queries = [
        ("jongeren", models.Book.objects.all(), "and"),
        ("begeleiding jongeren", models.Book.objects.all(), "and"),
        ("pleegzorg intervisie", models.Book.objects.all(), "or"),
        ("jongere", models.Book.objects.filter(number_of_pages__gte=1500), "and"),
    ]

    def ranked(search_backend):
        found = []
        for text, queryset, operator in queries:
            results = search_backend.search(text, queryset, operator=operator)
            found.append(
                [(book.pk, round(book._score, 9)) for book in results.annotate_score("_score")]
            )
            found.append(search_backend.search(text, queryset, operator=operator).count())
        found.append([book.pk for book in search_backend.autocomplete("jon", models.Book)])
        for phrase in ("begeleiding van jongeren", "jongeren en hun ouders", "jongere in een"):
            # Phrases are scored differently (by their words), but find the same documents.
            found.append(
                sorted(book.pk for book in search_backend.search(Phrase(phrase), models.Book))
            )
        return found

    block_scored = ranked(backend)
    assert block_scored[-3], "the phrase must be found"
    assert ranked(plain_scorer()) == block_scored
    assert block_scored[0] and all(score > 0 for _pk, score in block_scored[0])


def test_words_beside_a_rare_one_rank_and_count_as_whoosh(backend):
    """A search for common words and a rare one (which the block scorer reads first, to read
    the others for its documents only) gives Whoosh's own hits, scores and counts."""
    rng = random.Random(11)
    common = ["jongeren", "begeleiding", "ouders", "school", "team"]
    books = [
        make_book(
            " ".join(rng.sample(common, 2)),
            pages=rng.randint(1, 999),
            summary=" ".join(rng.choice(common) for _ in range(rng.randint(2, 30))),
        )
        for _ in range(150)
    ]
    for book in rng.sample(books, 6):
        book.summary += " pleegzorg"
        book.save()
    backend.add_bulk(models.Book, books)
    queries = [
        ("pleegzorg jongeren", models.Book.objects.all()),
        ("jongeren ouders pleegzorg", models.Book.objects.all()),
        ("school pleegzorg team", models.Book.objects.filter(number_of_pages__lt=700)),
    ]

    def ranked(search_backend):
        found = []
        for text, queryset in queries:
            results = search_backend.search(text, queryset).annotate_score("_score")
            found.append([(book.pk, round(book._score, 9)) for book in results])
            found.append(search_backend.search(text, queryset).count())
        return found

    block_scored = ranked(backend)
    assert all(block_scored[0::2]), "every search must find something"
    assert ranked(plain_scorer()) == block_scored


def test_best_hits_of_a_sliced_search_are_the_first_of_the_full_ranking(backend):
    """A sliced search with a phrase, or of one word, reads the long posting lists only where a
    hit is still possible; its hits and their scores must be the first ones of the complete
    ranking."""
    rng = random.Random(7)
    phrases = ["begeleiding van jongeren", "jongeren en ouders", "samen op school"]
    words = ["jongeren", "begeleiding", "ouders", "school", "team", "van", "en", "op", "de"]

    def text(pieces):
        return " ".join(
            rng.choice(phrases) if rng.random() < 0.15 else rng.choice(words) for _ in range(pieces)
        )

    books = [
        make_book(
            text(rng.randint(1, 4)), pages=rng.randint(1, 999), summary=text(rng.randint(3, 40))
        )
        for _ in range(400)
    ]
    backend.add_bulk(models.Book, books)
    backend.add(make_book("Jongeren en ouders", pages=5, summary="Begeleiding van jongeren"))
    queries = [
        Phrase("begeleiding van jongeren"),
        Phrase("jongeren en ouders"),
        Phrase("samen op school") & PlainText("team"),
        Phrase("jongeren en ouders") | Phrase("begeleiding van jongeren"),
        PlainText("jongeren"),
        PlainText("school"),
    ]
    querysets = [models.Book.objects.all(), models.Book.objects.filter(number_of_pages__lt=500)]
    for query in queries:
        for queryset in querysets:
            best = {}
            for limit in (1, 3, 10):
                sliced = backend.search(query, queryset).annotate_score("_score")[:limit]
                best[limit] = [(book.pk, book._score) for book in sliced]
            # Scored in full (and kept for the searcher) only after the sliced searches.
            full = backend.search(query, queryset).annotate_score("_score")
            everything = [(book.pk, book._score) for book in full]
            for limit, hits in best.items():
                assert len(everything) > limit
                assert hits == everything[:limit], (query, limit)


def test_phrase_needs_the_words_in_order(backend):
    """A quoted phrase finds the words side by side and in order, not merely present."""
    make_book("Begeleiding van jongeren")
    make_book("Jongeren krijgen begeleiding")
    assert titles(backend.search(Phrase("begeleiding van jongeren"), models.Book)) == [
        "Begeleiding van jongeren"
    ]
    assert titles(backend.search(Phrase("jongeren begeleiding"), models.Book)) == []


def test_long_phrase_is_not_found_from_its_pairs_alone(backend):
    """Three words match only where they follow each other, not where each pair occurs apart."""
    make_book("Samen leren jeugdhulp")
    make_book("Samen leren is fijn; leren jeugdhulp ook")
    found = backend.search(Phrase("samen leren jeugdhulp"), models.Book)
    assert titles(found) == ["Samen leren jeugdhulp"]
    assert found.count() == 1


def test_phrase_searched_again_reflects_later_changes(backend):
    """What a phrase matched is kept per segment: changes made since are still seen."""
    first = make_book("Veiligheid in de leefgroep")
    make_book("Leefgroep en veiligheid")
    phrase = Phrase("veiligheid in de leefgroep")
    assert titles(backend.search(phrase, models.Book)) == ["Veiligheid in de leefgroep"]
    first.title = "Veiligheid thuis en in de leefgroep"
    first.save()
    make_book("Over veiligheid in de leefgroep")
    assert titles(backend.search(phrase, models.Book)) == ["Over veiligheid in de leefgroep"]
    assert backend.search(phrase, models.Book).count() == 1


def test_phrase_searched_again_under_another_filter_keeps_its_scores(backend):
    """A phrase searched again under another filter (scored from the documents it matched the
    first time) finds the documents the filter keeps, with the scores they had."""
    for number in range(6):
        make_book(f"Begeleiding van jongeren {number}", pages=100 + number)
        make_book(f"Jongeren zoeken {number}", pages=200, summary="begeleiding van jongeren")
        make_book(f"Jongeren en begeleiding {number}", summary="over jongeren, begeleiding")
    phrase = Phrase("begeleiding van jongeren")
    first = backend.search(phrase, models.Book).annotate_score("score")
    first = {book.pk: book.score for book in first}
    assert len(first) == 12
    again = backend.search(phrase, models.Book.objects.filter(number_of_pages__gte=102))
    again = {book.pk: book.score for book in again.annotate_score("score")}
    assert again == {pk: score for pk, score in first.items() if pk in again}
    assert len(again) == 10


def test_index_built_before_phrase_fields_keeps_taking_updates(backend, caplog):
    """After an upgrade, an index without the newer fields is still updated and searched."""
    from modelsearch_whoosh import storage

    build_schema = storage.build_schema

    def without_phrase_fields(lang, stoplist=None):
        schema = build_schema(lang, stoplist)
        schema.remove("p__*")
        return schema

    with mock.patch.object(storage, "build_schema", without_phrase_fields):
        backend.reset_indexes()
    with caplog.at_level(logging.WARNING, logger="modelsearch_whoosh"):
        make_book("Begeleiding van jongeren")
    assert titles(backend.search("jongeren", models.Book)) == ["Begeleiding van jongeren"]
    assert "update_index" in caplog.text
