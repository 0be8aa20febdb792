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
from collections import defaultdict
from functools import reduce
from itertools import accumulate, compress, repeat
from operator import add, and_, itemgetter, mul, sub

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching import FilterMatcher
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length, length_to_byte

from .analysis import PackedPositions, positions_array
from .codec import PACKED, PackedPerDocReader
from .storage import block_table_cached, segment_cached, segment_kept

BYTE_LENGTHS = [byte_to_length(b) for b in range(256)]
PHRASE_PREFIX = "p__"


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
        perdoc = reader._perdoc
        if isinstance(perdoc, PackedPerDocReader):
            data = perdoc.length_bytes(fieldname)
        else:
            column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            data = None if column is None else bytes(column.load())
        if data is None:
            # Whoosh's BM25F reads a missing length as 1.
            return [1] * count
        lengths = [BYTE_LENGTHS[b] for b in data[:count]]
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


def _blocks(matcher, wanted=None, table=None):
    """``(wanted_here, docnums, weights, values, count)`` for the blocks of a posting list.

    Read straight from the block data, without Whoosh's per-posting matcher calls. With
    ``wanted`` (sorted document numbers of the segment), blocks that hold none of them are
    skipped and ``wanted_here`` is the part of ``wanted`` in the block's range; without it
    ``wanted_here`` is None. Skipping reads each block's header in turn, unless ``table``
    (called with the matcher) gives where every block starts: then only the blocks holding
    wanted documents are read.
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
            yield wanted, ids, weights, values, len(ids)
        return
    if wanted is not None and table is not None:
        yield from _jump(matcher, wanted, *table(matcher))
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
        yield (here, *_decoded(matcher))
        matcher._next_block()


def _jump(matcher, wanted, last_docnums, positions):
    """The blocks holding ``wanted`` documents, as ``_blocks`` gives them, read directly."""
    start, total, blocks = 0, len(wanted), len(last_docnums)
    while start < total:
        block = bisect_left(last_docnums, wanted[start])
        if block == blocks:
            return
        stop = bisect_right(wanted, last_docnums[block], start)
        here, start = wanted[start:stop], stop
        matcher._goto(positions[block])
        yield (here, *_decoded(matcher))


def _decoded(matcher):
    """``(docnums, weights, values, count)`` of the matcher's current block."""
    if matcher._data is None:
        matcher._read_data()
    ids, weights, values = matcher._data
    count = matcher._blocklength
    if matcher._compression != PACKED and not matcher._byteids:
        # Whoosh's own blocks hold the gaps between document numbers.
        ids = accumulate(ids)
    if weights is None:
        weights = repeat(1.0, count)
    elif isinstance(weights, float):
        weights = repeat(weights, count)
    return ids, weights, values, count


def _block_table(matcher):
    """``(last docnums, file positions)`` of the blocks of a posting list (a W3LeafMatcher)."""
    last_docnums, positions = array("I"), array("q")
    position = matcher._baseoffset
    while True:
        matcher._goto(position)
        last_docnums.append(matcher._maxid)
        positions.append(position)
        if matcher._lastblock:
            return last_docnums, positions
        position = matcher._nextoffset


def _table_for(segment, fieldname, text):
    """The ``table`` argument of ``_blocks`` for one posting list of ``segment``."""
    return lambda matcher: block_table_cached(
        segment, (fieldname, text), lambda: _block_table(matcher)
    )


