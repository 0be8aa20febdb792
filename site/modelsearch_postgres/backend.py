"""modelsearch's PostgreSQL backend with index-ordered top-k, Dutch analysis and the extras a
site search asks for (highlighted snippets, "did you mean", results and facet in one go)."""

import re
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import DatabaseError, connections, router
from django.db.models import BooleanField, CharField, Count, F, FloatField, Func
from django.db.models.expressions import Expression
from django.db.models.functions import Cast
from django.db.models.sql.subqueries import InsertQuery
from django.utils.html import escape

from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchAtomicRebuilder,
    PostgresSearchRebuilder,
)
from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchBackend as BasePostgresSearchBackend,
)
from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchQueryCompiler as BasePostgresSearchQueryCompiler,
)
from modelsearch.backends.database.postgres.postgres import (
    PostgresSearchResults as BasePostgresSearchResults,
)
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import Boost, Fuzzy, MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from . import schema

# Control characters no indexed text contains mark the highlighted words in ts_headline's output,
# so the text around them can be escaped before they become <mark> tags.
_START, _STOP = "\x02", "\x03"
_WORD = re.compile(r"\w+")
# How many more entries than a page needs are taken from the RUM index before the final order.
TIE_MARGIN = 20
# Batches of matches read from the RUM index (each eight times the last) before a search whose
# filters keep few of them is left to the database's own plan.
CANDIDATE_ROUNDS = 2


class Document(Expression):
    """A stored column of the joined index entry: the document (`schema.DOCUMENT_COLUMN`) or
    the rank vector (`schema.RANK_COLUMN`)."""

    output_field = SearchVectorField()

    def __init__(self, prefix: str, column: str = schema.DOCUMENT_COLUMN):
        super().__init__()
        # The title column's reference carries the join's table alias; the column sits beside it.
        self.source = [F(f"{prefix}title")]
        self.column = column

    def get_source_expressions(self):
        return self.source

    def set_source_expressions(self, exprs):
        self.source = list(exprs)

    def as_sql(self, compiler, connection):
        title_sql, params = compiler.compile(self.source[0])
        alias = title_sql.rsplit(".", 1)[0]
        return f"{alias}.{connection.ops.quote_name(self.column)}", params


class Distance(Func):
    """RUM's `<=>`: 1 / `rum_ts_score`, computed from the index when it orders the scan."""

    arg_joiner = " <=> "
    template = "(%(expressions)s)"
    output_field = FloatField()


class Score(Func):
    """RUM's score of a document for a query (a cover density; not PostgreSQL's ts_rank)."""

    function = "rum_ts_score"
    output_field = FloatField()


def _has_phrase(query) -> bool:
    if isinstance(query, Phrase):
        return True
    return any(_has_phrase(child) for child in getattr(query, "subqueries", ()))


def _has_not(query) -> bool:
    if isinstance(query, Not):
        return True
    return any(_has_not(child) for child in getattr(query, "subqueries", ()))


def _boosted(query) -> bool:
    if isinstance(query, Boost):
        return True
    children = getattr(query, "subqueries", None) or [getattr(query, "subquery", None)]
    return any(child is not None and _boosted(child) for child in children)


