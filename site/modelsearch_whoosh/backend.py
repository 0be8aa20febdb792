"""The modelsearch backend class and its index, results and rebuilder."""

import contextlib
import os
import tempfile
import threading
from collections import Counter, OrderedDict
from functools import partial
from itertools import compress

from whoosh import collectors, sorting

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, transaction
from django.utils import timezone
from django.utils.encoding import force_str

from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchResults,
    FilterFieldError,
)
from modelsearch.index import class_is_indexed

from . import bulk, helpers, outbox
from .analysis import QueryAnalyzer
from .compiler import WhooshAutocompleteQueryCompiler, WhooshSearchQueryCompiler
from .mapping import DocumentBuilder, document_key, filter_column, model_document_key
from .storage import IndexStore, logger

# Hits are checked against the database this many at a time when a filter cannot run in the index.
DB_CHUNK_SIZE = 500


class WhooshIndex(BaseIndex):
    def __init__(self, backend, directory=None):
        super().__init__(backend)
        self.store = backend.store
        # Set for the index a rebuild is filling; None means the live index.
        self.directory = directory
        self._rebuild_writer = None

    def get_key(self):
        return self.store.path

    def __str__(self):
        return self.store.path

    def refresh(self):
        # Each search already reopens the searcher when the index generation changed.
        pass

    def reset(self):
        self.store.reset()

    def _documents(self, model, items):
        builders = {}
        for item in items:
            item_model = _indexed_model(model, item)
            builder = builders.get(item_model)
            if builder is None:
                builder = builders[item_model] = DocumentBuilder(item_model)
            yield builder.build(item)

    def add_items(self, model, items):
        if not class_is_indexed(model):
            return
        items = list(items)
        if not items:
            return
        if self._rebuild_writer is not None:
            for doc in self._documents(model, items):
                self._rebuild_writer.add_document(**doc)
            return
        keys = [_change_key(model, item) for item in items]
        if not self._defer(items[0], keys):
            docs = list(self._documents(model, items))
            self._write_now(items[0], lambda: (docs, []), keys)

    def delete_item(self, item):
        if not class_is_indexed(type(item)):
            return
        keys = [_change_key(type(item), item)]
        if not self._defer(item, keys):
            deletes = [document_key(item)]
            self._write_now(item, lambda: ([], deletes), keys)

    def reindex(self, keys):
        """Write the committed state of ``(model label, pk)`` keys: indexed, or removed if gone.

        The objects are read while the index's write lock is held: of two processes that
        changed the same object, the one that writes last has read last, so the index ends
        with the object's latest state.
        """
        pks_by_label = {}
        for label, pk in keys:
            pks_by_label.setdefault(label, []).append(pk)

        def build():
            docs, deletes = [], []
            for label, pks in pks_by_label.items():
                model = apps.get_model(label)
                for start in range(0, len(pks), DB_CHUNK_SIZE):
                    chunk = pks[start : start + DB_CHUNK_SIZE]
                    found = {
                        force_str(obj.pk): obj.get_indexed_instance() or obj
                        for obj in model.get_indexed_objects().filter(pk__in=chunk)
                    }
                    docs.extend(self._documents(model, found.values()))
                    deletes.extend(model_document_key(model, pk) for pk in chunk if pk not in found)
            return docs, deletes

        self._write(build, keys)

    def _defer(self, item, keys):
        """Queue the change until the transaction that saved ``item`` commits, if one is open.

        Writing the index inside the transaction would hold the database's write lock (SQLite
        has one for the whole database) while Whoosh commits, and index a state that may still
        be rolled back. After the commit every object changed in the transaction is read back
        once and written in one index commit. With ``WRITE_AFTER_COMMIT`` off (for test cases
        whose own transaction never commits) changes are written at once.
        """
        if self.directory is not None:
            return False
        alias = _alias(item)
        if not self.backend.defers_writes(alias):
            return False
        # The outbox rows commit or roll back with the change: a process that dies after the
        # commit and before the index write leaves them for the next writer (see outbox).
        handles = self.backend.outbox.record(alias, keys)
        _queue(alias, self, keys, handles)
        # One callback per change: a callback registered inside a savepoint that is rolled back
        # is dropped, and the first one that runs writes everything pending.
        transaction.on_commit(partial(_write_pending, alias), using=alias)
        return True

    def _write_now(self, item, build, keys):
        """Write a change made outside a transaction (already committed, or a test case's).

        Its outbox rows cover the index write itself: a process that dies during it leaves
        them for the next writer.
        """
        alias = _alias(item)
        handles = []
        if self.directory is None:
            try:
                handles = self.backend.outbox.record(alias, keys)
            except Exception:
                # The change is committed: write it anyway, only without the guard.
                logger.exception("Could not record %d pending search index change(s)", len(keys))
        self._write(build, keys)
        self.backend.outbox.discard(alias, handles)
        if self.directory is None:
            try:
                self.catch_up(alias)
            except Exception:
                # The change itself is written; the rows wait for the next look.
                logger.exception("Applying pending search index changes failed")

    def write_committed(self, alias, keys=(), handles=()):
        """Write the committed state of ``keys`` and remove their outbox rows ``handles``.

        When this process has not looked for a while, rows other processes left behind are
        written in the same index commit.
        """
        more_keys, more_handles = self._due_backlog(alias)
        keys = list(dict.fromkeys([*keys, *more_keys]))
        if not keys:
            return
        try:
            self.reindex(keys)
        except Exception:
            if more_handles:
                outbox.catch_up.again(alias, self.store.path)
            raise
        self.backend.outbox.discard(alias, [*handles, *more_handles])

    def catch_up(self, alias=DEFAULT_DB_ALIAS):
        """Write one batch of the rows other processes left behind, if a look is due."""
        self.write_committed(alias)

    def apply_pending(self, alias=DEFAULT_DB_ALIAS):
        """Write every row committed before the call, a batch at a time; how many there were."""
        until = timezone.now()
        applied = 0
        while True:
            keys, handles = self.backend.outbox.pending(alias, outbox.BATCH_SIZE, before=until)
            if not keys:
                return applied
            self.reindex(keys)
            self.backend.outbox.discard(alias, handles)
            applied += len(handles)

    def _due_backlog(self, alias):
        """``(keys, handles)`` of the oldest rows, when this process is due to look for them."""
        interval = self.backend.catch_up_interval
        if not self.backend.outbox.enabled or not outbox.catch_up.due(
            alias, self.store.path, interval
        ):
            return [], []
        try:
            keys, handles = self.backend.outbox.pending(alias, outbox.BATCH_SIZE)
        except Exception:
            logger.exception("Could not read the pending search index changes")
            return [], []
        if len(handles) == outbox.BATCH_SIZE:
            outbox.catch_up.again(alias, self.store.path)
        return keys, handles

    def _write(self, build, keys):
        """One index commit of ``build()``'s ``(documents, document keys to delete)``."""
        self._journal(keys)

        def apply(writer):
            docs, deletes = build()
            schema = writer.schema
            if docs and any(name not in schema for name in docs[0]):
                # An index built before a field kind existed (phrase fields, for instance) keeps
                # taking updates without it until the next rebuild.
                logger.warning(
                    "Search index %s predates this version's fields; rebuild it with "
                    "`manage.py update_index`",
                    writer.storage.folder,
                )
            for key in deletes:
                writer.delete_by_term("doc_id", key)
            for doc in docs:
                writer.update_document(**{k: v for k, v in doc.items() if k in schema})
            return bool(docs or deletes)

        self.store.write(apply, self.directory, packed=self.backend.packed_codec)

    def _journal(self, keys):
        if self.directory is not None:
            return
        pending = self.store.rebuilding_dir()
        if pending and os.path.isdir(pending):
            self.store.journal(pending, [f"{label}\t{pk}" for label, pk in keys])


