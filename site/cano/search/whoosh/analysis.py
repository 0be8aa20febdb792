"""Analyzers for the Whoosh backend.

Full-text fields hold two tokens per word at the same position: the stem and the
unstemmed ("exact") form, marked with ``EXACT_MARK``. Stemming finds a word's whole
family; the exact form lets the query favour documents that use the typed word,
because Dutch stemming also conflates unrelated words.
"""

from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StopFilter,
)
from whoosh.lang import has_stemmer, has_stopwords, stemmer_for_language
from whoosh.support.charset import accent_map

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


def text_analyzer(lang, stoplist=None):
    """Index-time analyzer for full-text fields."""
    return base_chain(lang, stoplist) | DualStemFilter(lang)


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
