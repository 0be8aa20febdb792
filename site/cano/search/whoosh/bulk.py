"""Term and phrase queries scored a posting block at a time.

Whoosh scores a query by walking a tree of matchers one document at a time, several Python calls
per posting; a word that occurs on most pages of a large site then costs microseconds for every
page. The queries the search page sends (terms and phrases combined with ``And`` and ``Or``) are
scored here instead: each posting list is decoded a block at a time, BM25F is computed in one
loop over the block, and the best hits are picked at the end. Term scores and the order of hits
are the ones Whoosh's ``BM25F`` weighting and ``TopCollector`` give; a phrase finds the
documents Whoosh's phrase query finds, scored by its words. Every other query shape
(fuzzy terms, ``Not``, ``Every``, sloppy phrases) returns ``None`` and goes through Whoosh.
"""

import heapq
from array import array
from bisect import bisect_left, bisect_right
from itertools import accumulate, compress, repeat
from operator import add, mul, sub

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching import FilterMatcher
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from .analysis import EXACT_MARK, PackedPositions, positions_array
from .storage import mask_for, segment_cached

BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]
PHRASE_PREFIX = "p__"
TEXT_PREFIX = "t__"


def supported(query, schema):
    """True when ``query`` (normalised) is made of terms, phrases, ``And`` and ``Or``.

    Boosts must be positive, and phrases must be on phrase fields with packed positions.
    """
    if query is wq.NullQuery:
        return True
    if query.boost <= 0:
        return False
    if type(query) is wq.Term:
        return True
    if type(query) is wq.Phrase:
        return (
            query.slop == 1
            and query.fieldname.startswith(PHRASE_PREFIX)
            and query.fieldname in schema
            and isinstance(schema[query.fieldname].format, PackedPositions)
        )
    if type(query) in (wq.And, wq.Or):
        if type(query) is wq.Or and (query.minmatch or query.scale):
            return False
        return all(supported(sub, schema) for sub in query.subqueries)
    return False


def _field_lengths(reader, fieldname):
    """Length of ``fieldname`` in every document of one segment, as a list."""

    def build():
        count = reader.doc_count_all()
        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            # Whoosh's BM25F reads a missing length as 1.
            return [1] * count
        lengths = [BYTE_LENGTHS[b] for b in bytes(column.load())]
        lengths.extend(repeat(0, count - len(lengths)))
        return lengths

    return segment_cached(reader, ("lengths", fieldname), build)


def _length_norms(reader, fieldname, constant, per_length):
    """BM25's length part, ``K1 * ((1 - B) + B * length / average)``, for every document.

    It changes with the average length, that is with every commit: only the latest is kept.
    """
    params = (constant, per_length)
    # One slot holding a (params, norms) tuple, replaced whole, so threads never mix the two.
    slot = segment_cached(reader, ("norms", fieldname), lambda: [(None, None)])
    kept_params, norms = slot[0]
    if kept_params != params:
        norms = [constant + per_length * length for length in _field_lengths(reader, fieldname)]
        slot[0] = (params, norms)
    return norms


def column_values(reader, fieldname):
    """Every document's value in a column (translated, as facets read it), one list per index."""
    values = []
    for segment, _offset in reader.leaf_readers():

        def build(segment=segment):
            if segment.has_column(fieldname):
                return list(segment.column_reader(fieldname, translate=True))
            return [None] * segment.doc_count_all()

        values.extend(segment_cached(segment, ("column", fieldname), build))
    return values


def _blocks(matcher, wanted=None):
    """``(wanted_here, docnums, weights, values)`` for the blocks of a posting list.

    Read straight from the block data, without Whoosh's per-posting matcher calls. With
    ``wanted`` (sorted document numbers of the segment), blocks that hold none of them are
    skipped on their header alone and ``wanted_here`` is the part of ``wanted`` in the block's
    range; without it ``wanted_here`` is None.
    """
    if isinstance(matcher, FilterMatcher):
        # Deleted documents are left out later, by the caller's set of allowed documents.
        matcher = matcher.child
    if not isinstance(matcher, W3LeafMatcher):
        ids, weights, values = [], [], []
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            values.append(matcher.value())
            matcher.next()
        if ids:
            yield wanted, ids, weights, values
        return
    lowest = 0
    here = None
    while matcher.is_active():
        highest = matcher._maxid
        if wanted is not None:
            first, last = bisect_left(wanted, lowest), bisect_right(wanted, highest)
            here = wanted[first:last]
        lowest = highest + 1
        if here is not None and not here:
            matcher._next_block()
            continue
        if matcher._data is None:
            matcher._read_data()
        ids, weights, values = matcher._data
        count = matcher._blocklength
        if not matcher._byteids:
            ids = accumulate(ids)
        if weights is None:
            weights = repeat(1.0, count)
        elif isinstance(weights, float):
            weights = repeat(weights, count)
        yield here, ids, weights, values
        matcher._next_block()


