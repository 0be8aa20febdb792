"""Packed posting blocks read back exactly what Whoosh's own codec stores."""

import datetime
import random

import pytest
from whoosh import fields, index, query
from whoosh.codec.whoosh3 import W3Codec

from modelsearch.backends import get_search_backend
from modelsearch.test.testapp import models

from modelsearch_whoosh.codec import PACKED, PackedCodec

WORDS = ["jongeren", "begeleiding", "ouders", "school", "team", "pleegzorg", "van", "de"]


def _documents(count):
    rng = random.Random(5)
    for number in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 60))]
        yield {"key": str(number), "body": " ".join(words), "tag": rng.choice(["a", "b"])}


def _index(folder, codec, count=700):
    schema = fields.Schema(
        key=fields.ID(stored=True, unique=True),
        body=fields.TEXT(phrase=True),
        tag=fields.KEYWORD,
    )
    folder.mkdir()
    ix = index.create_in(str(folder), schema)
    with ix.writer(codec=codec) as writer:
        for document in _documents(count):
            # Boosted documents give weights that are not whole numbers.
            boost = 1.5 if document["key"].endswith("7") else 1.0
            writer.add_document(**document, _boost=boost)
    return ix


def _postings(ix):
    with ix.searcher() as searcher:
        reader = searcher.reader()
        found = {}
        for fieldname, text in reader.all_terms():
            matcher = reader.postings(fieldname, text)
            items = []
            while matcher.is_active():
                items.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            found[fieldname, text] = items
        return found


def test_packed_blocks_hold_what_whoosh_blocks_hold(tmp_path):
    """Every posting (document, weight, word positions) of every term, over several blocks."""
    whoosh = _index(tmp_path / "whoosh", W3Codec())
    packed = _index(tmp_path / "packed", PackedCodec())
    expected = _postings(whoosh)
    assert len(expected[("body", b"jongeren")]) > 3 * 128, "several blocks per common word"
    assert _postings(packed) == expected
    with packed.searcher() as searcher:
        matcher = searcher.reader().postings("body", b"jongeren")
        assert matcher._compression == PACKED


def test_packed_index_searches_as_whoosh_index(tmp_path):
    """Whoosh's own query evaluation (skipping, phrases, filters) gives the same hits and scores."""
    whoosh = _index(tmp_path / "whoosh", W3Codec())
    packed = _index(tmp_path / "packed", PackedCodec())
    queries = [
        query.Term("body", "jongeren"),
        query.And([query.Term("body", "ouders"), query.Term("body", "pleegzorg")]),
        query.Or([query.Term("body", "school"), query.Term("body", "team")]),
        query.Phrase("body", ["begeleiding", "van", "de"]),
        query.And([query.Term("body", "team"), query.Term("tag", "a")]),
    ]
    for each in queries:
        results = []
        for ix in (whoosh, packed):
            with ix.searcher() as searcher:
                hits = searcher.search(each, limit=25)
                results.append([(hit["key"], hit.score) for hit in hits])
        assert results[0], each
        assert results[0] == results[1], each


@pytest.mark.django_db
def test_segments_written_before_stay_searchable_beside_packed_ones(whoosh_settings):
    """An index written with Whoosh's own codec keeps answering, next to packed segments."""
    backend = get_search_backend("default")

    def book(title, summary):
        return models.Book.objects.create(
            title=title,
            summary=summary,
            number_of_pages=100,
            publication_date=datetime.date(2020, 1, 1),
        )

    get_search_backend("default", PACKED_CODEC=False).add_bulk(
        models.Book,
        [book(f"Verslag {n}", "jongeren en begeleiding " * (n % 7 + 1)) for n in range(300)],
    )
    backend.add_bulk(
        models.Book,
        [book(f"Nieuw {n}", "begeleiding van jongeren " * (n % 5 + 1)) for n in range(300)],
    )
    reader = backend.store.searcher().reader()
    codecs = {type(segment.segment().codec()) for segment, _offset in reader.leaf_readers()}
    assert codecs == {W3Codec, PackedCodec}

    def ranked(search_backend):
        results = search_backend.search("jongeren begeleiding", models.Book)
        results = results.annotate_score("_score")
        return [(found.pk, round(found._score, 9)) for found in results]

    block_scored = ranked(backend)
    assert len(block_scored) == 600
    assert ranked(get_search_backend("default", BLOCK_SCORER=False)) == block_scored


def test_field_lengths_and_columns_read_as_whoosh_reads_them(tmp_path):
    """Lengths read a whole column at once, and column lookups kept per segment, answer what
    Whoosh's own per-document reader answers, for documents with and without the field."""
    packed = _index(tmp_path / "packed", PackedCodec(), count=300)
    with packed.writer(codec=PackedCodec()) as writer:
        writer.add_document(key="no-body", tag="a")
    for segment in packed._segments():
        storage = packed.storage
        if segment.is_compound():
            storage = segment.open_compound_file(storage)
        ours = PackedCodec().per_document_reader(storage, segment)
        whoosh = W3Codec().per_document_reader(storage, segment)
        for fieldname in ("body", "tag", "key", "missing"):
            assert ours.has_column(fieldname) == whoosh.has_column(fieldname)
            for docnum in range(segment.doc_count_all() + 1):
                assert ours.doc_field_length(docnum, fieldname) == whoosh.doc_field_length(
                    docnum, fieldname
                )


def test_a_segment_whose_files_are_gone_is_not_read_as_empty(tmp_path):
    """A column of a segment that a later commit removed raises instead of reading as empty."""
    folder = tmp_path / "packed"
    folder.mkdir()
    packed = index.create_in(str(folder), fields.Schema(key=fields.ID(stored=True)))
    with packed.writer(codec=PackedCodec(), compound=False) as writer:
        writer.add_document(key="1")
    (segment,) = packed._segments()
    reader = PackedCodec().per_document_reader(packed.storage, segment)
    for name in segment.list_files(packed.storage):
        packed.storage.delete_file(name)
    with pytest.raises(FileNotFoundError):
        reader.has_column("key")