# Below this share of the index, the allowed documents are looked up block by block.
SPARSE_SHARE = 0.2
# A block holding fewer than 1/FEW_WANTED wanted documents has them looked up, not all scored.
FEW_WANTED = 4


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
                elif type(sub) is wq.Phrase:
                    # A phrase matches few documents: added where it matches (adding 0.0
                    # elsewhere would change no score).
                    for docnum, value in zip(*self._phrase_matches(sub), strict=True):
                        result[docnum] += value
                else:
                    result = list(map(add, result, self.scores(sub)))
        else:
            result = self._all_of(query.subqueries)
        if query.boost != 1.0:
            result = list(map(mul, result, repeat(query.boost)))
        return result

    def allowed_scores(self, query, mask):
        """``scores(query)`` with 0.0 for every document ``mask`` (a bytearray of 0 and 1)
        leaves out."""
        if type(query) is wq.And and query.boost == 1.0:
            return self._all_of(query.subqueries, mask)
        return allowed_scores(self.scores(query), mask)

    def _all_of(self, subqueries, mask=None):
        """Scores of an ``And``: the sum of its parts where every part matches (and ``mask``
        allows, when given).

        Parts are read from the one matching fewest documents. Once the documents that can still
        match every part are few, the next parts are read for those only (whole posting blocks
        are skipped and long blocks looked up), which is where a query of several common words
        spends its time. The sums are made in the query's own order, so the scores are the same
        floats as when every part is read in full.
        """
        if not subqueries:
            return [0.0] * self.size
        parts = [None] * len(subqueries)
        order = sorted(range(len(subqueries)), key=lambda i: self._estimated_matches(subqueries[i]))
        allow, wanted = self.allow, self.wanted
        # Documents that can still match every part: a superset, as parts that match too many
        # documents to narrow anything are not intersected.
        possible = allow if wanted else None
        fewest = self.size
        try:
            for step, index in enumerate(order):
                part = parts[index] = self.scores(subqueries[index])
                if step == len(order) - 1:
                    break
                fewest = min(fewest, self.size - part.count(0.0))
                if fewest * FEW_WANTED >= self.size:
                    continue
                matched = compress(range(self.size), part)
                possible = set(matched) if possible is None else possible.intersection(matched)
                if len(possible) * FEW_WANTED < self.size:
                    self._restrict(sorted(possible))
        finally:
            self.allow, self.wanted = allow, wanted
        return _sum_where_all(parts, mask)

    def _estimated_matches(self, query):
        """About how many documents ``query`` matches, from term statistics (for an ``Or``, its
        largest part: the words of a query are found in the long body text of most pages where
        they occur at all)."""
        kind = type(query)
        if kind is wq.Term:
            return self._doc_frequency(query.fieldname, query.text)
        if kind is wq.Phrase:
            return min(self._doc_frequency(query.fieldname, word) for word in query.words)
        if kind is wq.Or:
            return max(map(self._estimated_matches, query.subqueries), default=0)
        if kind is wq.And:
            return min(map(self._estimated_matches, query.subqueries), default=0)
        return 0

    def _doc_frequency(self, fieldname, text):
        if fieldname not in self.searcher.schema:
            return 0
        try:
            return self.searcher.reader().doc_frequency(fieldname, text)
        except ValueError:
            return 0

    def _restrict(self, candidates):
        """Let the next reads cover only ``candidates`` (sorted document numbers)."""
        self.allow = set(candidates)
        self.wanted = {}
        reader = self.searcher.reader()
        for segment, offset in reader.leaf_readers():
            end = offset + segment.doc_count_all()
            start, stop = bisect_left(candidates, offset), bisect_left(candidates, end)
            self.wanted[offset] = [docnum - offset for docnum in candidates[start:stop]]

    def _term_weighting(self, term):
        """``(text, numerator, constant, per_length)`` of ``term``'s score, which is
        ``numerator * tf / (tf + constant + per_length * length)`` (BM25F), or ``numerator * tf``
        in an unscored field (``constant`` None); None when the index does not hold the term."""
        searcher = self.searcher
        fieldname = term.fieldname
        schema = searcher.schema
        if fieldname not in schema:
            return None
        field = schema[fieldname]
        try:
            text = field.to_bytes(term.text)
        except ValueError:
            return None
        if (fieldname, text) not in searcher.reader():
            return None
        if not field.scorable:
            return text, term.boost, None, None
        # Whoosh's own scorer for the term carries the field's B, K1, idf and average length.
        scorer = self.weighting.scorer(searcher, fieldname, text)
        B, K1 = scorer.B, scorer.K1
        # bm25(idf, tf, fl) = idf * tf * (K1 + 1) / (tf + K1 * ((1 - B) + B * fl / avgfl))
        numerator = scorer.idf * (K1 + 1) * term.boost
        return text, numerator, K1 * (1 - B), K1 * B / scorer.avgfl

    def _add_term(self, term, scores):
        """Add the term's BM25F score for every document it occurs in to ``scores``."""
        weighting = self._term_weighting(term)
        if weighting is None:
            return scores
        text, numerator, constant, per_length = weighting
        fieldname = term.fieldname
        reader = self.searcher.reader()
        if constant is None:
            for segment, offset in reader.leaf_readers():
                if (fieldname, text) in segment:
                    for _h, ids, weights, _v, _n in _blocks(segment.postings(fieldname, text)):
                        for docnum, weight in zip(ids, weights, strict=False):
                            scores[docnum + offset] += weight * numerator
            return scores
        for segment, offset in reader.leaf_readers():
            if (fieldname, text) not in segment:
                continue
            norms = _length_norms(segment, fieldname, constant, per_length)
            wanted = self.wanted.get(offset) if self.wanted else None
            postings = segment.postings(fieldname, text)
            table = _table_for(segment, fieldname, text) if wanted is not None else None
            for here, ids, weights, _values, count in _blocks(postings, wanted, table):
                if here is not None and len(here) * FEW_WANTED < count:
                    # A few wanted documents in a long block: look them up instead.
                    block = dict(zip(ids, weights, strict=False))
                    for docnum in here:
                        tf = block.get(docnum)
                        if tf is not None:
                            scores[docnum + offset] += numerator * tf / (tf + norms[docnum])
                elif offset:
                    for docnum, tf in zip(ids, weights, strict=False):
                        scores[docnum + offset] += numerator * tf / (tf + norms[docnum])
                else:
                    for docnum, tf in zip(ids, weights, strict=False):
                        scores[docnum] += numerator * tf / (tf + norms[docnum])
        return scores

    def _phrase(self, phrase):
        """Documents holding the phrase, scored by its words' exact forms.

        Candidates are the documents holding every word in its exact form (the weights of the
        phrase field's posting lists, which hold the word counts); their word positions are read
        word by word from the rarest. What a segment matches is kept with the segment, so a phrase searched again
        (the next page of results, a popular search) is not worked out again until the segment
        is merged away; with a small allowed set only its documents are checked, and not kept.
        """
        docs, values = self._phrase_matches(phrase)
        result = [0.0] * self.size
        for docnum, value in zip(docs, values, strict=True):
            result[docnum] = value
        return result

    def _phrase_matches(self, phrase):
        """``(docnums, scores)`` of the documents holding the phrase."""
        fieldname = phrase.fieldname
        reader = self.searcher.reader()
        if any((fieldname, word) not in reader for word in phrase.words):
            return [], []
        known = self._known_sequence(fieldname, phrase.words)
        if known is not None:
            if self.wanted:
                known = list(filter(self.allow.__contains__, known))
            return known, self._phrase_scores(phrase, known)
        docs = values = None
        for word in phrase.words:
            scores = self._add_term(wq.Term(fieldname, word, boost=phrase.boost), [0.0] * self.size)
            if docs is None:
                # The documents holding the first word (and allowed, when few are), then
                # those holding every word so far, with their sums as _both() sums them.
                docs = compress(range(self.size), scores)
                docs = sorted(self.allow.intersection(docs)) if self.wanted else list(docs)
                values = _values(scores, docs)
                continue
            here = _values(scores, docs)
            values = list(map(add, values, here))
            holding = list(map(bool, here))
            docs, values = list(compress(docs, holding)), list(compress(values, holding))
        found = set(self._in_sequence(phrase.fieldname, phrase.words, docs))
        matched = list(map(found.__contains__, docs))
        return list(compress(docs, matched)), list(compress(values, matched))

    def _known_sequence(self, fieldname, words):
        """The documents (sorted) where ``words`` follow each other, when every segment has
        worked it out before (see ``_in_sequence``), else None."""
        found = []
        for segment, offset in self.searcher.reader().leaf_readers():
            matched = segment_kept(segment, ("phrase", fieldname, tuple(words)))
            if matched is None:
                return None
            found.extend(docnum + offset for docnum in matched)
        return found

    def _phrase_scores(self, phrase, docnums):
        """The phrase's scores at ``docnums`` (sorted, all holding it), summed as
        ``_phrase_matches`` sums them; only the blocks holding those documents are read."""
        if not docnums:
            return []
        allow, wanted = self.allow, self.wanted
        values = None
        try:
            self._restrict(docnums)
            for word in phrase.words:
                term = wq.Term(phrase.fieldname, word, boost=phrase.boost)
                here = _values(self._add_term(term, [0.0] * self.size), docnums)
                values = list(here) if values is None else list(map(add, values, here))
        finally:
            self.allow, self.wanted = allow, wanted
        return values

    def _in_sequence(self, fieldname, words, candidates):
        """The candidates (sorted document numbers) where ``words`` follow each other."""
        found = []
        for segment, offset in self.searcher.reader().leaf_readers():
            end = offset + segment.doc_count_all()
            first, last = bisect_left(candidates, offset), bisect_left(candidates, end)
            local = [docnum - offset for docnum in candidates[first:last]]
            if self.wanted:
                matched = _segment_sequence(segment, fieldname, words, local) if local else ()
            else:
                # Kept for every segment, those without a candidate too (see _known_sequence).
                matched = segment_cached(
                    segment,
                    ("phrase", fieldname, tuple(words)),
                    lambda segment=segment, local=local: array(
                        "I", _segment_sequence(segment, fieldname, words, local)
                    ),
                )
            found.extend(docnum + offset for docnum in matched)
        return found


