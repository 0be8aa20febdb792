"""On-disk layout, searcher cache and locked writers for the Whoosh index.

``PATH/CURRENT`` names the live index directory inside ``PATH``. A rebuild writes
a new directory beside it and replaces ``CURRENT`` atomically, so searchers never
see a half-built index and a crashed rebuild leaves the old one serving.
While a rebuild runs, ``PATH/REBUILDING`` names its directory; writers then also
append the keys they change to that directory's journal so the rebuild can
replay them before it is swapped in.
"""

import logging
import os
import shutil
import threading
import time
import uuid
from collections import OrderedDict

from whoosh import fields, index, writing
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from .analysis import (
    PackedPositions,
    StemCounts,
    autocomplete_analyzer,
    phrase_analyzer,
    text_analyzer,
)
from .codec import PackedCodec

logger = logging.getLogger("modelsearch_whoosh")

CURRENT_FILE = "CURRENT"
# The layout of an index directory's fields and postings, written into it when it is created.
# 2: stems only in full-text fields, typed forms only in phrase fields, positions packed in one
# or two bytes. An index without the file (layout 1) is not read: rebuild it.
FORMAT_FILE = "FORMAT"
FORMAT_VERSION = 2
REBUILDING_FILE = "REBUILDING"
JOURNAL_FILE = "JOURNAL"
# Distinct filters (permission scope x content type x ...) whose document sets are kept per searcher.
FILTER_CACHE_SIZE = 64
# Scores of the last few queries, per thread and searcher (see IndexStore.scores).
SCORE_CACHE_SIZE = 8
# Data read from one segment (field lengths, column values, filter document sets, phrase
# matches), shared by the threads of a process and kept across searchers (see segment_cached).
SEGMENT_CACHE_SIZE = 512
# Posting lists whose block positions are kept (see block_table_cached).
BLOCK_TABLE_CACHE_SIZE = 4096


class SegmentCache:
    """Values read from segments, kept while the segment lives (up to ``size`` of them).

    A segment's documents never change once written; deletions are applied by the callers
    (through the set of documents a filter allows), so what is read from a segment stays valid
    until the segment is merged away. An empty index has no segment and nothing is kept.
    """

    def __init__(self, size):
        self.size = size
        self.values = OrderedDict()
        self.lock = threading.Lock()

    def get(self, reader, name, build):
        """``build()`` for one segment reader, kept under ``name``."""
        segment = reader.segment()
        if segment is None:
            return build()
        key = (segment.segment_id(), name)
        with self.lock:
            value = self.values.get(key)
            if value is not None:
                self.values.move_to_end(key)
                return value
        value = build()
        with self.lock:
            self.values[key] = value
            while len(self.values) > self.size:
                self.values.popitem(last=False)
        return value

    def peek(self, reader, name):
        """What ``get`` keeps for one segment reader under ``name``, or None."""
        segment = reader.segment()
        if segment is None:
            return None
        with self.lock:
            return self.values.get((segment.segment_id(), name))


# Field lengths, column values, filter document sets and phrase matches.
_segment_cache = SegmentCache(SEGMENT_CACHE_SIZE)
segment_cached = _segment_cache.get
segment_kept = _segment_cache.peek
# Where each block of a posting list starts (see bulk._block_table): a few kB per long list.
block_table_cached = SegmentCache(BLOCK_TABLE_CACHE_SIZE).get


# Segments an index may hold before a write merges the small ones.
MERGE_AT_SEGMENTS = 12


def merge_small_in_batches(writer, segments):
    """Whoosh's small-segment merge, once small segments have piled up, never a full optimize.

    Whoosh's own policy merges at nearly every commit once a few small segments exist, so one
    page's update rewrote the documents of every recent update: half of a write's time. Merging
    a batch at a time keeps the number of segments bounded at a fraction of the cost; searches
    keep what they read from unchanged segments.
    """
    if len(segments) < MERGE_AT_SEGMENTS:
        return segments
    return writing.MERGE_SMALL(writer, segments)


def mask_for(docs, size):
    """A bytearray with 1 at every document number in ``docs``."""
    mask = bytearray(size)
    for docnum in docs:
        mask[docnum] = 1
    return mask