# Below this share of the index, the allowed documents are looked up block by block.
SPARSE_SHARE = 0.2


class BulkScorer:
    """Evaluates a supported query against one searcher into a list of scores.

    The list holds one score per document number of the searcher, 0.0 where the query does not
    match (BM25F scores of matches are positive). With ``allow`` (the set of document numbers
    the caller will keep), a small set lets whole posting blocks be skipped; scores of documents
    outside it may then be incomplete.
    """

    def __init__(self, searcher, allow=None):
        self.searcher = searcher
        self.weighting = searcher.weighting
        reader = searcher.reader()
        self.size = reader.doc_count_all()
        self.allow = allow
        self.wanted = {}
        if allow is not None and len(allow) < SPARSE_SHARE * self.size:
            ordered = sorted(allow)
            for segment, offset in reader.leaf_readers():
                end = offset + segment.doc_count_all()
                start, stop = bisect_left(ordered, offset), bisect_left(ordered, end)
                self.wanted[offset] = [docnum - offset for docnum in ordered[start:stop]]

    @staticmethod
    def can_score(searcher):
        """Only Whoosh's BM25F (the default weighting) is reproduced here."""
        return type(searcher.weighting) is BM25F

    def scores(self, query):
        kind = type(query)
        if query is wq.NullQuery:
            return [0.0] * self.size
        if kind is wq.Term:
            # The term's own boost is part of its score.
            return self._add_term(query, [0.0] * self.size)
        if kind is wq.Phrase:
            return self._phrase(query)
        if kind is wq.Or:
            result = [0.0] * self.size
            for sub in query.subqueries:
                if type(sub) is wq.Term:
                    self._add_term(sub, result)
                else:
                    result = list(map(add, result, self.scores(sub)))
        else:
            parts = [self.scores(sub) for sub in query.subqueries]
            result = parts[0] if parts else [0.0] * self.size
            for other in parts[1:]:
                result = _both(result, other)
        if query.boost != 1.0:
            boost = query.boost
            result = [score * boost for score in result]
        return result

    def _add_term(self, term, scores):
        """Add the term's BM25F score for every document it occurs in to ``scores``."""
        searcher = self.searcher
        fieldname = term.fieldname
        schema = searcher.schema
        if fieldname not in schema:
            return scores
        field = schema[fieldname]
        try:
            text = field.to_bytes(term.text)
        except ValueError:
            return scores
        reader = searcher.reader()
        if (fieldname, text) not in reader:
            return scores
        if not field.scorable:
            boost = term.boost
            for segment, offset in reader.leaf_readers():
                if (fieldname, text) in segment:
                    for _here, ids, weights, _values in _blocks(segment.postings(fieldname, text)):
                        for docnum, weight in zip(ids, weights, strict=False):
                            scores[docnum + offset] += weight * boost
            return scores
        weighting = self.weighting
        B = weighting._field_B.get(fieldname, weighting.B)
        K1 = weighting.K1
        avgfl = searcher.avg_field_length(fieldname) or 1
        # bm25(idf, tf, fl) = idf * tf * (K1 + 1) / (tf + K1 * ((1 - B) + B * fl / avgfl))
        numerator = searcher.idf(fieldname, text) * (K1 + 1) * term.boost
        for segment, offset in reader.leaf_readers():
            if (fieldname, text) not in segment:
                continue
            norms = _length_norms(segment, fieldname, K1 * (1 - B), K1 * B / avgfl)
            wanted = self.wanted.get(offset) if self.wanted else None
            for _here, ids, weights, _values in _blocks(segment.postings(fieldname, text), wanted):
                if offset:
                    for docnum, tf in zip(ids, weights, strict=False):
                        scores[docnum + offset] += numerator * tf / (tf + norms[docnum])
                else:
                    for docnum, tf in zip(ids, weights, strict=False):
                        scores[docnum] += numerator * tf / (tf + norms[docnum])
        return scores

    def _phrase(self, phrase):
        """Documents holding the phrase, scored by its words' exact forms.

        Candidates are the documents holding every word in its exact form (cheap frequency
        lists of the full-text field); their word positions are read word by word from the
        rarest. What a segment matches is kept with the segment, so a phrase searched again
        (the next page of results, a popular search) is not worked out again until the segment
        is merged away; with a small allowed set only its documents are checked, and not kept.
        """
        text_field = TEXT_PREFIX + phrase.fieldname[len(PHRASE_PREFIX) :]
        reader = self.searcher.reader()
        if any((text_field, EXACT_MARK + word) not in reader for word in phrase.words):
            return [0.0] * self.size
        result = None
        for word in phrase.words:
            scores = self._add_term(
                wq.Term(text_field, EXACT_MARK + word, boost=phrase.boost), [0.0] * self.size
            )
            result = scores if result is None else _both(result, scores)
        candidates = compress(range(self.size), result)
        if self.wanted:
            candidates = self.allow.intersection(candidates)
        found = self._in_sequence(phrase.fieldname, phrase.words, sorted(candidates))
        return list(map(mul, result, mask_for(found, self.size)))

    def _in_sequence(self, fieldname, words, candidates):
        """The candidates (sorted document numbers) where ``words`` follow each other."""
        found = []
        for segment, offset in self.searcher.reader().leaf_readers():
            end = offset + segment.doc_count_all()
            first, last = bisect_left(candidates, offset), bisect_left(candidates, end)
            local = [docnum - offset for docnum in candidates[first:last]]
            if not local:
                continue
            if self.wanted:
                matched = _segment_sequence(segment, fieldname, words, local)
            else:
                matched = segment_cached(
                    segment,
                    ("phrase", fieldname, tuple(words)),
                    lambda segment=segment, local=local: array(
                        "I", _segment_sequence(segment, fieldname, words, local)
                    ),
                )
            found.extend(docnum + offset for docnum in matched)
        return found


