"""Indexing shortcuts of the Dutch analysis write the postings Whoosh's own path writes."""

import random

import pytest
from whoosh.analysis import StemFilter
from whoosh.formats import Frequency, Positions

from modelsearch_whoosh.analysis import (
    PackedPositions,
    StemCounts,
    base_chain,
    phrase_analyzer,
    text_analyzer,
)

WORDS = [
    "jongeren",
    "jongere",
    "begeleiding",
    "begeleidingen",
    "beïnvloeding",
    "de",
    "van",
    "Ouders",
    "school",
    "scholen",
    "2026",
    "3.141",
    "big-time",
    "under_score",
    "a",
    "Straße",
    "café,",
    "(ouders)",
]


def _texts():
    rng = random.Random(3)
    yield ""
    yield "de van het"  # stop words only
    for _ in range(40):
        yield " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 80)))


@pytest.mark.parametrize(
    ("ours", "whoosh", "analyzer", "reference"),
    [
        (
            StemCounts(field_boost=1.5),
            Frequency,
            text_analyzer("nl"),
            base_chain("nl") | StemFilter(lang="nl"),
        ),
        (PackedPositions(field_boost=1.0), Positions, phrase_analyzer("nl"), base_chain("nl")),
        (PackedPositions(field_boost=1.0), Positions, phrase_analyzer("xx"), base_chain("xx")),
        (
            PackedPositions(field_boost=1.0),
            Positions,
            phrase_analyzer("nl", ["ouders"]),
            base_chain("nl", ["ouders"]),
        ),
    ],
    ids=["full-text", "phrase", "no-stop-words", "own-stop-words"],
)
def test_words_are_counted_as_whoosh_counts_them(ours, whoosh, analyzer, reference):
    """Same words, counts, weights and positions as Whoosh's own format and analysis chain
    give (positions encoded by our format; stem counts have no value)."""

    def postings(word_values):
        return sorted(
            (word, count, weight, value if whoosh is Positions else b"")
            for word, count, weight, value in word_values
        )

    for text in _texts():
        expected = postings(whoosh.word_values(ours, text, reference, mode="index"))
        found = list(ours.word_values(text, analyzer, mode="index"))
        assert postings(found) == expected
        assert whoosh is Positions or all(value == b"" for *_rest, value in found)