def _indexed_model(model, item):
    """The item's own class when it is indexed, else the model it was passed in as."""
    return type(item) if class_is_indexed(type(item)) else model


def _change_key(model, item):
    return (_indexed_model(model, item)._meta.label, force_str(item.pk))


def _alias(item):
    return item._state.db or DEFAULT_DB_ALIAS


# Index changes waiting for their transaction to commit: per thread, per database alias,
# per index location, an (index, ordered keys, outbox row handles) triple.
_pending = threading.local()


def _pending_changes(alias):
    by_alias = getattr(_pending, "by_alias", None)
    if by_alias is None:
        by_alias = _pending.by_alias = {}
    return by_alias.setdefault(alias, {})


def _queue(alias, index, keys, handles):
    _index, queued_keys, queued_handles = _pending_changes(alias).setdefault(
        index.store.path, (index, {}, [])
    )
    queued_keys.update(dict.fromkeys(keys))
    queued_handles.extend(handles)


def _write_pending(alias):
    pending = _pending_changes(alias)
    while pending:
        path, (index, keys, handles) = pending.popitem()
        try:
            index.write_committed(alias, keys, handles)
        except Exception:
            # The database change and its outbox rows stand; the index catches up at this
            # thread's next commit, or any process's next write.
            logger.exception(
                "Search index %s could not take %d committed change(s); retrying after the "
                "next commit",
                path,
                len(keys),
            )
            _queue(alias, index, keys, handles)
            return


