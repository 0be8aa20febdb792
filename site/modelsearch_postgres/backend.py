"""modelsearch's PostgreSQL backend with index-ordered top-k, Dutch analysis and the extras a
site search asks for (highlighted snippets, "did you mean", results and facet in one go)."""

import re
from collections import OrderedDict

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections, router
from django.db.models import Count, F, FloatField, Func
from django.db.models.expressions import Expression
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
from modelsearch.query import Boost, Fuzzy, MatchAll, Not, PlainText

from . import schema

# Control characters no indexed text contains mark the highlighted words in ts_headline's output,
# so the text around them can be escaped before they become <mark> tags.
_START, _STOP = "\x02", "\x03"
_WORD = re.compile(r"\w+")
# How many more entries than a page needs are taken from the RUM index before the final order.
TIE_MARGIN = 20


class Document(Expression):
    """The stored document column (`schema.DOCUMENT_COLUMN`) of the joined index entry."""

    output_field = SearchVectorField()

    def __init__(self, prefix: str):
        super().__init__()
        # The title column's reference carries the join's table alias; the document sits beside it.
        self.source = [F(f"{prefix}title")]

    def get_source_expressions(self):
        return self.source

    def set_source_expressions(self, exprs):
        self.source = list(exprs)

    def as_sql(self, compiler, connection):
        title_sql, params = compiler.compile(self.source[0])
        alias = title_sql.rsplit(".", 1)[0]
        return f"{alias}.{connection.ops.quote_name(schema.DOCUMENT_COLUMN)}", params


class Distance(Func):
    """RUM's `<=>`: 1 / ts_rank, computed from the index when it orders the scan."""

    arg_joiner = " <=> "
    template = "(%(expressions)s)"
    output_field = FloatField()


def _boosted(query) -> bool:
    if isinstance(query, Boost):
        return True
    children = getattr(query, "subqueries", None) or [getattr(query, "subquery", None)]
    return any(child is not None and _boosted(child) for child in children)


class _IndexOrderedSearch:
    """The query compilers' shared search: match and rank on one indexed document column,
    ordered from the RUM index when there is one, else by ts_rank over the GIN index's matches."""

    def document(self, backend):
        raise NotImplementedError

    def search(self, config, start, stop, score_field=None, backend=None):
        query = self.query
        if (
            backend is None
            or self.fields is not None
            or isinstance(query, (MatchAll, Fuzzy))
            or (isinstance(query, Not) and isinstance(query.subquery, MatchAll))
            or _boosted(query)
        ):
            # modelsearch's own ranking: a rank expression per boosted part of the query.
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        self.exact_config = backend.exact_config
        search_query = self.build_tsquery(query, config=config)
        document = self.document(backend)
        queryset = self.queryset.annotate(_document_=document).filter(_document_=search_query)
        rank = SearchRank(F("_document_"), search_query)
        if self.order_by_relevance:
            if stop is not None and backend.ranks_in_index():
                # The RUM index gives the best matches in order without scoring the others.
                # Entries of equal rank come in no fixed order, so a few more than asked for are
                # taken and put in a fixed order (rank, then primary key), as the GIN path has
                # them: the same slice of the same index gives the same objects.
                candidates = queryset.order_by(
                    Distance(F("_document_"), search_query).asc()
                ).values("pk")[: stop + max(stop, TIE_MARGIN)]
                queryset = self.queryset.annotate(_document_=document).filter(pk__in=candidates)
            queryset = queryset.order_by(rank.desc(), "-pk")
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
            rank = F("pk")
        if score_field is not None:
            queryset = queryset.annotate(**{score_field: rank})
        return queryset[start:stop]


class PostgresSearchQueryCompiler(_IndexOrderedSearch, BasePostgresSearchQueryCompiler):
    exact_config = None

    def document(self, backend):
        return Document("index_entries__")

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
    def document(self, backend):
        return F("index_entries__autocomplete")


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


class PostgresWordIndex(PostgresIndex):
    """modelsearch's index, also keeping the words it has seen for suggestions."""

    def add_items(self, model, objs):
        super().add_items(model, objs)
        texts = []
        for obj in objs:
            indexer = ObjectIndexer(obj, self.backend)
            texts.append(f"{indexer.title_text} {indexer.body_text}")
        if not any(texts):
            return
        with self.write_connection.cursor() as cursor:
            # The table name is the package's constant; the texts are parameters.
            cursor.execute(
                f"INSERT INTO {schema.WORD_TABLE} (word) "  # noqa: S608
                "SELECT DISTINCT word FROM unnest(tsvector_to_array("
                "to_tsvector(%s::regconfig, %s))) AS word WHERE length(word) BETWEEN 3 AND 40 "
                "ON CONFLICT DO NOTHING",
                [self.backend.autocomplete_config, " ".join(texts)],
            )


class _Analyzed:
    """After a rebuild, fresh planner statistics for the document index: without them PostgreSQL
    guesses a handful of matches and may join a common word's thousands in a nested loop."""

    def finish(self):
        super().finish()
        with self.index.write_connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {schema.INDEX_TABLE}")


class AnalyzingRebuilder(_Analyzed, PostgresSearchRebuilder):
    pass


class AnalyzingAtomicRebuilder(_Analyzed, PostgresSearchAtomicRebuilder):
    pass


class PostgresSearchBackend(BasePostgresSearchBackend):
    """See the package README for the options."""

    query_compiler_class = PostgresSearchQueryCompiler
    autocomplete_query_compiler_class = PostgresAutocompleteCompiler
    results_class = PostgresSearchResults
    index_class = PostgresWordIndex
    rebuilder_class = AnalyzingRebuilder
    atomic_rebuilder_class = AnalyzingAtomicRebuilder

    supports_highlight = True
    supports_suggestions = True

    def __init__(self, params):
        params = dict(params)
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