class TopScorer(BulkScorer):
    """The best ``limit`` hits of a query without scoring every document it matches.

    A query is an ``And`` of groups (one per word or quoted phrase), each an ``Or`` of units (a
    term in one field, or a phrase in one field); a document's score is the sum of its units'
    scores and it must match every group. Every unit has an upper bound, from its term
    statistics (highest frequency, shortest field). Units are read from the highest bound down,
    over all documents, until the bounds of the units still to read add up to less than the
    ``limit``-th best score found so far: no other document can then reach the top, and the
    remaining units (usually the phrase in the long body text) are read for those candidates
    only, which are pruned again after each unit. The hits and scores are the ones
    ``top(scores)`` gives: the final candidates' scores are summed in the query's own order.

    Answered are queries with a phrase, where checking word positions is what costs (0.4 to
    0.7 s for a common phrase at 50,000 pages, against 0.1 to 0.2 s here), and queries of one
    word: the candidates' blocks of the long lists are then only looked up, not scored (a third
    less time at 50,000 pages). Several plain words return None: scoring them in full, the later
    words for the pages holding the rarer ones only (``BulkScorer._all_of``), costs less.
    """

    # Relative slack on the pruning threshold, against differences in float rounding.
    SLACK = 1e-9

    def top(self, query, mask, limit):
        """``[(docnum, score)]`` of the best ``limit`` hits allowed by ``mask``, or None when
        the query has another shape (the caller then scores every document)."""
        groups = _groups(query)
        if groups is None or not limit:
            return None
        if len(groups) > 1 and not any(type(u) is wq.Phrase for group in groups for u in group):
            return None
        units = [
            (group, unit, self._bound(unit))
            for group, members in enumerate(groups)
            for unit in members
        ]
        order = sorted(range(len(units)), key=lambda i: -units[i][2])
        remaining = sum(bound for _g, _u, bound in units)
        # Per group, the total so far of every document read; per unit, its scores.
        partial = [defaultdict(float) for _ in groups]
        contributions = [{} for _ in units]
        candidates = None  # every document, until the threshold closes the set
        threshold = 0.0
        read = 0.0
        for index in order:
            group, unit, bound = units[index]
            if bound <= 0.0:
                continue
            if candidates is not None:
                self._restrict(candidates)
            contribution = self._unit_scores(unit, candidates)
            contributions[index] = contribution
            remaining -= bound
            read += bound
            scores = partial[group]
            if candidates is None:
                for docnum, score in contribution.items():
                    scores[docnum] += score
                if remaining * len(groups) >= read:
                    # No document can have reached the remaining bounds yet; with several
                    # words, rarely before the bounds read are that many times the rest.
                    continue
                threshold = _threshold(*_columns(partial, _in_every_group(partial, mask)), limit)
                if remaining < threshold:
                    seen = sorted(filter(mask.__getitem__, set().union(*partial)))
                    total, _matched = _columns(partial, seen)
                    candidates = _above(seen, total, threshold - remaining)
            else:
                for docnum in candidates:
                    score = contribution.get(docnum)
                    if score is not None:
                        scores[docnum] += score
                total, matched = _columns(partial, candidates)
                threshold = max(threshold, _threshold(total, matched, limit))
                candidates = _above(candidates, total, threshold - remaining)
        if candidates is None:
            candidates = _in_every_group(partial, mask)
        hits = _canonical(groups, units, contributions, candidates)
        items = sorted(((score, -docnum) for docnum, score in hits), reverse=True)[:limit]
        return [(-negdoc, score) for score, negdoc in items]

    def _unit_scores(self, unit, candidates):
        """``{docnum: score}`` of the documents holding ``unit``, of ``candidates`` only unless
        that is None."""
        if type(unit) is not wq.Term:
            return dict(zip(*self._phrase_matches(unit), strict=True))
        scores = self._add_term(unit, [0.0] * self.size)
        if candidates is None:
            holding = list(compress(range(self.size), scores))
            return dict(zip(holding, _values(scores, holding), strict=True))
        values = _values(scores, candidates)
        return dict(compress(zip(candidates, values, strict=True), values))

    def _bound(self, unit):
        """No document scores more than this on ``unit``."""
        if type(unit) is wq.Term:
            return self._term_bound(unit)
        bounds = [
            self._term_bound(wq.Term(unit.fieldname, word, boost=unit.boost)) for word in unit.words
        ]
        return sum(bounds) if all(bounds) else 0.0

    def _term_bound(self, term):
        weighting = self._term_weighting(term)
        if weighting is None:
            return 0.0
        text, numerator, constant, per_length = weighting
        weight, length = 0.0, None
        for segment, _offset in self.searcher.reader().leaf_readers():
            if (term.fieldname, text) not in segment:
                continue
            info = segment.term_info(term.fieldname, text)
            weight = max(weight, info.max_weight())
            if segment._perdoc._cached_reader(_lenfield(term.fieldname), LENGTHS_COLUMN) is None:
                shortest = 1  # read as 1 by _field_lengths
            else:
                # Lengths are stored as one byte each: the stored length of the shortest field.
                shortest = BYTE_LENGTHS[length_to_byte(info.min_length())]
            length = shortest if length is None else min(length, shortest)
        if constant is None:
            return weight * numerator
        return numerator * weight / (weight + constant + per_length * length)