class WhooshRebuilder:
    """Builds a new index beside the live one and swaps it in when complete."""

    def __init__(self, index):
        self.live = index
        self.store = index.store
        self.index = None
        self.writer = None
        self.covered = []

    def start(self):
        # Every change committed so far is read by the rebuild: its outbox rows go at the swap.
        self.covered = self.live.backend.outbox.committed()
        directory = self.store.create_index_dir()
        with open(os.path.join(self.store.path, "REBUILDING.tmp"), "w") as f:
            f.write(os.path.basename(directory))
        os.replace(
            os.path.join(self.store.path, "REBUILDING.tmp"),
            os.path.join(self.store.path, "REBUILDING"),
        )
        self.index = WhooshIndex(self.live.backend, directory)
        ix = self.store.open_index(directory)
        procs = self.live.backend.rebuild_procs
        kwargs = {
            "limitmb": self.live.backend.rebuild_limitmb,
            "compound": False,
            "packed": self.live.backend.packed_codec,
        }
        if procs > 1:
            kwargs.update(procs=procs, multisegment=True)
        self.writer = self.store.open_writer(ix, **kwargs)
        self.index._rebuild_writer = self.writer
        return self.index

    def finish(self):
        self.writer.commit(optimize=False, merge=False)
        self.index._rebuild_writer = None
        directory = self.index.directory
        self._replay(directory)
        os.remove(os.path.join(self.store.path, "REBUILDING"))
        self.store.swap_in(directory)
        # Writers that read the marker before it went may have journalled after the first replay.
        self._replay(directory)
        self.store.forget_searcher()
        self.live.backend.outbox.discard(DEFAULT_DB_ALIAS, self.covered)

    def _replay(self, directory):
        path = os.path.join(directory, "JOURNAL")
        offset_path = path + ".done"
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
        except FileNotFoundError:
            return
        try:
            with open(offset_path) as f:
                done = int(f.read() or 0)
        except FileNotFoundError:
            done = 0
        pending = lines[done:]
        if not pending:
            return
        keys = list(dict.fromkeys(tuple(line.split("\t", 1)) for line in pending))
        WhooshIndex(self.live.backend, directory).reindex(keys)
        with open(offset_path, "w") as f:
            f.write(str(len(lines)))

    def __del__(self):
        # An abandoned rebuild (for instance after an exception) leaves the live index alone.
        writer = getattr(self, "writer", None)
        if writer is not None and not getattr(writer, "is_closed", True):
            try:
                writer.cancel()
            except Exception:
                logger.exception("Cancelling an abandoned search index rebuild failed")
            index = getattr(self, "index", None)
            if index is not None and self.store.rebuilding_dir() == index.directory:
                # Stop journalling for a rebuild that will never be swapped in.
                with contextlib.suppress(FileNotFoundError):
                    os.remove(os.path.join(self.store.path, "REBUILDING"))


