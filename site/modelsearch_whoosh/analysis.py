"""Analyzers for the Whoosh backend.

Each full-text value fills two fields. The full-text field holds the stem of each word with
its count (no positions, no values): stemming finds a word's whole family, and these lists are
cheap to score. The phrase field beside it holds the unstemmed ("exact") forms with their
positions: phrase queries find their candidates and their positions there, and a query favours
documents that use the typed word through it (in short fields such as titles), because Dutch
stemming also conflates unrelated words.
"""

import sys
import threading
from array import array
from collections import Counter, defaultdict
from itertools import accumulate
from operator import methodcaller, sub

from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StopFilter,
    Token,
    Tokenizer,
)
from whoosh.formats import Format, Positions, tokens
from whoosh.lang import has_stemmer, has_stopwords, stemmer_for_language
from whoosh.support.charset import accent_map

AUTOCOMPLETE_MAX_GRAM = 20


def _identity(word):
    return word


class StemOnlyFilter(Filter):
    """Replaces each token's text by its stem (cached per word, rebuilt after unpickling)."""

    def __init__(self, lang):
        self.lang = lang
        self._stem = None

    def __getstate__(self):
        # Stemmer callables are rebuilt on load instead of being pickled into the index TOC.
        return {"lang": self.lang}

    def __setstate__(self, state):
        self.lang = state["lang"]
        self._stem = None

    def __eq__(self, other):
        return type(self) is type(other) and self.lang == other.lang

    @property
    def stem(self):
        if self._stem is None:
            self._stem = make_stemmer(self.lang)
        return self._stem

    def __call__(self, tokens):
        stem = self.stem
        for token in tokens:
            token.text = stem(token.text)
            yield token


def make_stemmer(lang):
    """Return a caching stem function for ``lang``, or the identity when unsupported."""
    if not lang or not has_stemmer(lang):
        return _identity
    stemfn = stemmer_for_language(lang)
    cache = {}

    def stem(word):
        try:
            return cache[word]
        except KeyError:
            if len(cache) > 50000:
                cache.clear()
            result = cache[word] = stemfn(word)
            return result

    return stem


def base_chain(lang, stoplist=None):
    """Tokenize, lowercase, drop stop words and fold accents (no stemming)."""
    chain = RegexTokenizer() | LowercaseFilter()
    if stoplist is not None:
        chain = chain | StopFilter(stoplist=stoplist)
    elif lang and has_stopwords(lang):
        chain = chain | StopFilter(lang=lang)
    return chain | CharsetFilter(accent_map)


# Base-chain tokens of the last few texts indexed, by the identity of the text.
_shared: dict[int, tuple[str, list[tuple[str, int]]]] = {}
_shared_lock = threading.Lock()
SHARED_TEXTS = 8


class SharedBaseTokenizer(Tokenizer):
    """The base chain, run once per text when one text fills several fields.

    Every full-text value is indexed twice, in its full-text field and in its phrase field;
    the second field replays the tokens of the first instead of analysing the text again.
    Anything but plain indexing (highlighting asks for character offsets) runs the chain.
    """

    def __init__(self, lang, stoplist=None):
        self.lang = lang
        self.stoplist = stoplist
        self._chain = None
        self._folded = None

    def __getstate__(self):
        return {"lang": self.lang, "stoplist": self.stoplist}

    def __setstate__(self, state):
        self.lang = state["lang"]
        self.stoplist = state["stoplist"]
        self._chain = None
        self._folded = None

    def __eq__(self, other):
        return (
            type(self) is type(other)
            and self.lang == other.lang
            and self.stoplist == other.stoplist
        )

    @property
    def chain(self):
        if self._chain is None:
            self._chain = base_chain(self.lang, self.stoplist)
        return self._chain

    def __call__(self, value, mode="", chars=False, keeporiginal=False, removestops=True, **kw):
        if mode != "index" or chars or keeporiginal or not removestops:
            yield from self.chain(
                value,
                mode=mode,
                chars=chars,
                keeporiginal=keeporiginal,
                removestops=removestops,
                **kw,
            )
            return
        token = Token(mode=mode, **kw)
        for text, pos in self.index_words(value):
            token.text = text
            token.pos = pos
            token.boost = 1.0
            token.stopped = False
            yield token

    def index_words(self, value):
        """``[(word, position)]`` of ``value`` as indexed, worked out once per text."""
        entry = _shared.get(id(value))
        if entry is not None and entry[0] is value:
            return entry[1]
        words = self._words(value)
        with _shared_lock:
            if len(_shared) >= SHARED_TEXTS:
                _shared.clear()
            _shared[id(value)] = (value, words)
        return words

    def _words(self, value):
        """The chain's ``[(word, position)]`` for ``value``, without a token object per word.

        Whoosh passes every token through four generators (tokenizer, lowercase, stop words,
        accent folding): most of a rebuild's analysis time. Here the tokenizer's expression
        splits the text and each distinct token is lowercased, checked and folded once. As
        Whoosh numbers them, the first word kept has its token's position and the next ones
        follow it without gaps.
        """
        tokenizer, *filters = self.chain.items
        if self._folded is None:
            self._folded = {}
            self._stops = next((f for f in filters if isinstance(f, StopFilter)), None)
            self._charmap = next(f for f in filters if isinstance(f, CharsetFilter)).charmap
        folded = self._folded
        if len(folded) > FOLDED_WORDS:
            folded.clear()
        words = []
        first = None
        for position, token in enumerate(map(_matched, tokenizer.expression.finditer(value))):
            word = folded.get(token)
            if word is None:
                word = folded[token] = self._fold(token)
            if word is not False:
                if first is None:
                    first = position
                words.append(word)
        return list(zip(words, range(first, first + len(words)), strict=True)) if words else []

    def _fold(self, token):
        """``token`` lowercased and accent-folded, or False for a stop word."""
        text = token.lower()
        stop = self._stops
        if stop is not None and (
            len(text) < stop.min
            or (stop.max is not None and len(text) > stop.max)
            or text in stop.stops
        ):
            return False
        return text.translate(self._charmap)