def _groups(query):
    """``[[unit, ...], ...]``: an ``And`` of ``Or``s of terms and phrases, or None."""
    if type(query) is wq.And and query.boost == 1.0:
        groups = [_group(sub) for sub in query.subqueries]
    else:
        groups = [_group(query)]
    return None if not groups or None in groups else groups


def _group(query):
    if type(query) in (wq.Term, wq.Phrase):
        return [query]
    if type(query) is not wq.Or or query.boost != 1.0:
        return None
    if all(type(sub) in (wq.Term, wq.Phrase) for sub in query.subqueries):
        return list(query.subqueries)
    return None


def _values(scores, docnums):
    """``scores`` (a list) at ``docnums`` (a list), in order."""
    if len(docnums) == 1:
        return (scores[docnums[0]],)
    return itemgetter(*docnums)(scores) if docnums else ()


def _in_every_group(partial, mask):
    """The allowed documents (sorted) that every group has matched so far."""
    return sorted(filter(mask.__getitem__, reduce(and_, (group.keys() for group in partial))))


def _columns(partial, docnums):
    """``(totals, matched)`` of ``docnums``, as lists: the sum of each one's groups so far,
    and whether every group has matched it."""
    columns = [list(map(group.get, docnums, repeat(0.0))) for group in partial]
    matched = map(bool, columns[0]) if len(columns) == 1 else map(bool, map(min, *columns))
    total = columns[0]
    for column in columns[1:]:
        total = map(add, total, column)
    return list(total), list(matched)


