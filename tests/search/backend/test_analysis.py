"""Indexing shortcuts of the Dutch analysis write the postings Whoosh's own path writes."""

import random

import pytest
from whoosh.formats import Frequency, Positions

from modelsearch_whoosh.analysis import (
    PackedPositions,
    StemCounts,
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
]


def _texts():
    rng = random.Random(3)
    yield ""
    yield "de van het"  # stop words only
    for _ in range(40):
        yield " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 80)))


@pytest.mark.parametrize(
    ("ours", "whoosh", "analyzer"),
    [
        (StemCounts(field_boost=1.5), Frequency, text_analyzer("nl")),
        (PackedPositions(field_boost=1.0), Positions, phrase_analyzer("nl")),
    ],
    ids=["full-text", "phrase"],
)
def test_words_are_counted_as_whoosh_counts_them(ours, whoosh, analyzer):
    """Same words, counts, weights and positions as Whoosh's own path through the analyzer
    (which encodes positions with our format; stem counts have no value)."""

    def postings(word_values):
        return sorted(
            (word, count, weight, value if whoosh is Positions else b"")
            for word, count, weight, value in word_values
        )

    for text in _texts():
        expected = postings(whoosh.word_values(ours, text, analyzer, mode="index"))
        found = list(ours.word_values(text, analyzer, mode="index"))
        assert postings(found) == expected
        assert whoosh is Positions or all(value == b"" for *_rest, value in found)