# Distinct tokens whose folded form a SharedBaseTokenizer keeps.
FOLDED_WORDS = 100_000
_matched = methodcaller("group")


def _plain_indexing(value, kwargs):
    """True when Whoosh indexes a text value with no option beyond the mode."""
    return isinstance(value, str) and kwargs.get("mode", "index") == "index" and len(kwargs) <= 1


class StemCounts(Format):
    """How often each stem occurs in a document, as the posting's weight, with no value.

    Whoosh's ``Frequency`` also stores the count as a four-byte value beside the weight that
    already holds it (times the field's boost); nothing here reads it. With
    ``text_analyzer``'s chain the words of the text (shared with its phrase field) are counted
    in one pass and each distinct word is stemmed once, instead of walking every token through
    the analyzer's filters.
    """

    posting_size = 0

    def __init__(self, field_boost=1.0, **options):
        self.field_boost = field_boost
        self.options = options

    def word_values(self, value, analyzer, **kwargs):
        parts = getattr(analyzer, "items", ())
        if (
            _plain_indexing(value, kwargs)
            and len(parts) == 2
            and isinstance(parts[0], SharedBaseTokenizer)
            and isinstance(parts[1], StemOnlyFilter)
        ):
            stem = parts[1].stem
            stems = Counter()
            for word, count in Counter(w for w, _p in parts[0].index_words(value)).items():
                stems[stem(word)] += count
        else:
            kwargs["boosts"] = True
            stems = Counter(token.text for token in tokens(value, analyzer, kwargs))
        boost = self.field_boost
        for word, count in stems.items():
            yield word, count, count * boost, b""


def text_analyzer(lang, stoplist=None):
    """Index-time analyzer for full-text fields: stems."""
    return SharedBaseTokenizer(lang, stoplist) | StemOnlyFilter(lang)


# The first byte of a packed positions value says how the positions follow it.
GAPS = b"g"  # the gaps between positions (the first from 0), one byte each
SHORTS = b"h"  # the positions as unsigned 16-bit integers, little-endian
INTS = b"i"  # the positions as unsigned 32-bit integers, little-endian
BIG_ENDIAN = sys.byteorder == "big"


class PackedPositions(Positions):
    """Word positions packed in as few bytes as they need, rather than one pickle per posting.

    Whoosh's ``Positions`` pickles every document's position list behind a four-byte count;
    here a position takes one byte (the gap from the previous one) when every gap of the list
    is under 256, which is nearly always so in pages of a few hundred words, else two or four.
    Decoding is done in C (``accumulate`` over the bytes, or ``frombytes``).
    """

    def word_values(self, value, analyzer, **kwargs):
        if not (_plain_indexing(value, kwargs) and isinstance(analyzer, SharedBaseTokenizer)):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        # The words of the text (shared with its full-text field), grouped in one pass.
        positions = defaultdict(list)
        for word, position in analyzer.index_words(value):
            positions[word].append(position)
        boost = self.field_boost
        for word, found in positions.items():
            yield word, len(found), len(found) * boost, self.encode(found)

    def encode(self, poslist):
        gaps = list(map(sub, poslist, [0, *poslist[:-1]]))
        if max(gaps, default=0) < 256:
            return GAPS + bytes(gaps)
        packed = array("H" if poslist[-1] < 65536 else "I", poslist)
        if BIG_ENDIAN:
            packed.byteswap()
        return (SHORTS if packed.typecode == "H" else INTS) + packed.tobytes()

    def decode_positions(self, valuestring):
        return list(positions_array(valuestring))

    def decode_frequency(self, valuestring):
        size = {GAPS: 1, SHORTS: 2}.get(valuestring[:1], 4)
        return (len(valuestring) - 1) // size

    def decode_weight(self, valuestring):
        return self.decode_frequency(valuestring) * self.field_boost

    def combine(self, vs):
        return self.encode(sorted(set().union(*map(self.decode_positions, vs))))


def positions_array(valuestring):
    """The positions of a ``PackedPositions`` value, in order (an iterable of integers)."""
    kind = valuestring[:1]
    if kind == GAPS:
        return accumulate(valuestring[1:])
    packed = array("H" if kind == SHORTS else "I")
    packed.frombytes(valuestring[1:])
    if BIG_ENDIAN:
        packed.byteswap()
    return packed


def phrase_analyzer(lang, stoplist=None):
    """Index-time analyzer for phrase fields: exact forms (unmarked) with positions."""
    return SharedBaseTokenizer(lang, stoplist)


def autocomplete_analyzer():
    """Index-time analyzer for autocomplete fields: folded edge n-grams, never stemmed."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | NgramFilter(minsize=1, maxsize=AUTOCOMPLETE_MAX_GRAM, at="start")
    )


class QueryAnalyzer:
    """Turns query text into the terms the index holds."""

    def __init__(self, lang, stoplist=None):
        self.chain = base_chain(lang, stoplist)
        self.autocomplete_chain = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
        self.stem = make_stemmer(lang)

    def words(self, text):
        """Return ``(stem, exact form)`` pairs for the words of ``text``: the stem is a term of
        the full-text fields, the exact form one of the phrase fields."""
        return [(self.stem(token.text), token.text) for token in self.chain(text, mode="query")]

    def autocomplete_words(self, text):
        return [
            token.text[:AUTOCOMPLETE_MAX_GRAM]
            for token in self.autocomplete_chain(text, mode="query")
        ]