class WhooshSearchResults(BaseSearchResults):
    supports_facet = True
    # ``results_and_facet``: the ranked results and one facet's counts from one index pass.
    supports_results_and_facet = True

    def _searcher(self):
        return self.backend.store.searcher()

    def _prepare(self):
        """This thread's searcher, and the query and filter to run on it."""
        searcher = self._searcher()
        compiler = self.query_compiler
        query = compiler.whoosh_query(self.backend.analyzer, self.backend.exact_boost_for(searcher))
        filter_query, exact = compiler.whoosh_filter()
        return searcher, query, filter_query, exact

    def _pk_column(self):
        return "pk_int" if DocumentBuilder(self.query_compiler.queryset.model).int_pk else "pk"

    def _retrying(self, read):
        try:
            return read()
        except (IndexError, OSError):
            # Another process merged segments after this searcher was opened and removed files it
            # had not read yet (compound=False opens them lazily; see codec.PackedPerDocReader):
            # read again from a new searcher.
            logger.info("Search index changed during a read; retrying with a new searcher")
            self.backend.store.reopen_searcher()
            return read()

    def _bulk_query(self, searcher, query):
        """``query`` normalised, when the block scorer (``bulk``) can answer it, else None."""
        if not self.backend.block_scorer:
            return None
        query = query.normalize()
        if bulk.supported(query, searcher.schema) and bulk.BulkScorer.can_score(searcher):
            return query
        return None

    def _bulk_scores(self, searcher, query, filter_query, allow):
        """One score per document, 0.0 where the query does not match or the filter leaves the
        document out, or None when Whoosh must run the query (``query`` None, as
        ``_bulk_query`` gives it)."""
        if query is None:
            return None

        def compute():
            mask = self.backend.store.filter_mask(searcher, filter_query, allow)
            return bulk.BulkScorer(searcher, allow).allowed_scores(query, mask)

        key = (repr(query), repr(filter_query))
        return self.backend.store.scores(searcher, key, compute)

    def _top_hits(self, searcher, query, filter_query, allow, limit):
        """The best ``limit`` hits of ``query`` (as ``_bulk_query`` gives it) without scoring
        every match, or None when it must be scored in full (or already was, for a count or
        facets of the same search)."""
        if self.query_compiler.autocomplete:
            # Prefixes are looked up in short fields (titles) only, all with alike score bounds:
            # nothing is pruned, and a common prefix took half as long again as full scoring.
            return None
        if self.backend.store.has_scores(searcher, (repr(query), repr(filter_query))):
            return None
        mask = self.backend.store.filter_mask(searcher, filter_query, allow)
        return bulk.TopScorer(searcher, allow).top(query, mask, limit)

    def _hits(self, limit):
        """``(docnums, scores, pks)`` of the hits in order, up to ``limit``."""
        return self._retrying(lambda: self._read_hits(limit))

    def _read_hits(self, limit):
        searcher, query, filter_query, exact = self._prepare()
        allow = self.backend.store.filter_docs(searcher, filter_query)
        if not allow:
            # Whoosh reads an empty filter set as "no filter".
            return [], True
        sortedby = self.query_compiler.sort_facets(self._pk_column())
        bulk_query = self._bulk_query(searcher, query) if sortedby is None else None
        ranked = None
        if bulk_query is not None and exact and limit:
            ranked = self._top_hits(searcher, bulk_query, filter_query, allow, limit)
        if ranked is None and bulk_query is not None:
            scores = self._bulk_scores(searcher, bulk_query, filter_query, allow)
            ranked = bulk.top(scores, limit if exact else None)
        if ranked is not None:
            if not ranked:
                return [], True
            pks = bulk.column_values(searcher.reader(), "pk")
            return [(docnum, score, pks[docnum]) for docnum, score in ranked], exact
        results = searcher.search(
            query,
            filter=allow,
            limit=limit if exact else None,
            sortedby=sortedby,
            scored=sortedby is None or self._score_field is not None,
            terms=False,
        )
        if not results:
            return [], True
        pk_column = searcher.reader().column_reader("pk", translate=True)
        hits = [(hit.docnum, hit.score, pk_column[hit.docnum]) for hit in results]
        return hits, exact

    def _allowed(self, pks):
        """The subset of ``pks`` the queryset's database-only filters keep."""
        queryset = self.query_compiler.queryset
        allowed = set()
        for start in range(0, len(pks), DB_CHUNK_SIZE):
            chunk = pks[start : start + DB_CHUNK_SIZE]
            allowed.update(
                force_str(pk) for pk in queryset.filter(pk__in=chunk).values_list("pk", flat=True)
            )
        return allowed

    def _page(self):
        hits, exact = self._hits(self.stop)
        if not exact:
            wanted = None if self.stop is None else self.stop
            kept = []
            for start in range(0, len(hits), DB_CHUNK_SIZE):
                chunk = hits[start : start + DB_CHUNK_SIZE]
                allowed = self._allowed([pk for _d, _s, pk in chunk])
                kept.extend(hit for hit in chunk if hit[2] in allowed)
                if wanted is not None and len(kept) >= wanted:
                    break
            hits = kept
        return hits[self.start : self.stop]

    def _do_search(self):
        if self.query_compiler.queryset.query.is_empty():
            return []
        return self._objects(self._page())

    def _objects(self, page):
        if not page:
            return []
        pks = [pk for _docnum, _score, pk in page if pk]
        if len(pks) < len(page):
            # Only a document written without one by other code, or one in a segment of
            # Whoosh's own format (read without ``codec.PackedPerDocReader``, so removed files
            # read as empty), has none. Leave it out rather than fail the search.
            logger.error(
                "Search index %s gave %d hits without a primary key (documents %s)",
                self.backend.store.path,
                len(page) - len(pks),
                [docnum for docnum, _score, pk in page if not pk],
            )
        objects = {
            force_str(obj.pk): obj for obj in self.query_compiler.queryset.filter(pk__in=pks)
        }
        results = []
        for _docnum, score, pk in page:
            obj = objects.get(pk)
            if obj is None:
                # Deleted from the database but not yet from the index.
                continue
            if self._score_field:
                setattr(obj, self._score_field, float(score) if score is not None else None)
            results.append(obj)
        return results

    def _matching_docnums(self):
        return self._retrying(self._read_matching_docnums)

    def _read_matching_docnums(self):
        searcher, query, filter_query, exact = self._prepare()
        allow = self.backend.store.filter_docs(searcher, filter_query)
        if not allow:
            return searcher, []
        scores = self._bulk_scores(searcher, self._bulk_query(searcher, query), filter_query, allow)
        if scores is not None:
            docnums = bulk.matches(scores)
        else:
            results = searcher.search(
                query,
                filter=allow,
                limit=None,
                scored=False,
                terms=False,
            )
            docnums = list(results.docs())
        if exact or not docnums:
            return searcher, docnums
        pk_column = searcher.reader().column_reader("pk", translate=True)
        pks = [pk_column[docnum] for docnum in docnums]
        allowed = self._allowed(pks)
        return searcher, [d for d, pk in zip(docnums, pks, strict=True) if pk in allowed]

    def _do_count(self):
        if self.query_compiler.queryset.query.is_empty():
            return 0
        _searcher, docnums = self._matching_docnums()
        total = len(docnums) - self.start
        if self.stop is not None:
            total = min(total, self.stop - self.start)
        return max(total, 0)

    def _facet_column(self, field_name):
        compiler = self.query_compiler
        field = compiler.filterable_field(field_name, action="facet", error_class=FilterFieldError)
        return filter_column([field], compiler.queryset.model)

    def results_and_facet(self, field_name):
        """``(results, facet counts)`` as ``(list(self), self.facet(field_name))`` would give.

        For a single-valued field, a relevance-ordered search and filters the index applies,
        both come from one index pass: the counts are gathered while the top hits are scored,
        instead of a second walk over every match.
        """
        column = self._facet_column(field_name)
        compiler = self.query_compiler
        if column.multi or not compiler.order_by_relevance or compiler.queryset.query.is_empty():
            return list(self), self.facet(field_name)
        read = self._retrying(lambda: self._read_hits_and_counts(column))
        if read is None:
            return list(self), self.facet(field_name)
        hits, counts = read
        return self._objects(hits[self.start : self.stop]), counts

    def _read_hits_and_counts(self, column):
        searcher, query, filter_query, exact = self._prepare()
        if not exact:
            return None
        allow = self.backend.store.filter_docs(searcher, filter_query)
        if not allow:
            return [], OrderedDict()
        reader = searcher.reader()
        if not reader.has_column(column.name):
            return None
        scores = self._bulk_scores(searcher, self._bulk_query(searcher, query), filter_query, allow)
        if scores is not None:
            tally = Counter(compress(bulk.column_values(reader, column.name), scores))
            pks = bulk.column_values(reader, "pk")
            hits = [(docnum, score, pks[docnum]) for docnum, score in bulk.top(scores, self.stop)]
            return hits, _decoded_counts(column, tally.items())
        # Top hits without block-quality skipping or matcher pruning (every match must reach
        # the facet counts), and without Whoosh's default for grouped searches, which sorts
        # every match.
        top = collectors.TopCollector(
            self.stop or reader.doc_count_all(), usequality=False, replace=0
        )
        collector = collectors.FilterCollector(
            collectors.FacetCollector(
                top,
                {"facet": sorting.FieldFacet(column.name)},
                maptype=sorting.Count,
            ),
            allow,
            None,
        )
        searcher.search_with_collector(query, collector)
        results = collector.results()
        pk_column = reader.column_reader("pk", translate=True)
        hits = [(hit.docnum, hit.score, pk_column[hit.docnum]) for hit in results]
        return hits, _decoded_counts(column, results.groups("facet").items())

    def facet(self, field_name):
        column = self._facet_column(field_name)
        return self._retrying(lambda: self._read_facet(column))

    def _read_facet(self, column):
        searcher, docnums = self._read_matching_docnums()
        reader = searcher.reader()
        if not column.multi:
            values = bulk.column_values(reader, column.name)
            return _decoded_counts(column, Counter(values[docnum] for docnum in docnums).items())
        counts = {}
        docset = set(docnums)
        seen = set()
        if column.name in reader.indexed_field_names():
            fieldobj = reader.schema[column.name]
            for term in reader.lexicon(column.name):
                matched = docset.intersection(reader.postings(column.name, term).all_ids())
                if matched and _is_full_precision(column, term):
                    counts[column.decode(fieldobj.from_bytes(term))] = len(matched)
                    seen.update(matched)
        if len(docset) > len(seen):
            counts[None] = len(docset - seen)
        return _by_count(counts)


