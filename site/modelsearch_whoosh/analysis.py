"""Analyzers for the Whoosh backend.

Full-text fields hold two tokens per word: the stem and the unstemmed ("exact") form,
marked with ``EXACT_MARK``. Stemming finds a word's whole family; the exact form lets
the query favour documents that use the typed word, because Dutch stemming also
conflates unrelated words (a query asks for it in short fields such as titles; phrase
queries find their candidates by it). Full-text fields keep term frequencies only, which makes
their posting lists cheap to score; a phrase field beside each holds the exact forms
with their positions, for phrase queries.
"""

import sys
import threading
from array import array
from collections import Counter, defaultdict

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
from whoosh.formats import Frequency, Positions
from whoosh.lang import has_stemmer, has_stopwords, stemmer_for_language
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

EXACT_MARK = "="
AUTOCOMPLETE_MAX_GRAM = 20


def _identity(word):
    return word


class DualStemFilter(Filter):
    """Emits the stem and the marked exact form of each token at one position."""

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
            exact = token.text
            token.text = stem(exact)
            yield token
            token.text = EXACT_MARK + exact
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

    def __getstate__(self):
        return {"lang": self.lang, "stoplist": self.stoplist}

    def __setstate__(self, state):
        self.lang = state["lang"]
        self.stoplist = state["stoplist"]
        self._chain = None

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
        words = [(t.text, t.pos) for t in self.chain(value, mode="index", positions=True)]
        with _shared_lock:
            if len(_shared) >= SHARED_TEXTS:
                _shared.clear()
            _shared[id(value)] = (value, words)
        return words


def _plain_indexing(value, kwargs):
    """True when Whoosh indexes a text value with no option beyond the mode."""
    return isinstance(value, str) and kwargs.get("mode", "index") == "index" and len(kwargs) <= 1


class CountedFrequency(Frequency):
    """Whoosh's ``Frequency`` for ``text_analyzer``'s fields, counted from the words at once.

    Whoosh walks every token through the analyzer's filters and counts it in two dictionaries;
    here the words of the text (shared with its phrase field) are counted in one pass, and
    each distinct word is stemmed once. The postings are the ones Whoosh writes.
    """

    def word_values(self, value, analyzer, **kwargs):
        parts = getattr(analyzer, "items", ())
        if not (
            _plain_indexing(value, kwargs)
            and len(parts) == 2
            and isinstance(parts[0], SharedBaseTokenizer)
            and isinstance(parts[1], DualStemFilter)
        ):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        forms = Counter(word for word, _position in parts[0].index_words(value))
        stems = Counter()
        stem = parts[1].stem
        for word, count in forms.items():
            stems[stem(word)] += count
        boost = self.field_boost
        for word, count in stems.items():
            yield word, count, count * boost, pack_uint(count)
        for word, count in forms.items():
            yield EXACT_MARK + word, count, count * boost, pack_uint(count)


def text_analyzer(lang, stoplist=None):
    """Index-time analyzer for full-text fields: stems and exact forms."""
    return SharedBaseTokenizer(lang, stoplist) | DualStemFilter(lang)


class PackedPositions(Positions):
    """Word positions as packed 32-bit integers rather than one pickle per posting.

    Whoosh's ``Positions`` pickles every document's position list; packed arrays are written
    and read in C, which makes phrase queries and the rebuild cheaper.
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
        packed = array("I", poslist)
        if sys.byteorder == "big":
            packed.byteswap()
        return pack_uint(len(packed)) + packed.tobytes()

    def decode_positions(self, valuestring):
        return positions_array(valuestring).tolist()


def positions_array(valuestring):
    """The positions of a ``PackedPositions`` value, as an array."""
    packed = array("I")
    packed.frombytes(valuestring[4:])
    if sys.byteorder == "big":
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
        """Return ``(stem, exact_term)`` pairs for the words of ``text``."""
        return [
            (self.stem(token.text), EXACT_MARK + token.text)
            for token in self.chain(text, mode="query")
        ]

    def autocomplete_words(self, text):
        return [
            token.text[:AUTOCOMPLETE_MAX_GRAM]
            for token in self.autocomplete_chain(text, mode="query")
        ]