class _IndexOrderedSearch:
    """The query compilers' shared search: match and rank on one indexed document column,
    ordered from the RUM index by its score when there is one, else by ts_rank over the GIN
    index's matches."""

    # Set by modelsearch's query compiler this class is mixed into.
    query: object
    fields: list | None

    def document(self, prefix="index_entries__"):
        """The indexed document, reached from the searched model (or from an index entry, with
        an empty ``prefix``)."""
        raise NotImplementedError

    def rank_vector(self, prefix="index_entries__"):
        """The vector the RUM index holds and ranks by: the same words as the document (it
        matches the same entries for a query without phrases), fewer positions."""
        return self.document(prefix)

    def ranks_as_modelsearch(self, backend) -> bool:
        """Whether this search takes modelsearch's own path: a rank expression per boosted part
        of the query, no index order."""
        query = self.query
        return (
            backend is None
            or self.fields is not None
            or isinstance(query, (MatchAll, Fuzzy))
            or (isinstance(query, Not) and isinstance(query.subquery, MatchAll))
            or _boosted(query)
        )

    def search(self, config, start, stop, score_field=None, backend=None):
        query = self.query
        if self.ranks_as_modelsearch(backend):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        self.exact_config = backend.exact_config
        search_query = self.build_tsquery(query, config=config)
        # Ranked by the query's words; a phrase adds no rank of its own (see relaxed_tsquery).
        relaxed = self.relaxed_tsquery(query, config)
        rank_query = relaxed or search_query
        # A phrase under a NOT can only be told from the whole document's positions.
        in_index = backend.ranks_in_index() and (relaxed is not None or not _has_phrase(query))
        if in_index:
            # Matched and ranked on the rank vector, whose RUM index gives its entries in the
            # order of RUM's own score (a cover density, `rum_ts_score`); phrases are checked on
            # the whole document.
            vector = self.rank_vector()
            queryset = self.queryset.annotate(_rank_=vector).filter(_rank_=rank_query)
            if relaxed is not None:
                queryset = queryset.annotate(_document_=self.document()).filter(
                    _document_=search_query
                )
            rank = Score(F("_rank_"), rank_query)
            order = Distance(F("_rank_"), rank_query).asc()
        else:
            queryset = self.queryset.annotate(_document_=self.document()).filter(
                _document_=search_query
            )
            rank = SearchRank(F("_document_"), rank_query)
            order = rank.desc()
        if self.order_by_relevance:
            if stop is not None and in_index:
                # Entries of equal rank come from the index in no fixed order, so a few more
                # than asked for are taken and put in a fixed order (rank, then primary key): the
                # same slice of the same index gives the same objects.
                best = self.best_matches(
                    queryset, search_query, stop + max(stop, TIE_MARGIN), relaxed=relaxed
                )
                if best is not None:
                    queryset = self.queryset.annotate(_rank_=vector).filter(pk__in=best)
            queryset = queryset.order_by(order, "-pk")
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
            rank = F("pk")
        if score_field is not None:
            queryset = queryset.annotate(**{score_field: rank})
        return queryset[start:stop]

    def index_match(self, backend):
        """The query for this search that the RUM index answers on its own (words, no phrase
        and no NOT), or None."""
        query = self.query
        if (
            self.ranks_as_modelsearch(backend)
            or _has_phrase(query)
            or _has_not(query)
            or not backend.ranks_in_index()
        ):
            return None
        self.exact_config = backend.exact_config
        return self.build_tsquery(query, config=self.get_config(backend))

    relax_phrases = False

    def relaxed_tsquery(self, query, config):
        """For a query with phrases and without NOT, the same query with each phrase's words
        required anywhere instead (or None).

        It has the same words, so PostgreSQL ranks an entry the same for both, and it matches at
        least the same entries: the RUM index can give its matches in rank order from the index
        alone, and checking the phrases on those, in that order, finds the query's best matches.
        The index checks a phrase itself only by reading positions for every entry with its
        words, and the rank vector keeps too few positions to tell a phrase.
        """
        if _has_not(query) or not _has_phrase(query):
            return None
        self.relax_phrases = True
        try:
            return self.build_tsquery(query, config=config)
        finally:
            self.relax_phrases = False

    def build_tsquery_content(self, query, config=None, invert=False):
        if self.relax_phrases and isinstance(query, Phrase):
            return SearchQuery(query.query_string, search_type="plain", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def best_matches(self, queryset, search_query, wanted, relaxed=None):
        """The primary keys of the best ``wanted`` matches in ``queryset``, from the RUM index.

        The index is read on its own, in rank order, and the queryset's filters are applied to
        what it gives, a batch at a time, until enough objects pass them. Joined to the filtered
        objects in one query, PostgreSQL would rather rank every match of a common word. With a
        ``relaxed`` query (see `relaxed_tsquery`), the index is read in its order and the
        phrases are checked on each entry it gives.
        """
        entries = (
            IndexEntry.objects.using(queryset.db)
            .filter(content_type_id__in=get_descendants_content_types_pks(queryset.model))
            .annotate(_rank_=self.rank_vector(prefix=""))
            .filter(_rank_=relaxed or search_query)
        )
        if relaxed is not None:
            # A function call, not the @@ operator, so the planner checks it on each entry the
            # index gives instead of making the index check it.
            entries = entries.alias(
                _phrases_=Func(
                    self.document(prefix=""),
                    search_query,
                    function="ts_match_vq",
                    output_field=BooleanField(),
                )
            ).filter(_phrases_=True)
        entries = entries.order_by(Distance(F("_rank_"), relaxed or search_query).asc())
        entries = entries.values_list("object_id", flat=True)
        to_pk = queryset.model._meta.pk.to_python
        batch = wanted * 2
        for _ in range(CANDIDATE_ROUNDS):
            candidates = [to_pk(object_id) for object_id in entries[:batch]]
            ranked = {pk: place for place, pk in enumerate(candidates)}
            passed = sorted(
                queryset.order_by().filter(pk__in=candidates).values_list("pk", flat=True),
                key=ranked.__getitem__,
            )
            if len(passed) >= wanted or len(candidates) < batch:
                return passed[:wanted]
            batch *= 8
        # The filters keep few of the matches: let PostgreSQL join and rank them all.
        return None


class PostgresSearchQueryCompiler(_IndexOrderedSearch, BasePostgresSearchQueryCompiler):
    exact_config = None

    def document(self, prefix="index_entries__"):
        return Document(prefix)

    def rank_vector(self, prefix="index_entries__"):
        return Document(prefix, schema.RANK_COLUMN)

    def build_tsquery_content(self, query, config=None, invert=False):
        if not isinstance(query, PlainText) or invert or self.exact_config is None:
            return super().build_tsquery_content(query, config=config, invert=invert)
        terms = [term for term in re.split(r"[\s\-]+", query.query_string) if term]
        if not terms:
            return None
        combined = None
        for term in terms:
            # Each word matches by its stem; its typed form, also in the document for titles,
            # adds to the rank of the entries that contain it as typed.
            either = SearchQuery(Lexeme(term), search_type="raw", config=config) | SearchQuery(
                Lexeme(term), search_type="raw", config=self.exact_config
            )
            if combined is None:
                combined = either
            elif query.operator == "and":
                combined &= either
            else:
                combined |= either
        return combined


class PostgresAutocompleteCompiler(_IndexOrderedSearch, PostgresAutocompleteQueryCompiler):
    def document(self, prefix="index_entries__"):
        return F(f"{prefix}autocomplete")


class PostgresSearchResults(BasePostgresSearchResults):
    supports_results_and_facet = True

    def results_and_facet(self, field_name):
        """``(list(results), results.facet(field_name))``."""
        return list(self), self.facet(field_name)

    def facet(self, field_name):
        # modelsearch's facet() keeps the search's ordering and score; counting needs neither.
        field = self.query_compiler._get_filterable_field(field_name)
        if field is None:
            return super().facet(field_name)
        match = self.query_compiler.index_match(self.backend)
        if match is not None:
            return self.facet_from_index(field_name, match)
        queryset = self.query_compiler.search(
            self.query_compiler.get_config(self.backend), None, None, backend=self.backend
        )
        rows = (
            queryset.order_by()
            .values(field_name)
            .annotate(count=Count("pk"))
            .order_by("-count", field_name)
        )
        return OrderedDict((row[field_name], row["count"]) for row in rows)

    def facet_from_index(self, field_name, match):
        """The facet of a search the RUM index answers on its own, its matches read from the
        index's bitmap.

        The planner would rather read every entry of the index table and compare its stored rank
        vector (it does not count fetching each vector from TOAST): 180-220 ms for a word on all
        of 50,000 entries, where the index's bitmap gives the same matches in about 30 ms. The
        entries' content type is compared as an expression so that its B-tree index is no way
        round either, and sequential scans are off for this one statement.
        """
        compiler = self.query_compiler
        db = compiler.queryset.db
        objects = (
            compiler.queryset.order_by()
            .annotate(_facet_key_=Cast("pk", CharField()), _facet_value_=F(field_name))
            .values("_facet_key_", "_facet_value_")
        )
        entries = (
            IndexEntry.objects.using(db)
            .annotate(
                facet_type=F("content_type_id") + 0,
                _rank_=compiler.rank_vector(prefix=""),
            )
            .filter(
                facet_type__in=get_descendants_content_types_pks(compiler.queryset.model),
                _rank_=match,
            )
            .values("object_id")
        )
        connection = connections[db]
        objects_sql, objects_params = objects.query.get_compiler(using=db).as_sql()
        entries_sql, entries_params = entries.query.get_compiler(using=db).as_sql()
        with connection.cursor() as cursor:
            # For the session, put back below: a change inside a transaction that fails is
            # undone with it.
            cursor.execute(
                "SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', false)"
            )
            before = cursor.fetchone()[0]
            try:
                cursor.execute(
                    # Both parts are the ORM's SQL; the values are parameters.
                    f'SELECT o."_facet_value_", COUNT(*) FROM ({objects_sql}) o '  # noqa: S608
                    f'JOIN ({entries_sql}) e ON e."object_id" = o."_facet_key_" '
                    "GROUP BY 1 ORDER BY 2 DESC, 1",
                    (*objects_params, *entries_params),
                )
                rows = cursor.fetchall()
            finally:
                with suppress(DatabaseError):
                    cursor.execute("SELECT set_config('enable_seqscan', %s, false)", [before])
        return OrderedDict(rows)


class OnceObjectIndexer(ObjectIndexer):
    """modelsearch's indexer, reading each search field of the object once.

    Its title, body, autocomplete and plain-text properties each walk all search fields; a
    StreamField's text extraction, done five times an object, was most of a rebuild's time.
    """

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self._prepared = {}

    def prepare_field(self, obj, field):
        if obj is not self.obj:
            # A related object's field, read once inside its parent's prepared field.
            yield from super().prepare_field(obj, field)
            return
        if id(field) not in self._prepared:
            self._prepared[id(field)] = list(super().prepare_field(obj, field))
        yield from self._prepared[id(field)]


class BackgroundWriter:
    """Runs a batch's statements on a connection of its own while the caller prepares the next
    batch, so that PostgreSQL's text analysis of one batch and the text extraction of the next in
    Python overlap (a rebuild spends about a third of its time in each). One batch is in flight at
    a time; an error is raised by the next call."""

    def __init__(self, alias):
        self.alias = alias
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="modelsearch-writer")
        self.pending = None

    def _run(self, statements):
        # Django's connections are per thread: this is the writer thread's own.
        with connections[self.alias].cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)

    def submit(self, statements):
        self.wait()
        self.pending = self.executor.submit(self._run, statements)

    def wait(self):
        pending, self.pending = self.pending, None
        if pending is not None:
            pending.result()

    def close(self):
        try:
            self.wait()
        finally:
            self.executor.submit(lambda: connections[self.alias].close()).result()
            self.executor.shutdown()