def _by_count(counts):
    return OrderedDict(sorted(counts.items(), key=lambda item: -item[1]))


def _decoded_counts(column, stored_counts):
    """Facet counts by decoded value, most frequent first, from ``(stored value, count)`` pairs."""
    counts = {}
    for value, count in stored_counts:
        key = column.decode(value)
        counts[key] = counts.get(key, 0) + count
    return _by_count(counts)


def _is_full_precision(column, term):
    # NUMERIC fields also index coarser "tier" terms for fast ranges; only shift-0 terms are values.
    return not column.numeric or term[0] == 0


class WhooshSearchBackend(BaseSearchBackend):
    """Whoosh index on local disk.

    Options (in the WAGTAILSEARCH_BACKENDS / MODELSEARCH_BACKENDS entry):

    - ``PATH``: directory holding the index (default: a folder in the temp directory).
    - ``LANGUAGE``: analysis language (default ``"nl"``); without a stemmer or stop
      list for it, words are only lowercased and accent-folded.
    - ``STOPWORDS``: an explicit stop word list instead of the language's.
    - ``EXACT_BOOST``: extra weight for the typed (unstemmed) word form (default 2.0).
    - ``EXACT_MAX_WORDS``: the typed form counts in fields of at most this many words per
      document on average (default 50: titles, introductions, names); longer texts are
      searched by stem only.
    - ``LOCK_TIMEOUT``: seconds a write waits for another writer (default 120).
    - ``CATCH_UP_INTERVAL``: seconds between two looks of one process for index changes other
      processes committed and did not write (default 60; see ``outbox``).
    - ``OUTBOX_MODEL``: ``"app_label.ModelName"`` of the model that keeps committed changes
      until the index has them (default None: kept in memory only; see ``outbox.Outbox``).
    - ``WRITE_AFTER_COMMIT``: write a change made inside a transaction once it commits
      (default True). Off, changes are written at once: for test cases whose own transaction
      never commits.
    - ``PACKED_CODEC``: write new segments with ``codec.PackedCodec`` (default True); off,
      with Whoosh's own codec. Segments are read with the codec that wrote them.
    - ``BLOCK_SCORER``: score term and phrase queries a block at a time (``bulk``, default
      True); off, every query runs through Whoosh's matchers.
    - ``REBUILD_PROCS``: processes used by a full rebuild (default: CPU count, max 4).
    - ``REBUILD_LIMITMB``: memory in MB each rebuild process may fill with postings before it
      sorts them through temporary files (default 2048). It is a ceiling, not an allocation:
      a posting takes about 200 bytes, so 50,000 pages of a few hundred words need about
      1.5 GB per process to be built without the much slower temporary-file merge.
    """

    # Capabilities the site search asks for (modelsearch's own backends lack these attributes).
    supports_highlight = True
    supports_suggestions = True

    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    index_class = WhooshIndex
    results_class = WhooshSearchResults
    rebuilder_class = WhooshRebuilder
    catch_indexing_errors = False

    def __init__(self, params):
        super().__init__(params)
        params = dict(params)
        path = params.pop("PATH", None) or os.path.join(
            tempfile.gettempdir(), "modelsearch-whoosh-index"
        )
        self.language = params.pop("LANGUAGE", "nl")
        stoplist = params.pop("STOPWORDS", None)
        self.stoplist = frozenset(stoplist) if stoplist is not None else None
        self.exact_boost = float(params.pop("EXACT_BOOST", 2.0))
        self.exact_max_words = float(params.pop("EXACT_MAX_WORDS", 50))
        self.rebuild_procs = int(params.pop("REBUILD_PROCS", min(os.cpu_count() or 1, 4)))
        self.rebuild_limitmb = int(params.pop("REBUILD_LIMITMB", 2048))
        options = {"lock_timeout": float(params.pop("LOCK_TIMEOUT", 120))}
        self.packed_codec = bool(params.pop("PACKED_CODEC", True))
        self.block_scorer = bool(params.pop("BLOCK_SCORER", True))
        self.catch_up_interval = float(params.pop("CATCH_UP_INTERVAL", 60))
        self.write_after_commit = bool(params.pop("WRITE_AFTER_COMMIT", True))
        self.outbox = outbox.Outbox(params.pop("OUTBOX_MODEL", None))
        self.store = IndexStore.get(path, self.language, self.stoplist, options)
        self.analyzer = QueryAnalyzer(self.language, self.stoplist)

    def get_index_for_model(self, model):
        return self.index_class(self)

    def defers_writes(self, alias):
        """True when a change saved now on ``alias`` is written after its transaction commits."""
        return self.write_after_commit and outbox.in_transaction(alias)

    def highlight(self, obj, query, max_chars=200):
        """An HTML-safe snippet of ``obj``'s searchable text with the words of ``query`` marked
        (see ``helpers.highlight``)."""
        return helpers.highlight(obj, query, backend=self, max_chars=max_chars)

    def suggest(self, query):
        """A corrected ``query`` from the index's words, or None (see ``helpers.suggest``)."""
        return helpers.suggest(query, backend=self)

    def search(self, *args, **kwargs):
        # A process that stays away from writing still applies changes a killed process left.
        if self.outbox.enabled and not self.defers_writes(DEFAULT_DB_ALIAS):
            try:
                self.get_index_for_model(None).catch_up()
            except Exception:
                logger.exception("Applying pending search index changes before a search failed")
        return super().search(*args, **kwargs)

    def apply_pending(self):
        """Write every index change committed so far and not yet written; how many rows."""
        return self.get_index_for_model(None).apply_pending()

    def exact_boost_for(self, searcher):
        """``column -> weight`` of a word's typed form in ``searcher``'s index, None for long texts.

        The typed form (a term of the phrase field beside the full-text ``column``) lets a title
        or an introduction with the very word rank above one with another form of it. In long
        texts (page bodies) it adds little to the ranking, and its postings, about as many as
        the stem's, were a third of what a search of common words read.
        """

        def exact_boost(column):
            if searcher.avg_field_length(column, 0.0) <= self.exact_max_words:
                return self.exact_boost
            return None

        return exact_boost


SearchBackend = WhooshSearchBackend