def _kth_largest(values, k):
    """The ``k``-th largest of ``values`` (a list), or None when it holds fewer."""
    if len(values) < k:
        return None
    highest = max(values)
    for share in (0.9, 0.7, 0.4, None):
        # Sorting only the values near the top; a lower cut when too few are that high.
        near = values if share is None else list(filter((highest * share).__le__, values))
        if len(near) >= k:
            return sorted(near, reverse=True)[k - 1]
    return None


def _threshold(total, matched, limit):
    """The ``limit``-th best of the ``total``s of documents every group has ``matched``, less a
    little slack, or 0.0 when fewer match: no more than the final ``limit``-th best score, since
    scores only grow."""
    best = _kth_largest(list(compress(total, matched)), limit)
    return 0.0 if best is None else best * (1 - TopScorer.SLACK)


def _above(docnums, total, floor):
    """The ``docnums`` whose ``total`` so far reaches ``floor``, in order."""
    return list(compress(docnums, map(floor.__le__, total)))


def _canonical(groups, units, contributions, docnums):
    """``(docnum, score)`` of the ``docnums`` matching every group, summed in the order
    ``BulkScorer.scores`` sums (so the scores are the same floats)."""
    if not docnums:
        return []
    by_group = [[] for _ in groups]
    for index, (group, _unit, _bound) in enumerate(units):
        by_group[group].append(contributions[index])
    total = matched = None
    for parts in by_group:
        score = [0.0] * len(docnums)
        for part in parts:
            if part:
                score = list(map(add, score, map(part.get, docnums, repeat(0.0))))
        present = list(map(bool, score))
        matched = present if matched is None else list(map(and_, matched, present))
        total = score if total is None else list(map(add, total, score))
    return list(compress(zip(docnums, total, strict=True), matched))


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
        table = _table_for(segment, fieldname, words[index])
        for here, ids, _weights, values, _count in _blocks(postings, sorted(alive), table):
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
    return [a + b if a and b else 0.0 for a, b in zip(first, second, strict=True)]


def _sum_where_all(parts, mask=None):
    """Sums of the score lists ``parts`` where every one scores (and ``mask``, a bytearray of
    0 and 1, allows), 0.0 elsewhere, added from the first on as ``_both`` adds them; up to three
    parts and the mask in one pass (a list of 50,000 floats is slow to make and read again)."""
    if mask is not None and len(parts) == 2:
        return [a + b if a and b and m else 0.0 for a, b, m in zip(*parts, mask, strict=True)]
    if mask is not None and len(parts) == 3:
        return [
            a + b + c if a and b and c and m else 0.0
            for a, b, c, m in zip(*parts, mask, strict=True)
        ]
    if len(parts) == 3:
        return [a + b + c if a and b and c else 0.0 for a, b, c in zip(*parts, strict=True)]
    result = parts[0]
    for other in parts[1:]:
        result = _both(result, other)
    return result if mask is None else allowed_scores(result, mask)


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