class OpeningStorage(FileStorage):
    """A ``FileStorage`` that can close the files opened while an index was being opened.

    Whoosh leaves the table of contents open when reading it fails (a corrupt index); the file
    would stay open until the interpreter exits.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.opened = []

    def open_file(self, name, **kwargs):
        file = super().open_file(name, **kwargs)
        if self.opened is not None:
            self.opened.append(file)
        return file

    def open_index_or_close(self):
        """``open_index()``; when it fails, the files it opened are closed first."""
        try:
            return self.open_index()
        except BaseException:
            for file in self.opened:
                file.close()
            raise
        finally:
            # Files opened later belong to the index's readers, which close them.
            self.opened = None


class SearchIndexUnavailable(Exception):
    """The search index cannot be read or written (corrupt, unreadable, or locked too long)."""


# Tries to open an index whose newest generation another process just replaced.
OPEN_ATTEMPTS = 5
OPEN_RETRY_DELAY = 0.005

# Seconds between two tries for the write lock. Whoosh polls the lock file; short steps let a
# waiting writer start as soon as the previous one commits instead of up to a step later, which
# with four writers queueing added most of a publish's latency.
WRITE_LOCK_POLL = 0.002

# Bits of precision per tier of a numeric field. Whoosh's default (4) indexes 16 terms per 64-bit
# value; ids and timestamps are nearly unique, so every document then writes dozens of one-posting
# terms, which dominated rebuild time. 16 keeps four tiers: ranges stay cheap at a quarter of the
# terms.
NUMERIC_SHIFT_STEP = 16


def _int_field(**kwargs):
    return fields.NUMERIC(int, bits=64, signed=True, shift_step=NUMERIC_SHIFT_STEP, **kwargs)


def _float_field(**kwargs):
    return fields.NUMERIC(float, shift_step=NUMERIC_SHIFT_STEP, **kwargs)


def _column_only(field):
    """``field`` with its column (read for hits, ordering and facets) and no terms: nothing
    searches a primary key, and its terms, one or four per document, were a tenth of the
    index's term table."""
    field.indexed = False
    return field


def build_schema(lang, stoplist=None):
    schema = fields.Schema(
        doc_id=fields.ID(unique=True, stored=True),
        pk=_column_only(fields.ID(stored=True, sortable=True)),
        pk_int=_column_only(_int_field(sortable=True)),
        content_type=fields.KEYWORD(commas=False),
        has_value=fields.KEYWORD(commas=False),
    )
    # Full-text fields keep the stems' counts only, which are cheap to score; beside each, a
    # phrase field keeps the exact forms with their positions.
    text_field = fields.TEXT(analyzer=text_analyzer(lang, stoplist), phrase=False)
    text_field.format = StemCounts(field_boost=text_field.format.field_boost)
    schema.add("t__*", text_field, glob=True)
    phrase_field = fields.TEXT(analyzer=phrase_analyzer(lang, stoplist), phrase=True)
    phrase_field.format = PackedPositions(field_boost=phrase_field.format.field_boost)
    schema.add("p__*", phrase_field, glob=True)
    schema.add("a__*", fields.TEXT(analyzer=autocomplete_analyzer(), phrase=False), glob=True)
    # Single-valued filter columns are sortable; multi-valued ones (to-many relations) cannot be.
    schema.add("fi__*", _int_field(sortable=True), glob=True)
    schema.add("ff__*", _float_field(sortable=True), glob=True)
    schema.add("fs__*", fields.ID(sortable=True), glob=True)
    schema.add("mi__*", _int_field(), glob=True)
    schema.add("mf__*", _float_field(), glob=True)
    schema.add("ms__*", fields.KEYWORD(commas=False), glob=True)
    return schema