def _segment_sequence(segment, fieldname, words, candidates):
    """The candidates (sorted local document numbers) where ``words`` follow each other."""
    # Document number -> positions where the phrase could start (None before the first word).
    alive = dict.fromkeys(candidates)
    order = sorted(range(len(words)), key=lambda i: segment.doc_frequency(fieldname, words[i]))
    for step, index in enumerate(order):
        if not alive:
            break
        if (fieldname, words[index]) not in segment:
            return []
        last = step == len(order) - 1
        kept = {}
        postings = segment.postings(fieldname, words[index])
        for here, ids, _weights, values in _blocks(postings, sorted(alive)):
            block = dict(zip(ids, values, strict=True))
            for docnum in here:
                value = block.get(docnum)
                if value is None:
                    continue
                starts = map(sub, positions_array(value), repeat(index))
                previous = alive[docnum]
                if previous is None:
                    starts = set(starts)
                elif last:
                    # Only whether a start remains matters for the last word.
                    if not previous.isdisjoint(starts):
                        kept[docnum] = previous
                    continue
                else:
                    starts = previous.intersection(starts)
                if starts:
                    kept[docnum] = starts
        alive = kept
    return sorted(alive)


def _both(first, second):
    """Sums where both lists score, 0.0 elsewhere (scores of matches are positive)."""
    return list(map(mul, map(add, first, second), map(bool, map(min, first, second))))


def allowed_scores(scores, mask):
    """``scores`` with 0.0 for every document ``mask`` (a bytearray of 0 and 1) leaves out."""
    return list(map(mul, scores, mask))


def top(allowed, limit):
    """``(docnum, score)`` of the best ``limit`` of ``allowed`` scores, as Whoosh orders them.

    Whoosh's collector keeps the highest scores and, among equal scores, the lowest document
    numbers. ``limit`` None keeps every hit.
    """
    everything = range(len(allowed))
    if limit is None:
        docnums = compress(everything, allowed)
    else:
        best = heapq.nlargest(limit, filter(None, allowed))
        if not best:
            return []
        # Every document scoring at least the last one kept; ties are settled below.
        docnums = compress(everything, map(best[-1].__le__, allowed))
    items = sorted(((allowed[docnum], -docnum) for docnum in docnums), reverse=True)
    if limit is not None:
        items = items[:limit]
    return [(-negdoc, score) for score, negdoc in items]


def matches(allowed):
    """Document numbers with a score, in order."""
    return list(compress(range(len(allowed)), allowed))
