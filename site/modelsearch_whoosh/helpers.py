"""Helpers for the search page: "did you mean" suggestions and highlighted snippets."""

import functools

from whoosh import highlight as wh
from whoosh.support.charset import accent_map

from django.utils.html import escape

from modelsearch.backends import get_search_backend
from modelsearch.index import SearchField

from .analysis import text_analyzer
from .mapping import prepare_text


class MarkFormatter(wh.Formatter):
    """Wraps matched words in <mark> and escapes everything else."""

    between = " … "

    def _text(self, text):
        return escape(text)

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(wh.get_text(text, token, replace))}</mark>"


def _backend(backend):
    if backend is None or isinstance(backend, str):
        return get_search_backend(backend or "default")
    return backend


def suggest(query, backend=None, maxdist=2):
    """Return a corrected query string, or None when every word is in the index.

    Candidates are unstemmed words of the whole index (the phrase fields' terms) within
    ``maxdist`` edits, most frequent first; the first letter is never changed.
    """
    backend = _backend(backend)
    reader = backend.store.searcher().reader()
    phrase_fields = [name for name in reader.indexed_field_names() if name.startswith("p__")]
    words = [exact for _stem, exact in backend.analyzer.words(query)]
    if not words:
        return None
    changed = False
    corrected = []
    for word in words:
        if any(reader.frequency(field, word) for field in phrase_fields):
            corrected.append(word)
            continue
        best = None
        for field in phrase_fields:
            for candidate in reader.terms_within(field, word, maxdist, prefix=1):
                score = reader.doc_frequency(field, candidate)
                if best is None or score > best[0]:
                    best = (score, candidate)
        if best is None:
            corrected.append(word)
        else:
            corrected.append(best[1])
            changed = True
    return " ".join(corrected) if changed else None


@functools.lru_cache(maxsize=8)
def _highlight_analyzer(language, stoplist):
    # One analyser per language keeps its stemmer's cache warm across snippets; a new one per
    # snippet stemmed every word of every result again.
    return text_analyzer(language, stoplist)


def highlight(obj, query, backend=None, max_chars=200, surround=60):
    """Return an HTML-safe snippet of ``obj``'s searchable text with query words in <mark>.

    The text comes from the object itself (its SearchFields), not from the index, so
    call this only for results the current user is allowed to see.
    """
    backend = _backend(backend)
    texts = [
        prepare_text(field.get_value(obj))
        for field in type(obj).get_search_fields()
        if isinstance(field, SearchField)
    ]
    text = "\n".join(t for t in texts if t)
    if not text:
        return ""
    # The text is analysed into stems: a word's typed form has the same stem.
    words = backend.analyzer.words(query)
    terms = {stem for stem, _exact in words}
    analyzer = _highlight_analyzer(backend.language, backend.stoplist)
    fragmenter = wh.ContextFragmenter(maxchars=max_chars, surround=surround)
    formatter = MarkFormatter()
    keys = list({key for pair in words for key in pair})
    window = _window(text, keys, max_chars, surround)
    snippet = wh.highlight(window, frozenset(terms), analyzer, fragmenter, formatter, top=2)
    if not snippet and window is not text:
        snippet = wh.highlight(text, frozenset(terms), analyzer, fragmenter, formatter, top=2)
    return snippet or escape(text[:max_chars])


# A long text is highlighted in a window of this many snippets' length.
WINDOW_SNIPPETS = 4


def _window(text, keys, max_chars, surround):
    """The part of ``text`` around the first place one of ``keys`` (lowercase, accent-folded
    stems and words of the query) occurs, or all of it when it is short or none occurs.

    Analysing a whole page to pick its best fragments took most of a search page's time after
    the search itself; the snippet now comes from the first matches on, as a reader scanning
    the page would meet them. Words are found by a plain substring search, so the window can
    start at a longer word holding a key: the caller then highlights the whole text.
    """
    length = WINDOW_SNIPPETS * max_chars
    if len(text) <= length:
        return text
    folded = text.lower().translate(accent_map)
    found = [at for at in map(folded.find, keys) if at >= 0]
    if not found:
        return text
    start = max(0, min(found) - 2 * surround)
    if start:
        # Whole words only: from just after the space before the cut.
        start = text.rfind(" ", 0, start) + 1
    end = text.find(" ", start + length)
    return text[start:] if end < 0 else text[start:end]