def _read_text(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().strip() or None
    except FileNotFoundError:
        return None


def _write_atomic(path, text):
    tmp = f"{path}.{os.getpid()}.{uuid.uuid4().hex}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class IndexStore:
    """One index location on disk, shared by every backend instance in a process."""

    _instances: dict[str, "IndexStore"] = {}
    _instances_lock = threading.Lock()

    @classmethod
    def get(cls, path, lang, stoplist, options):
        key = os.path.abspath(path)
        with cls._instances_lock:
            store = cls._instances.get(key)
            if store is None or (store.lang, store.stoplist) != (lang, stoplist):
                store = cls._instances[key] = cls(key, lang, stoplist, options)
            else:
                store.options = options
            return store

    def __init__(self, path, lang, stoplist, options):
        self.path = path
        self.lang = lang
        self.stoplist = stoplist
        self.options = options
        self._lock = threading.RLock()
        # Whoosh searchers share file handles and are not safe across threads (a threaded
        # server answers the search page and autocomplete at once): one searcher per thread.
        self._local = threading.local()
        self._open_searchers = set()
        self._epoch = 0

    # Directory layout

    def current_dir(self, create=True):
        """Return the live index directory, creating an empty index if there is none."""
        name = _read_text(os.path.join(self.path, CURRENT_FILE))
        if name is not None:
            return os.path.join(self.path, name)
        if not create:
            return None
        with self._lock:
            os.makedirs(self.path, exist_ok=True)
            name = _read_text(os.path.join(self.path, CURRENT_FILE))
            if name is None:
                directory = self.create_index_dir()
                # Another process may have created one meanwhile: only the first pointer wins.
                pointer = os.path.join(self.path, CURRENT_FILE)
                try:
                    fd = os.open(pointer, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
                except FileExistsError:
                    shutil.rmtree(directory, ignore_errors=True)
                else:
                    with os.fdopen(fd, "w", encoding="utf-8") as f:
                        f.write(os.path.basename(directory))
                name = _read_text(pointer)
            return os.path.join(self.path, name)

    def create_index_dir(self):
        os.makedirs(self.path, exist_ok=True)
        name = f"index-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
        directory = os.path.join(self.path, name)
        os.makedirs(directory)
        index.create_in(directory, build_schema(self.lang, self.stoplist))
        _write_atomic(os.path.join(directory, FORMAT_FILE), str(FORMAT_VERSION))
        return directory

    def rebuilding_dir(self):
        name = _read_text(os.path.join(self.path, REBUILDING_FILE))
        return os.path.join(self.path, name) if name else None

    def open_index(self, directory, use=None):
        """The index in ``directory`` (or ``use(index)``), at its newest generation.

        Another process may commit between listing the generations and opening the newest one,
        and remove it: opening is then tried again on the generation that replaced it. An index
        of an earlier layout (see ``FORMAT_VERSION``) is refused rather than misread.
        """
        version = _read_text(os.path.join(directory, FORMAT_FILE))
        if version != str(FORMAT_VERSION) and os.path.isdir(directory):
            logger.error(
                "Search index at %s has layout %r and cannot be read by this version (layout %s)",
                directory,
                version or "1",
                FORMAT_VERSION,
            )
            raise SearchIndexUnavailable(
                f"The search index at {directory} was written by an earlier version of the "
                "backend; rebuild it with `manage.py rebuild_modelsearch_index` "
                "(Wagtail: `update_index`)."
            )
        for attempt in range(OPEN_ATTEMPTS):
            try:
                ix = OpeningStorage(directory).open_index_or_close()
                return use(ix) if use is not None else ix
            except FileNotFoundError as exc:
                error = exc
                if attempt + 1 < OPEN_ATTEMPTS:
                    time.sleep(OPEN_RETRY_DELAY)
            except Exception as exc:
                error = exc
                break
        logger.error("Search index at %s cannot be opened: %r", directory, error)
        raise SearchIndexUnavailable(
            f"The search index at {directory} cannot be opened; rebuild it with "
            "`manage.py rebuild_modelsearch_index` (Wagtail: `update_index`)."
        ) from error

    # Reading

    def _thread_state(self):
        state = self._local
        if not hasattr(state, "searcher"):
            state.searcher = None
            state.retired = None
            state.key = None
            state.epoch = -1
            state.filter_cache = OrderedDict()
            state.score_cache = OrderedDict()
        return state

    def searcher(self):
        """Return this thread's searcher, reopened when the index has changed."""
        directory = self.current_dir()
        try:
            toc_key = (directory, index.TOC._latest_generation(FileStorage(directory), "MAIN"))
        except Exception as exc:
            logger.error("Search index at %s cannot be read: %r", directory, exc)
            raise SearchIndexUnavailable(
                f"The search index at {directory} cannot be read."
            ) from exc
        state = self._thread_state()
        if state.searcher is None or state.key != toc_key or state.epoch != self._epoch:
            # A fresh searcher rather than refresh(): refresh() in whoosh-reloaded 2.7.5 kept
            # replaced documents visible.
            new_searcher = self.open_index(directory, use=lambda ix: ix.searcher())
            with self._lock:
                self._open_searchers.add(new_searcher)
                # Results of this thread may still read the previous searcher: close the one before.
                if state.retired is not None:
                    self._open_searchers.discard(state.retired)
                    state.retired.close()
            state.retired = state.searcher if state.epoch == self._epoch else None
            state.searcher = new_searcher
            state.key = toc_key
            state.epoch = self._epoch
            state.filter_cache = OrderedDict()
            state.score_cache = OrderedDict()
        return state.searcher

    def _kept(self, searcher, cache_name, key, size, compute):
        """``compute()``, kept in this thread's cache ``cache_name`` while ``searcher`` is current."""
        state = self._thread_state()
        cache = getattr(state, cache_name) if state.searcher is searcher else None
        if cache is not None and key in cache:
            cache.move_to_end(key)
            return cache[key]
        value = compute()
        if cache is not None:
            cache[key] = value
            while len(cache) > size:
                cache.popitem(last=False)
        return value

    def filter_docs(self, searcher, filter_query):
        """The set of document numbers ``filter_query`` matches in ``searcher``, cached with it.

        Whoosh turns a filter query into this set on every search by walking every document it
        matches; a permission filter matches most of the index, so at 50,000 pages that walk
        cost more than the search itself. The same few filters recur: the set is kept with the
        searcher, and each segment's part is kept with the segment, so that after a write only
        the new small segment is walked again.
        """
        key = repr(filter_query)

        def compose():
            docs = set()
            for leaf, offset in searcher.leaf_searchers():
                reader = leaf.reader()
                # Deleted or not: documents deleted later are left out below.
                part = segment_cached(
                    reader,
                    ("filter", key),
                    lambda leaf=leaf: frozenset(filter_query.docs(leaf)),
                )
                deleted = reader.deleted_docs_set if reader.has_deletions() else ()
                if deleted:
                    docs.update(docnum + offset for docnum in part if docnum not in deleted)
                elif offset:
                    docs.update(docnum + offset for docnum in part)
                else:
                    docs.update(part)
            return docs

        return self._kept(searcher, "filter_cache", key, FILTER_CACHE_SIZE, compose)

    def filter_mask(self, searcher, filter_query, docs):
        """``docs`` (the filter's document set) as a bytearray over the searcher's documents."""
        return self._kept(
            searcher,
            "filter_cache",
            ("mask", repr(filter_query)),
            FILTER_CACHE_SIZE,
            lambda: mask_for(docs, searcher.reader().doc_count_all()),
        )

    def has_scores(self, searcher, key):
        """True when ``scores(searcher, key, ...)`` would not compute anything."""
        state = self._thread_state()
        return state.searcher is searcher and key in state.score_cache

    def scores(self, searcher, key, compute):
        """``compute()``, kept with this thread's searcher under ``key`` for the next few calls.

        One search page asks for the same query's hits, counts and facets under the same filter;
        the scores are worked out once.
        """
        return self._kept(searcher, "score_cache", key, SCORE_CACHE_SIZE, compute)

    def reopen_searcher(self):
        """Make this thread's next `searcher()` call open a new searcher."""
        self._thread_state().key = None

    def forget_searcher(self):
        """Close every searcher of this index in this process (after a reset or a swap)."""
        with self._lock:
            for searcher in self._open_searchers:
                searcher.close()
            self._open_searchers = set()
            self._epoch += 1
        state = self._thread_state()
        state.searcher = state.retired = None

    # Writing

    def open_writer(self, ix, packed=True, **kwargs):
        """Wait for the write lock instead of failing when another process holds it.

        New segments are written with ``PackedCodec`` when ``packed``, else with Whoosh's own.
        """
        if packed:
            kwargs.setdefault("codec", PackedCodec())
        timeout = self.options["lock_timeout"]
        deadline = time.monotonic() + timeout
        while True:
            try:
                return ix.writer(timeout=min(5.0, timeout), delay=WRITE_LOCK_POLL, **kwargs)
            except LockError as exc:
                if time.monotonic() >= deadline:
                    logger.error(
                        "Search index %s stayed locked for %s s", ix.storage.folder, timeout
                    )
                    raise SearchIndexUnavailable(
                        f"The search index stayed locked for {timeout} seconds."
                    ) from exc

    def write(self, apply, directory=None, packed=True):
        """Run ``apply(writer)`` in one committed transaction on the live (or given) index.

        When ``apply`` returns False it changed nothing and the writer is let go uncommitted.
        """
        directory = directory or self.current_dir()
        ix = self.open_index(directory)
        writer = self.open_writer(ix, packed=packed, limitmb=64, compound=False)
        try:
            changed = apply(writer)
        except BaseException:
            writer.cancel()
            raise
        if changed is False:
            writer.cancel()
            return
        # Non-compound segments (compound=False above) make reopening a searcher cheap.
        writer.commit(optimize=False, mergetype=merge_small_in_batches)

    def journal(self, directory, lines):
        if not lines:
            return
        with open(os.path.join(directory, JOURNAL_FILE), "a", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in lines))
            f.flush()
            os.fsync(f.fileno())

    def swap_in(self, directory):
        """Make ``directory`` the live index and remove older ones."""
        previous = _read_text(os.path.join(self.path, CURRENT_FILE))
        _write_atomic(os.path.join(self.path, CURRENT_FILE), os.path.basename(directory))
        keep = {os.path.basename(directory), previous}
        # Keep the index just replaced: other processes may still be reading it.
        for name in os.listdir(self.path):
            full = os.path.join(self.path, name)
            stale = name.startswith("index-") and name not in keep and os.path.isdir(full)
            if stale and full != self.rebuilding_dir():
                shutil.rmtree(full, ignore_errors=True)

    def reset(self):
        directory = self.create_index_dir()
        self.swap_in(directory)
        self.forget_searcher()