class PostgresWordIndex(PostgresIndex):
    """modelsearch's index, reading each object's fields once and keeping the words it has seen
    for suggestions."""

    # During a full rebuild the rebuilder refreshes every entry's title norm at the end, and its
    # statements may run in a BackgroundWriter.
    refresh_title_norms = True
    writer = None

    # add_items follows modelsearch's PostgresIndex.add_items (BSD licence, see NOTICE).
    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        indexers = [OnceObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(IndexEntry).get_compiler(connection=self.write_connection)
        rows, params = [], []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    IndexEntry._meta.get_field(name), getattr(indexer, name)
                )
                sql, vector_params = value.as_sql(compiler, self.write_connection)
                vectors.append(sql)
                params.extend(vector_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
        statements = [
            (
                # The table name is model metadata; the values are parameters.
                f"INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title, "
                f"autocomplete, body, title_norm, title_text, body_text) (VALUES {', '.join(rows)}) "
                "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title, "
                "title_norm = 1.0, autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
                "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                params,
            )
        ]
        # Each distinct whitespace-separated token once: PostgreSQL's parser reads no word across
        # whitespace, so they give the same words as the whole texts (analysing every word of the
        # batch again cost more than its body vectors; docs/benchmarks.md).
        tokens = set()
        for indexer in indexers:
            tokens.update(indexer.title_text.split())
            tokens.update(indexer.body_text.split())
        texts = " ".join(tokens)
        if texts:
            statements.append(
                (
                    f"INSERT INTO {schema.WORD_TABLE} (word) "  # noqa: S608
                    "SELECT DISTINCT word FROM unnest(tsvector_to_array("
                    "to_tsvector(%s::regconfig, %s))) AS word "
                    "WHERE length(word) BETWEEN 3 AND 40 ON CONFLICT DO NOTHING",
                    [self.backend.autocomplete_config, texts],
                )
            )
        if self.writer is not None:
            self.writer.submit(statements)
            return
        with self.write_connection.cursor() as cursor:
            for sql, statement_params in statements:
                cursor.execute(sql, statement_params)
        if self.refresh_title_norms:
            self._refresh_title_norms()


def _analyze(connection):
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {schema.INDEX_TABLE}")


class BulkRebuilder(PostgresSearchRebuilder):
    """A full rebuild that builds the full-text indexes once at the end instead of updating them
    entry by entry (see `schema.set_aside_indexes`), then refreshes the planner's statistics:
    without them PostgreSQL guesses a handful of matches and may join a common word's thousands in
    a nested loop."""

    def start(self):
        index = super().start()
        connection = index.write_connection
        schema.set_aside_indexes(connection)
        index.refresh_title_norms = False
        if not connection.in_atomic_block:
            # Outside a transaction each batch commits on its own: it may as well be written by
            # another connection.
            index.writer = BackgroundWriter(connection.alias)
        return index

    def finish(self):
        if self.index.writer is not None:
            self.index.writer.close()
            self.index.writer = None
        super().finish()
        self.index.refresh_title_norms = True
        schema.restore_indexes(self.index.write_connection)
        _analyze(self.index.write_connection)


class AnalyzingAtomicRebuilder(PostgresSearchAtomicRebuilder):
    """The rebuild in one transaction keeps its indexes (dropping one would lock every search out
    until the commit) and refreshes the planner's statistics at the end."""

    def finish(self):
        super().finish()
        _analyze(self.index.write_connection)


class PostgresSearchBackend(BasePostgresSearchBackend):
    """See the package README for the options."""

    query_compiler_class = PostgresSearchQueryCompiler
    autocomplete_query_compiler_class = PostgresAutocompleteCompiler
    results_class = PostgresSearchResults
    index_class = PostgresWordIndex
    rebuilder_class = BulkRebuilder
    atomic_rebuilder_class = AnalyzingAtomicRebuilder

    supports_highlight = True
    supports_suggestions = True

    def __init__(self, params):
        params = dict(params)
        # Unlike modelsearch's backend, a rebuild writes in place by default (see BulkRebuilder).
        params.setdefault("ATOMIC_REBUILD", False)
        names = schema.config_names(params.pop("LANGUAGE", "dutch"))
        params.setdefault("SEARCH_CONFIG", names["stemmed"])
        super().__init__(params)
        self.exact_config = names["exact"]
        self.autocomplete_config = names["simple"]
        self.suggestion_similarity = float(params.get("SUGGESTION_SIMILARITY", 0.4))

    @property
    def connection(self):
        return connections[router.db_for_read(IndexEntry)]

    def ranks_in_index(self) -> bool:
        return schema.ranks_in_index(self.connection)

    def highlight(self, obj, query: str, max_chars: int = 200) -> str:
        """An HTML-safe snippet of ``obj``'s searchable text, the query's words in <mark>."""
        indexer = ObjectIndexer(obj, self)
        text = " ".join(f"{indexer.title_text} {indexer.body_text}".split())
        words = " ".join(_WORD.findall(query))
        if not text:
            return ""
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT ts_headline(%s::regconfig, %s, plainto_tsquery(%s::regconfig, %s), %s)",
                [
                    self.config,
                    text,
                    self.config,
                    words,
                    f"StartSel={_START}, StopSel={_STOP}, MaxWords=40, MinWords=20, "
                    "MaxFragments=1, HighlightAll=false",
                ],
            )
            headline = cursor.fetchone()[0] if words else text
        if len(headline) > max_chars:
            cut = headline[:max_chars].rsplit(" ", 1)[0]
            headline = cut + (_STOP if cut.count(_START) > cut.count(_STOP) else "") + " …"
        return escape(headline).replace(_START, "<mark>").replace(_STOP, "</mark>")

    def suggest(self, query: str) -> str | None:
        """The query with each word the index does not know replaced by the most similar word it
        knows ("did you mean"), or None when nothing changes."""
        if not schema.extension_installed(self.connection, "pg_trgm"):
            return None
        changed = False
        corrected = []
        with self.connection.cursor() as cursor:
            for word in _WORD.findall(query.lower()):
                cursor.execute(
                    "SELECT array_to_string(tsvector_to_array(to_tsvector(%s::regconfig, %s)), ' ')",
                    [self.autocomplete_config, word],
                )
                folded = cursor.fetchone()[0]
                if len(folded) < 3 or " " in folded:
                    corrected.append(word)
                    continue
                # `%` is pg_trgm's similarity operator, answered from the word table's index.
                cursor.execute(
                    f"SELECT word FROM {schema.WORD_TABLE} WHERE word = %s OR (word %% %s "  # noqa: S608
                    "AND similarity(word, %s) >= %s) ORDER BY word = %s DESC, "
                    "similarity(word, %s) DESC, word LIMIT 1",
                    [folded, folded, folded, self.suggestion_similarity, folded, folded],
                )
                row = cursor.fetchone()
                if row is None or row[0] == folded:
                    corrected.append(word)
                else:
                    corrected.append(row[0])
                    changed = True
        return " ".join(corrected) if changed else None


SearchBackend = PostgresSearchBackend
